/**
 * Layouts and file types beyond one-row-per-session CSV (test/fixtures/README.md): columns chosen by what their
 * values are, AM and PM marks in two columns, marks from a start date, CTF XML, .xlsx, and the file types the
 * importer names but does not read. Each fixture is checked against marks and totals worked out by hand; the
 * property tests write the same generated marks in each layout and in the long layout and compare registers.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { epochDay, isoFromEpochDay, weekdayOf } from '../../src/domain/register';
import { tallyMarks } from '../../src/domain/tally';
import { bytesSource, inspectSource } from '../../src/ingest';
import { fixtureBytes, importBytes, importText, kinds, symbols } from './ingest-helpers';

const P1 = 'L938412324001';
const P2 = 'A938412324002';
const P3 = 'P938412324003';
const BASIC = { [P1]: ['/', '\\', 'L', 'N'], [P2]: ['I', 'I', '/', 'M'] };

async function read(file: string) {
  return importBytes(fixtureBytes(file), file);
}

describe('columns chosen by what their values are', () => {
  it('a raw mark column beats a descriptive code column whose header names it first', async () => {
    const { inspect, parsed } = await read('long-two-code-columns.csv');
    expect(inspect.proposal.mapping.columns.mark).toBe('Mark');
    expect(inspect.proposal.needsMapping).toBe(false);
    // The choice is shown in the preview, with the share of register codes in each candidate.
    expect(inspect.proposal.choices).toEqual([
      'Marks read from "Mark": 100% of its values are register codes (not "Attendance Code": 0%).',
    ]);
    expect(symbols(parsed, P1)).toEqual(BASIC[P1]);
    expect(symbols(parsed, P2)).toEqual(BASIC[P2]);
    expect(kinds(parsed)).toEqual({});
  });

  it('UPNs with a valid check letter win over a column of other ids called "Pupil ID"', async () => {
    const { inspect } = await importText(
      `UPN,Pupil ID,Date,Session,Mark\n1043,${P1},02/09/2024,AM,/\n1044,${P2},02/09/2024,AM,I\n`,
    );
    expect(inspect.proposal.mapping.columns.upn).toBe('Pupil ID');
  });

  it('the mapping step can still override the choice', async () => {
    const src = bytesSource(fixtureBytes('long-two-code-columns.csv'), 'f.csv');
    const first = await inspectSource(src);
    const forced = {
      ...first.proposal.mapping,
      columns: { ...first.proposal.mapping.columns, mark: 'Attendance Code' },
    };
    const again = await inspectSource(src, forced);
    expect(again.preview[0].problem).toMatch(/PRESENT_AM/);
  });
});

describe('AM and PM marks in two columns (one row per pupil per day)', () => {
  it('AM, PM headers: the same marks as the long layout', async () => {
    const { inspect, parsed } = await read('long-am-pm-columns.csv');
    expect(inspect.proposal.mapping).toMatchObject({
      layout: 'long',
      columns: { markAm: 'AM', markPm: 'PM' },
    });
    expect(symbols(parsed, P1)).toEqual(BASIC[P1]);
    expect(symbols(parsed, P2)).toEqual(BASIC[P2]);
    expect(parsed.summary.counts).toMatchObject({ lines: 5, above: 1, read: 4, imported: 4, skipped: 0 });
    expect(parsed.summary.marks).toBe(8);
  });

  it('Morning Mark / Afternoon Mark, an admission number, a PM not yet taken', async () => {
    const { parsed } = await read('long-morning-afternoon-columns.csv');
    expect(symbols(parsed, '1043')).toEqual(['/', '\\', 'C1', 'C1', '/']);
    expect(parsed.builder.pupils.get('1043')!.years.get(2024)!.year).toMatchObject({
      yearGroup: '7',
      regGroup: '7A',
    });
    expect(kinds(parsed)).toEqual({});
  });

  it('a bad AM mark is reported on its row and the PM mark is still read', async () => {
    const { parsed } = await importText(`UPN,Date,AM,PM\n${P1},02/09/2024,Q9,\\\n`);
    expect(symbols(parsed, P1)).toEqual(['.', '\\']);
    expect(parsed.summary.issues).toEqual([
      expect.objectContaining({ code: 'unknown-code', row: 2, column: 'AM' }),
    ]);
  });
});

describe('marks from a start date', () => {
  it('comma-separated (CTF 24 style) with a two-character code, a closure and across a weekend', async () => {
    const { inspect, parsed } = await read('start-date-comma.csv');
    expect(inspect.proposal.mapping.layout).toBe('start-date');
    expect(symbols(parsed, P1)).toEqual(['/', '\\', 'L', 'N', 'C1', 'C1', '#', '#', '/', '\\']);
    // P2 starts on Wednesday 4 September (slots 4–5), Friday is slot 8–9, Monday 9 September slots 10–11.
    expect(symbols(parsed, P2)).toEqual(['.', '.', '.', '.', 'I', 'I', '/', '\\', '/', 'M', 'Y1', 'Y1']);
    // P1: # is not a possible session → 8 possible, / \ L / \ present → 5/8.
    const t = tallyMarks(parsed.builder.pupils.get(P1)!.years.get(2024)!.year.marks);
    expect([t.possible, t.attended]).toEqual([8, 5]);
    expect(kinds(parsed)).toEqual({});
  });

  it('a plain run of one-character codes', async () => {
    const { parsed } = await read('start-date-run.csv');
    expect(symbols(parsed, P1)).toEqual([...'/\\LNII##/\\']);
    expect(symbols(parsed, P2)).toEqual(['.', '.', '.', '.', ...'II/\\/MGG']);
  });

  it('more marks than the start and end dates allow: reported, the extra ones not read', async () => {
    const { parsed } = await importText(
      `UPN,StartDate,EndDate,AttendanceMarks\n${P1},02/09/2024,03/09/2024,"/,\\,L,N,I,I"\n`,
    );
    expect(symbols(parsed, P1)).toEqual(['/', '\\', 'L', 'N']);
    expect(kinds(parsed)).toEqual({ 'too-many-marks': 1 });
  });
});

describe('CTF XML', () => {
  it('marks when present, totals otherwise, and totals that disagree with the marks reported', async () => {
    const { inspect, parsed } = await read('ctf-attendance.xml');
    expect(inspect.format).toBe('ctf');
    expect(inspect.proposal.needsMapping).toBe(false);
    expect(symbols(parsed, P1)).toEqual(['/', '\\', 'L', 'N', 'C1', 'C1', '#', '#', '/', '\\']);
    expect(symbols(parsed, P3)).toEqual(['I', 'I', '/', '\\', '/', 'M']);
    const p1 = parsed.builder.pupils.get(P1)!;
    expect(p1.pupil).toMatchObject({
      upn: P1,
      surname: 'Adams',
      forename: 'Zoë',
      sex: 'F',
      dob: '2013-05-01',
    });
    expect(p1.years.get(2024)!.year.yearGroup).toBe('6');
    expect(parsed.builder.pupils.get(P3)!.pupil.surname).toBe("O'Brien");
    // P2 has totals only: kept as the pupil's totals for the school year its YearData names.
    expect(parsed.builder.totals).toEqual([
      expect.objectContaining({
        pupilId: P2,
        startYear: 2024,
        possible: 120,
        present: 110,
        authorised: 6,
        unauthorised: 4,
      }),
    ]);
    // P1's totals match its marks (8 possible, 5 attended, 2 authorised, 1 unauthorised); P3's do not.
    // The header has no DateTime, so Brown's totals run to 31 August, and the import says so.
    expect(parsed.builder.totals[0].to).toBe('2025-08-31');
    expect(kinds(parsed)).toEqual({ 'totals-disagree': 1, 'no-export-date': 1 });
    expect(parsed.summary.issues.find((i) => i.code === 'no-export-date')!.message).toMatch(
      /no export date .*1 pupil year\(s\) of session totals .* to 31 August/,
    );
    const issue = parsed.summary.issues.find((i) => i.code === 'totals-disagree')!;
    expect(issue.message).toContain(P3);
    expect(issue.message).toContain('authorised 2 (marks: 3)');
    expect(issue.message).toContain('unauthorised 1 (marks: 0)');
    expect(parsed.summary.counts).toMatchObject({ lines: 4, above: 1, read: 3, imported: 3, skipped: 0 });
  });

  it('made mid-year: totals for the year of the export run to its header date, earlier years to 31 August', async () => {
    const { parsed } = await read('ctf-mid-year.xml');
    const periods = parsed.builder.totals.map((t) => [t.pupilId, t.startYear, t.from, t.to]);
    expect(periods).toEqual([
      [P1, 2023, '2023-09-01', '2024-08-31'],
      [P1, 2024, '2024-09-01', '2025-01-15'],
      [P2, 2024, '2024-09-01', '2025-01-15'],
    ]);
    expect(kinds(parsed)).toEqual({});
    expect(parsed.summary.dateRange).toEqual(['2023-09-01', '2025-01-15']);
  });

  it('a header DateTime that is not a date is named, and the totals read as the whole year', async () => {
    const text = new TextDecoder().decode(fixtureBytes('ctf-mid-year.xml'));
    const bad = text.replace('2025-01-15T10:32:00', '2025-02-30T10:32:00');
    const { parsed } = await importBytes(new TextEncoder().encode(bad), 'ctf.xml');
    expect(parsed.builder.totals.map((t) => t.to)).toEqual(['2024-08-31', '2025-08-31', '2025-08-31']);
    expect(kinds(parsed)).toEqual({ 'no-export-date': 1 });
    expect(parsed.summary.issues[0].message).toContain('"2025-02-30T10:32:00" could not be read');
  });

  it('marks are read where they are, whatever the export date (no end date set from it)', async () => {
    const { parsed } = await importText(
      `<?xml version="1.0"?><CTfile><Header><DateTime>2024-09-02T09:00:00</DateTime></Header><CTFpupilData><Pupil><UPN>${P1}</UPN><Attendance><YearData><Year>2024</Year><SessionsPossible>4</SessionsPossible><SessionsAttended>4</SessionsAttended><AttendSessions><AttendanceStartDate>2024-09-02</AttendanceStartDate><AttendanceMarks>/,\\,/,\\</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil></CTFpupilData></CTfile>`,
      'ctf.xml',
    );
    expect(symbols(parsed, P1)).toEqual(['/', '\\', '/', '\\']);
    expect(kinds(parsed)).toEqual({});
  });

  it('is recognised by its content, whatever the file is called', async () => {
    const { inspect } = await importBytes(fixtureBytes('ctf-attendance.xml'), 'export.txt');
    expect(inspect.format).toBe('ctf');
  });

  it('damaged XML: the pupils before the damage are read, the damage is an error naming the line', async () => {
    const text = new TextDecoder().decode(fixtureBytes('ctf-attendance.xml'));
    const cut = text.replace('<Pupil><UPN>A938', '<Pupil><UPN>A938<<');
    const { parsed } = await importBytes(new TextEncoder().encode(cut), 'ctf.xml');
    expect(symbols(parsed, P1)).toHaveLength(10);
    expect(kinds(parsed)['damaged-file']).toBe(1);
    expect(parsed.summary.issues.find((i) => i.code === 'damaged-file')!.message).toMatch(/line \d+/);
  });
});

describe('Excel workbooks (.xlsx)', () => {
  it('title row, date cells as headers, numbers as numbers, the first sheet with data', async () => {
    const { inspect, parsed } = await read('wide-weekly.xlsx');
    expect(inspect.format).toBe('xlsx');
    expect(inspect.formatNote).toContain('“Attendance”');
    expect(inspect.sheets).toEqual(['Notes', 'Attendance']);
    expect(inspect.titleLines).toEqual(['Weekly attendance, Fictional Primary']);
    expect(inspect.headers).toEqual(['UPN', 'Name', 'Year Group', 'Reg Group', '02/09/2024', '09/09/2024']);
    // The same marks as wide-weekly.csv.
    expect(symbols(parsed, P1)).toEqual([...'//\\\\LN//II', ...'/\\/\\/\\/\\/\\']);
    expect(symbols(parsed, P2)).toEqual([...'IIMM/\\####', ...'/\\/\\/\\/\\GG']);
    expect(parsed.builder.pupils.get(P2)!.pupil).toMatchObject({ surname: 'Brown', forename: 'Siân' });
    expect(parsed.builder.pupils.get(P1)!.years.get(2024)!.year).toMatchObject({
      yearGroup: '7',
      regGroup: '7A',
    });
  });

  it.each([
    ['old-excel.xls', /Excel 97–2003 workbook \(\.xls\).*Save As/],
    ['register.pdf', /PDF document.*CSV/],
    ['register.ods', /OpenDocument spreadsheet.*Text CSV/],
  ])('%s is named, with how to save it as CSV', async (file, message) => {
    // Named by content: the extension is not trusted.
    await expect(inspectSource(bytesSource(fixtureBytes(file), 'upload.csv'))).rejects.toThrow(message);
  });
});

// ---- Property tests: each new reader agrees with the long-layout reader on the same marks. ----

const CODES = ['/', '\\', 'L', 'I', 'M', 'N', 'O', 'G', 'U', 'B', 'C1', 'J1', 'Y1', '#', 'E', 'P', 'V'];
const START = '2024-09-02';
/** Weekdays from 2 September 2024. */
function days(n: number): string[] {
  const out: string[] = [];
  for (let d = epochDay(START); out.length < n; d++) if (weekdayOf(d) < 5) out.push(isoFromEpochDay(d));
  return out;
}
const dmy = (iso: string) => `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const UPNS = [P1, P2, P3];

const school = fc.integer({ min: 1, max: 3 }).chain((pupils) =>
  fc.integer({ min: 1, max: 30 }).chain((n) =>
    fc.array(fc.array(fc.constantFrom(...CODES), { minLength: n * 2, maxLength: n * 2 }), {
      minLength: pupils,
      maxLength: pupils,
    }),
  ),
);

function longCsv(marks: string[][]): string {
  let out = 'UPN,Date,Session,Mark\n';
  marks.forEach((m, p) =>
    days(m.length / 2).forEach((d, k) => {
      out += `${UPNS[p]},${dmy(d)},AM,${m[2 * k]}\n${UPNS[p]},${dmy(d)},PM,${m[2 * k + 1]}\n`;
    }),
  );
  return out;
}

async function registers(bytes: Uint8Array, name: string): Promise<Record<string, string[]>> {
  const { parsed } = await importBytes(bytes, name);
  expect(parsed.summary.errors).toBe(0);
  return Object.fromEntries(
    UPNS.filter((u) => parsed.builder.pupils.has(u)).map((u) => [u, symbols(parsed, u)]),
  );
}
const text = (s: string) => new TextEncoder().encode(s);

/** A minimal .xlsx written here, independently of the reader: inline strings, dates as serials with style 1. */
function xlsxOf(rows: (string | { date: string })[][]): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const serial = (iso: string) => epochDay(iso) + 25569;
  const sheet = rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">` +
        r
          .map((c, j) => {
            const ref = `${String.fromCharCode(65 + j)}${i + 1}`;
            return typeof c === 'string'
              ? `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`
              : `<c r="${ref}" s="1"><v>${serial(c.date)}</v></c>`;
          })
          .join('') +
        '</row>',
    )
    .join('');
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  return zipSync({
    'xl/workbook.xml': strToU8(
      `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      `<styleSheet ${ns}><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet ${ns}><sheetData>${sheet}</sheetData></worksheet>`),
  });
}

describe('new readers agree with the long layout on the same marks (property)', () => {
  it('AM/PM columns, start-date (commas), CTF XML and .xlsx give the same registers as long rows', async () => {
    await fc.assert(
      fc.asyncProperty(school, async (marks) => {
        const expected = await registers(text(longCsv(marks)), 'long.csv');

        let ampm = 'UPN,Date,AM,PM\n';
        marks.forEach((m, p) =>
          days(m.length / 2).forEach(
            (d, k) => (ampm += `${UPNS[p]},${dmy(d)},${m[2 * k]},${m[2 * k + 1]}\n`),
          ),
        );
        expect(await registers(text(ampm), 'ampm.csv')).toEqual(expected);

        let start = 'UPN,StartDate,AttendanceMarks\n';
        marks.forEach((m, p) => (start += `${UPNS[p]},${dmy(START)},"${m.join(',')}"\n`));
        expect(await registers(text(start), 'start.csv')).toEqual(expected);

        let ctf = '<?xml version="1.0" encoding="UTF-8"?><CTfile><CTFpupilData>';
        marks.forEach(
          (m, p) =>
            (ctf += `<Pupil><UPN>${UPNS[p]}</UPN><Attendance><YearData><Year>2024</Year><AttendSessions><AttendanceStartDate>${START}</AttendanceStartDate><AttendanceMarks>${m.join(',')}</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil>`),
        );
        ctf += '</CTFpupilData></CTfile>';
        expect(await registers(text(ctf), 'ctf.xml')).toEqual(expected);

        const sheet: (string | { date: string })[][] = [
          ['Register export'],
          ['UPN', 'Date', 'Session', 'Mark'],
        ];
        marks.forEach((m, p) =>
          days(m.length / 2).forEach((d, k) => {
            sheet.push([UPNS[p], { date: d }, 'AM', m[2 * k]], [UPNS[p], { date: d }, 'PM', m[2 * k + 1]]);
          }),
        );
        expect(await registers(xlsxOf(sheet), 'register.xlsx')).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});

describe('pupil details files', () => {
  it('detected as details, read as pupil fields, and no marks or pupil-years', async () => {
    const { inspect, parsed } = await read('details-fsm-sen.csv');
    expect(inspect.proposal.mapping.layout).toBe('details');
    expect(inspect.proposal.needsMapping).toBe(false);
    expect(inspect.preview[0].totals).toBe('Details: sex F, FSM yes, SEN support');
    const p = (id: string) => parsed.builder.pupils.get(id)!;
    expect(p(P1).pupil).toMatchObject({ sex: 'F', fsm: true, sen: 'support' });
    expect(p(P2).pupil).toMatchObject({ sex: 'M', fsm: false, sen: 'ehcp' });
    expect(p(P3).pupil).toMatchObject({ fsm: true, sen: 'none' });
    for (const id of [P1, P2, P3]) expect(p(id).years.size).toBe(0);
    expect(parsed.summary.marks).toBe(0);
    expect(parsed.builder.totals).toEqual([]);
    expect(parsed.summary.counts).toMatchObject({ read: 3, imported: 3, skipped: 0 });
    expect(kinds(parsed)).toEqual({ 'details-year-group': 1 });
  });
});
