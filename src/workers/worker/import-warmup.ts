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
import { strToU8, zipSync } from 'fflate';

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

/** A CTF XML of `pupils` pupils, each with a term's marks from a start date (start-date.ts and saxes). */
function ctfText(pupils: number): string {
  const marks = Array.from({ length: 12 }, (_, w) => WEEK_CELLS[w % WEEK_CELLS.length]).join(',');
  let out = '<?xml version="1.0" encoding="UTF-8"?><CTfile><CTFpupilData>';
  for (let p = 0; p < pupils; p++)
    out += `<Pupil><UPN>W${100000000000 + p}</UPN><Surname>Pupil${p}</Surname><Forename>Test</Forename><Sex>F</Sex><Attendance><YearData><Year>2024</Year><SessionsPossible>100</SessionsPossible><AttendSessions><AttendanceStartDate>2024-09-02</AttendanceStartDate><AttendanceMarks>${marks}</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil>\n`;
  return out + '</CTFpupilData></CTfile>';
}

/** A wide .xlsx (fflate and the sheet's XML through saxes): shared strings, date cells, numbers. */
function xlsxBytes(pupils: number, weekCount: number): Uint8Array {
  const strings: string[] = [];
  const at = new Map<string, number>();
  const s = (v: string) => at.get(v) ?? (at.set(v, strings.push(v) - 1), strings.length - 1);
  const col = (c: number) =>
    (c < 26 ? '' : String.fromCharCode(64 + Math.floor(c / 26))) + String.fromCharCode(65 + (c % 26));
  const rows = [
    `<row r="1"><c r="A1" t="s"><v>${s('UPN')}</v></c><c r="B1" t="s"><v>${s('Year')}</v></c>${Array.from({ length: weekCount }, (_, w) => `<c r="${col(2 + w)}1" s="1"><v>${45537 + 7 * w}</v></c>`).join('')}</row>`,
  ];
  for (let p = 0; p < pupils; p++)
    rows.push(
      `<row r="${p + 2}"><c r="A${p + 2}" t="s"><v>${s(`W${100000000000 + p}`)}</v></c><c r="B${p + 2}"><v>7</v></c>${Array.from({ length: weekCount }, (_, w) => `<c r="${col(2 + w)}${p + 2}" t="s"><v>${s(WEEK_CELLS[(p * 7 + w * 3) % WEEK_CELLS.length].replace(/,/g, ''))}</v></c>`).join('')}</row>`,
    );
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zipSync({
    'xl/workbook.xml': strToU8(
      `<workbook ${ns}><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>`.replace(
        '<workbook',
        '<workbook xmlns:r="r"',
      ),
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      `<styleSheet ${ns}><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<sst ${ns}>${strings.map((v) => `<si><t>${v}</t></si>`).join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet ${ns}><sheetData>${rows.join('')}</sheetData></worksheet>`,
    ),
  });
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
  // CTF and .xlsx: a fifth of the pupils is enough to compile saxes, fflate and their readers.
  const ctf = enc.encode(ctfText(Math.ceil(pupils / 5)));
  const xlsx = xlsxBytes(Math.ceil(pupils / 5), weeks);
  for (const bytes of [wide, wide, wide, enc.encode(summaryText(pupils)), ctf, ctf, xlsx, xlsx]) {
    try {
      const src = bytesSource(bytes, 'warm-up.csv');
      const info = await inspectSource(src);
      warmUpCommit(await parseSource(src, info.proposal.mapping, { period: info.period }));
    } catch {
      // ignore
    }
  }
}
