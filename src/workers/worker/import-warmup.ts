/**
 * JIT warm-up for a fresh import worker: reads made-up exports of the common layouts and runs the save step's
 * in-memory parts on the result (batches, then the store's merge and packing, with no database), so the first real
 * file runs in already-compiled code. A 1,500-pupil wide file read ~70 ms the first time and ~30 ms the fourth: one
 * small file was not enough, so a school-sized wide file (with the codes real exports mix in) is read three times.
 * Run while the user is still choosing a file (a few hundred ms in the worker, reported by the import benchmark);
 * the results are thrown away and nothing is stored.
 */
import { bytesSource } from '../../ingest/source';
import { inspectSource, parseSource, type ParsedImport } from '../../ingest/parse';
import { importBatches } from './import-batches';
import { mergePupil, mergePupilYear } from '../../store/merge';
import { packPupils, packYear } from '../../store/blocks';

/**
 * Week cells in roughly a real export's mix: mostly present, some absence and lateness, no-mark and not-on-roll
 * weeks, and part-time pupils' two-character codes (the slow path). Warmed on present marks alone, the compiled code
 * met the rest first in the real file, and the warmed read was no faster than a cold one.
 */
const WEEK_CELLS = [
  '/,\\,/,\\,/,\\,/,\\,/,\\',
  '/,\\,/,\\,/,\\,/,\\,/,\\',
  '/,\\,L,\\,/,\\,/,\\,/,\\',
  '#,#,/,\\,/,\\,/,\\,/,\\',
  '/,\\,/,\\,I,I,/,\\,/,\\',
  '/,\\,/,\\,/,\\,/,\\,/,\\',
  '-,-,-,-,-,-,-,-,-,-',
  '/,\\,O,O,/,\\,M,M,/,\\',
  '/,\\,/,\\,/,\\,/,\\,/,\\',
  'Z,Z,Z,Z,Z,Z,Z,Z,Z,Z',
  '/,C2,/,C2,/,C2,/,C2,/,C2',
];

/** Mondays from 2 September 2024: always plausible register dates. */
function mondays(n: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const d = new Date(Date.UTC(2024, 8, 2 + 7 * k));
    out.push(
      `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`,
    );
  }
  return out;
}

function wideText(pupils: number, weekCount: number): string {
  const weeks = mondays(weekCount);
  const lines = [`UPN,Surname,Forename,Year,Reg Group,${weeks.join(',')}`];
  for (let p = 0; p < pupils; p++) {
    const cells = weeks.map((_, w) => `"${WEEK_CELLS[(p * 7 + w * 3) % WEEK_CELLS.length]}"`);
    lines.push(`W${String(100000000000 + p)},Pupil${p},Test,7,7A,${cells.join(',')}`);
  }
  return lines.join('\n') + '\n';
}

function summaryText(pupils: number): string {
  const lines = [
    'UPN,Surname,Forename,Year,Period,Possible,Present,Approved activity,Authorised,Unauthorised,Late,Attendance %',
  ];
  for (let p = 0; p < pupils; p++)
    for (const term of ['Autumn 2024', 'Spring 2025'])
      lines.push(
        `W${String(100000000000 + p)},Pupil${p},Test,7,${term},140,${130 + (p % 5)},0,${10 - (p % 5)},0,1,${(((130 + (p % 5)) / 140) * 100).toFixed(1)}%`,
      );
  return lines.join('\n') + '\n';
}

/** The store's in-memory steps of a first import (batches, merge, packing), with no database. */
function warmUpCommit(parsed: ParsedImport): void {
  for (const batch of importBatches(parsed)) {
    const years = batch.years.map((y, i) => mergePupilYear(undefined, y, batch.yearCoverage?.[i]));
    for (let i = 0; i < years.length; i += 32) packYear(years[i].startYear, 0, years.slice(i, i + 32));
    packPupils(
      0,
      batch.pupils.map((p) => mergePupil(undefined, p)),
    );
  }
}

/** Read the made-up files; never throws (a failed warm-up only means a slower first import). */
export async function warmUpParsers(pupils = 500, weeks = 39): Promise<void> {
  const enc = new TextEncoder();
  const wide = enc.encode(wideText(pupils, weeks));
  for (const bytes of [wide, wide, wide, enc.encode(summaryText(pupils))]) {
    try {
      const src = bytesSource(bytes, 'warm-up.csv');
      const info = await inspectSource(src);
      warmUpCommit(await parseSource(src, info.proposal.mapping, { period: info.period }));
    } catch {
      // ignore
    }
  }
}
