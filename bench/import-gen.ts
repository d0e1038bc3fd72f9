/**
 * Benchmark files on disk. Long layout comes from a fast generator of its own (6 columns, as the files measured in
 * ../shared/perf-notes.md: 1,500 pupils ≈ 26 MB, 50,000 ≈ 860 MB), streamed in 4 MB writes; wide and summary come
 * from the simulator's export writers. Files are cached by name: delete bench/out/data to regenerate.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
  writeFileSync,
} from 'node:fs';
import { upnCheckLetter } from '../src/domain/upn';
import { yearSlots } from '../src/domain/register';
import { simulateSchool } from '../src/sim';
import { writeExportBytes } from '../src/sim/writers';

const HOLIDAYS: [string, string][] = [
  ['2024-10-28', '2024-11-01'],
  ['2024-12-23', '2025-01-03'],
  ['2025-02-17', '2025-02-21'],
  ['2025-04-07', '2025-04-18'],
  ['2025-05-26', '2025-05-30'],
];
const SURNAMES = [
  'Adams',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Green',
  'Hughes',
  'Khan',
  'Patel',
  'Smith',
  'Taylor',
  'Wilson',
];
const FORENAMES = [
  'Amelia',
  'Zoë',
  'Siân',
  'Oliver',
  'Noah',
  'Isla',
  'Muhammad',
  'Ava',
  'Leo',
  'Freya',
  'Jack',
  'Mia',
];

/** The first 190 open weekdays of 2024/25 as dd/mm/yyyy. */
function openDays(): string[] {
  const out: string[] = [];
  for (const iso of yearSlots(2024).days) {
    if (HOLIDAYS.some(([a, b]) => iso >= a && iso <= b)) continue;
    out.push(`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
    if (out.length === 190) break;
  }
  return out;
}

/** Seeded xorshift so every run writes the same bytes. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function writeLongFile(path: string, pupils: number): number {
  if (existsSync(path)) return statSync(path).size;
  mkdirSync(new URL('.', `file://${path}`).pathname, { recursive: true });
  const tmp = `${path}.part`;
  const fd = openSync(tmp, 'w');
  const days = openDays();
  const random = rng(pupils);
  let buf = 'UPN,Surname,Forename,Date,Session,Mark\n';
  let bytes = 0;
  const flush = () => {
    bytes += writeSync(fd, buf);
    buf = '';
  };
  for (let p = 0; p < pupils; p++) {
    // Distinct ids for up to 100,000 pupils: serial spread over the last 5 digits.
    const body = `9384123${String(p).padStart(5, '0')}`;
    const id = `${upnCheckLetter(body)}${body},${SURNAMES[p % 12]},${FORENAMES[(p * 7) % 12]},`;
    const absentRate = random() < 0.15 ? 0.2 : 0.04;
    for (const d of days) {
      for (let s = 0; s < 2; s++) {
        const r = random();
        const mark =
          r > absentRate
            ? r > 0.985
              ? 'L'
              : s
                ? '\\'
                : '/'
            : r < absentRate * 0.5
              ? 'I'
              : r < absentRate * 0.7
                ? 'N'
                : r < absentRate * 0.85
                  ? 'M'
                  : 'O';
        buf += id + d + (s ? ',PM,' : ',AM,') + mark + '\n';
      }
    }
    if (buf.length > 4_000_000) flush();
  }
  flush();
  closeSync(fd);
  renameSync(tmp, path);
  return bytes;
}

export function writeSimFiles(dir: string, pupils: number): { wide: string; summary: string } {
  const wide = `${dir}/wide-${pupils}.csv`;
  const summary = `${dir}/summary-${pupils}.csv`;
  if (!existsSync(wide) || !existsSync(summary)) {
    mkdirSync(dir, { recursive: true });
    const school = simulateSchool({ seed: 11, phase: 'secondary', pupils, years: 1, lastStartYear: 2024 });
    writeFileSync(wide, writeExportBytes('wide', school, 2024, {}));
    writeFileSync(summary, writeExportBytes('summary', school, 2024, { period: 'term' }));
  }
  return { wide, summary };
}
