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
import { strToU8, zipSync } from 'fflate';

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

/** One pupil's marks for the 380 sessions of openDays(), seeded (the long file's mix of absence). */
function pupilMarks(random: () => number): string[] {
  const absentRate = random() < 0.15 ? 0.2 : 0.04;
  const out: string[] = [];
  for (let k = 0; k < 380; k++) {
    const r = random();
    out.push(r > absentRate ? (r > 0.985 ? 'L' : k & 1 ? '\\' : '/') : r < absentRate * 0.5 ? 'I' : 'N');
  }
  return out;
}

const upnOf = (p: number) => {
  const body = `9384123${String(p).padStart(5, '0')}`;
  return `${upnCheckLetter(body)}${body}`;
};

/**
 * A CTF XML (../shared/domain/exports.md) for `pupils` pupils: names, DOB, sex, NC year and a YearData with totals
 * and the year's marks from 2 September 2024, one per weekday session, `#` in the holidays. Streamed to disk.
 */
export function writeCtfFile(path: string, pupils: number): number {
  if (existsSync(path)) return statSync(path).size;
  mkdirSync(new URL('.', `file://${path}`).pathname, { recursive: true });
  const tmp = `${path}.part`;
  const fd = openSync(tmp, 'w');
  const random = rng(pupils + 7);
  const days = yearSlots(2024).days.slice(0, 200);
  const closed = days.map((iso) => HOLIDAYS.some(([a, b]) => iso >= a && iso <= b));
  let buf =
    '<?xml version="1.0" encoding="UTF-8"?>\n<CTfile><Header><Version>24.0</Version></Header><CTFpupilData>\n';
  let bytes = 0;
  for (let p = 0; p < pupils; p++) {
    const m = pupilMarks(random);
    const marks: string[] = [];
    let poss = 0;
    let att = 0;
    let auth = 0;
    let unauth = 0;
    let k = 0;
    for (let d = 0; d < days.length; d++)
      for (let s = 0; s < 2; s++) {
        if (closed[d]) {
          marks.push('#');
          continue;
        }
        const x = m[k++ % 380];
        marks.push(x);
        poss++;
        if (x === 'I') auth++;
        else if (x === 'N') unauth++;
        else att++;
      }
    buf +=
      `<Pupil><UPN>${upnOf(p)}</UPN><Surname>${SURNAMES[p % 12]}</Surname><Forename>${FORENAMES[(p * 7) % 12]}</Forename>` +
      `<DOB>2012-0${1 + (p % 9)}-1${p % 10}</DOB><Sex>${p % 2 ? 'M' : 'F'}</Sex><BasicDetails><NCyearActual>${7 + (p % 5)}</NCyearActual></BasicDetails>` +
      `<Attendance><YearData><Year>2024</Year><SessionsPossible>${poss}</SessionsPossible><SessionsAuthorised>${auth}</SessionsAuthorised>` +
      `<SessionsAttended>${att}</SessionsAttended><SessionsUnauthorised>${unauth}</SessionsUnauthorised><AttendSessions>` +
      `<AttendanceStartDate>2024-09-02</AttendanceStartDate><AttendanceMarks>${marks.join(',')}</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil>\n`;
    if (buf.length > 4_000_000) {
      bytes += writeSync(fd, buf);
      buf = '';
    }
  }
  buf += '</CTFpupilData></CTfile>\n';
  bytes += writeSync(fd, buf);
  closeSync(fd);
  renameSync(tmp, path);
  return bytes;
}

/**
 * A wide .xlsx as a report writer saves it: a title row, UPN / name / year / reg group, then one column per week of
 * 2024/25 (week-commencing date cells) holding the week's run of marks as a shared string.
 */
export function writeWideXlsx(path: string, pupils: number): number {
  if (existsSync(path)) return statSync(path).size;
  mkdirSync(new URL('.', `file://${path}`).pathname, { recursive: true });
  const random = rng(pupils + 3);
  const mondays = yearSlots(2024).days.filter((_, i) => i % 5 === 0 && i < 195);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const col = (c: number) =>
    (c < 26 ? '' : String.fromCharCode(64 + Math.floor(c / 26))) + String.fromCharCode(65 + (c % 26));
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows: string[] = [`<row r="1"><c r="A1" t="s"><v>${str('Weekly attendance 2024/25')}</v></c></row>`];
  const head = ['UPN', 'Name', 'Year', 'Reg Group'].map(
    (h, c) => `<c r="${col(c)}2" t="s"><v>${str(h)}</v></c>`,
  );
  mondays.forEach((iso, w) =>
    head.push(`<c r="${col(4 + w)}2" s="1"><v>${Math.round(Date.parse(iso) / 86_400_000) + 25569}</v></c>`),
  );
  rows.push(`<row r="2">${head.join('')}</row>`);
  for (let p = 0; p < pupils; p++) {
    const r = p + 3;
    const m = pupilMarks(random);
    const cells = [
      `<c r="A${r}" t="s"><v>${str(upnOf(p))}</v></c>`,
      `<c r="B${r}" t="s"><v>${str(`${SURNAMES[p % 12]}, ${FORENAMES[(p * 7) % 12]}`)}</v></c>`,
      `<c r="C${r}"><v>${7 + (p % 5)}</v></c>`,
      `<c r="D${r}" t="s"><v>${str(`${7 + (p % 5)}${'ABCD'[p % 4]}`)}</v></c>`,
    ];
    mondays.forEach((_, w) =>
      cells.push(
        `<c r="${col(4 + w)}${r}" t="s"><v>${str(m.slice((w * 10) % 380, ((w * 10) % 380) + 10).join(''))}</v></c>`,
      ),
    );
    rows.push(`<row r="${r}">${cells.join('')}</row>`);
  }
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const zip = zipSync({
    '[Content_Types].xml': strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    'xl/workbook.xml': strToU8(
      `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Attendance" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      `<styleSheet ${ns}><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<sst ${ns}>${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet ${ns}><sheetData>${rows.join('')}</sheetData></worksheet>`,
    ),
  });
  writeFileSync(path, zip);
  return zip.length;
}
