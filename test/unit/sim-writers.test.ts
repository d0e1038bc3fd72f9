import { describe, expect, it } from 'vitest';
import { markId, symbolOf } from '../../src/domain/codes';
import { slotOf, yearSlots } from '../../src/domain/register';
import { tallyMarks } from '../../src/domain/tally';
import { encodeWindows1252 } from '../../src/sim/encoding';
import { simulateSchool } from '../../src/sim/simulate';
import {
  LONG_HEADER,
  SUMMARY_HEADER,
  WIDE_HEADER,
  longRows,
  wideSeparator,
  writeExportBytes,
  writeLong,
  writeSummary,
  writeWide,
} from '../../src/sim/writers';

const secondary = simulateSchool({ seed: 11, phase: 'secondary', pupils: 60, years: 1, lastStartYear: 2024 });
const primary = simulateSchool({
  seed: 12,
  phase: 'primary',
  pupils: 40,
  years: 1,
  lastStartYear: 2024,
  throughDate: '2024-10-18',
});

/** A small RFC 4180 reader, just enough to read the writers' output back. */
function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const lines = (text: string) => text.split('\r\n').filter((l) => l !== '');

describe('long layout', () => {
  const text = writeLong(secondary, 2024);
  const rows = parseCsv(text);

  it('has the documented header and one row per recorded mark', () => {
    expect(rows[0]).toEqual(LONG_HEADER);
    expect(rows[0].join(',')).toBe(
      'UPN,MIS ID,Surname,Forename,Year,Reg Group,Sex,FSM,SEN,Date,Session,Mark',
    );
    const marks = secondary.years.reduce((a, py) => a + py.marks.filter((m) => m !== 0).length, 0);
    expect(rows.length - 1).toBe(marks);
  });

  it('round-trips: reading the rows back rebuilds every pupil’s marks exactly', () => {
    const year = yearSlots(2024);
    const rebuilt = new Map<string, Uint8Array>();
    for (const r of rows.slice(1)) {
      const [dd, mm, yyyy] = r[9].split('/');
      const marks = rebuilt.get(r[0]) ?? new Uint8Array(year.slotCount);
      marks[slotOf(year, `${yyyy}-${mm}-${dd}`, r[10] as 'AM' | 'PM')] = markId(r[11]);
      rebuilt.set(r[0], marks);
    }
    for (const py of secondary.years) expect(rebuilt.get(py.pupilId)).toEqual(py.marks);
  });

  it('writes pupil fields as the importer expects (Y/N, N/K/E, dd/mm/yyyy, AM/PM)', () => {
    const r = rows[1];
    const p = secondary.pupils.find((x) => x.upn === r[0])!;
    expect(r[1]).toBe(p.misId);
    expect(r[7]).toBe(p.fsm ? 'Y' : 'N');
    expect(r[8]).toBe({ none: 'N', support: 'K', ehcp: 'E' }[p.sen!]);
    expect(r[9]).toMatch(/^\d\d\/\d\d\/20\d\d$/);
    expect(['AM', 'PM']).toContain(r[10]);
  });

  it('applies quirks: BOM, semicolons, every field quoted, title lines, totals row', () => {
    const q = writeLong(secondary, 2024, {
      bom: true,
      delimiter: ';',
      quoteAll: true,
      titleLines: ['Attendance by session', 'Printed 23/11/2026'],
      totalsRow: true,
    });
    expect(q.charCodeAt(0)).toBe(0xfeff);
    const ls = lines(q.slice(1));
    expect(ls[0]).toBe('"Attendance by session"');
    expect(ls[2]).toBe(LONG_HEADER.map((h) => `"${h}"`).join(';'));
    expect(ls[3].startsWith('"')).toBe(true);
    expect(ls[3].split('";"')).toHaveLength(12);
    const total = parseCsv(ls[ls.length - 1], ';')[0];
    expect(total[0]).toBe('Total');
    expect(Number(total[11])).toBe(ls.length - 4);
  });

  it('can give pupil details only on each pupil’s first row', () => {
    const q = parseCsv(writeLong(secondary, 2024, { pupilDetailsFirstRowOnly: ' ' }));
    const firstUpn = q[1][0];
    expect(firstUpn).toMatch(/^[A-Z]\d{12}$/);
    expect(q[2].slice(0, 9).every((f) => f === ' ')).toBe(true);
    expect(q[2][11]).not.toBe(' ');
    const starts = q.slice(1).filter((r) => r[0] !== ' ').length;
    expect(starts).toBe(secondary.years.length);
  });

  it('can write dates and sessions as other systems and Excel do, with blank lines after', () => {
    const text = writeLong(secondary, 2024, {
      dateFormat: 'd/m/yyyy',
      sessionNames: ['MORNING', 'AFTERNOON'],
      trailingBlankLines: 2,
    });
    const rows = parseCsv(text);
    const py = secondary.years.find((y) => y.pupilId === rows[1][0])!;
    const first = py.marks.findIndex((m) => m !== 0);
    const iso = yearSlots(2024).days[first >> 1]; // e.g. 2024-09-02 → 2/9/2024
    expect(rows[1][9]).toBe(`${+iso.slice(8)}/${+iso.slice(5, 7)}/2024`);
    expect(rows[1][10]).toBe(first & 1 ? 'AFTERNOON' : 'MORNING');
    expect(text.endsWith('\r\n\r\n\r\n')).toBe(true);
    expect(parseCsv(writeWide(primary, 2024, { dateFormat: 'yyyy-mm-dd' }))[0][5]).toBe('2024-09-02');
  });

  it('streams one chunk per pupil plus the header', () => {
    const chunks = [...longRows(secondary, 2024)];
    expect(chunks.length).toBe(secondary.years.length + 1);
    expect(chunks.join('')).toBe(text);
  });
});

describe('wide layout', () => {
  it('writes marks strings per week under Monday dates, "-" for no mark', () => {
    expect(wideSeparator(primary, 2024)).toBe('');
    const rows = parseCsv(writeWide(primary, 2024));
    expect(rows[0].slice(0, 5)).toEqual(WIDE_HEADER);
    expect(rows[0][5]).toBe('02/09/2024'); // 2 September 2024 was a Monday
    expect(rows[0].at(-1)).toBe('14/10/2024'); // the week of throughDate 18 October
    expect(rows.length - 1).toBe(primary.years.length);
    const py = primary.years[0];
    const year = yearSlots(2024);
    const expected = Array.from(
      { length: 10 },
      (_, i) => symbolOf(py.marks[slotOf(year, '2024-09-09', 'AM') + i]) || '-',
    ).join('');
    expect(rows[1][6]).toBe(expected);
    expect(rows[1][6]).toHaveLength(10);
  });

  it('switches every week to comma-separated marks when a two-character code appears', () => {
    const hasTwoChar = secondary.years.some((py) => py.marks.some((m) => symbolOf(m).length > 1));
    const closed = simulateSchool({
      seed: 11,
      phase: 'primary',
      pupils: 30,
      years: 1,
      lastStartYear: 2024,
      variant: 'closure-week',
    });
    expect(wideSeparator(closed, 2024, '')).toBe(',');
    const rows = parseCsv(writeWide(closed, 2024, { separator: '' }));
    for (const cell of rows[1].slice(5)) expect(cell.split(',')).toHaveLength(10);
    expect(rows.some((r) => r.slice(5).some((c) => c.split(',').includes('Y4')))).toBe(true);
    expect(wideSeparator(secondary, 2024, '')).toBe(hasTwoChar ? ',' : '');
  });
});

describe('summary layout', () => {
  it('writes one row per pupil with totals matching the register and a % attendance', () => {
    const rows = parseCsv(writeSummary(secondary, 2024));
    expect(rows[0]).toEqual(SUMMARY_HEADER);
    expect(rows.length - 1).toBe(secondary.years.length);
    for (const r of rows.slice(1)) {
      const py = secondary.years.find((y) => y.pupilId === r[0])!;
      const t = tallyMarks(py.marks);
      expect(r.slice(4, 10).map(Number)).toEqual([
        t.possible,
        t.present,
        t.aea,
        t.authorised,
        t.unauthorised,
        t.lates,
      ]);
      expect(r[10]).toBe(`${((100 * t.attended) / t.possible).toFixed(1)}%`);
    }
  });

  it('can split by term, adding a Period column, and sums back to the year', () => {
    const rows = parseCsv(writeSummary(secondary, 2024, { period: 'term', totalsRow: true }));
    expect(rows[0][4]).toBe('Period');
    expect(new Set(rows.slice(1, -1).map((r) => r[4]))).toEqual(
      new Set(['Autumn 2024', 'Spring 2025', 'Summer 2025']),
    );
    const possible = rows.slice(1, -1).reduce((a, r) => a + Number(r[5]), 0);
    expect(rows.at(-1)![0]).toBe('Total');
    expect(Number(rows.at(-1)![5])).toBe(possible);
    expect(possible).toBe(secondary.years.reduce((a, py) => a + tallyMarks(py.marks).possible, 0));
  });
});

describe('encodings', () => {
  it('writes Windows-1252 bytes (curly apostrophe 0x92, ë 0xEB) and ? for what it cannot hold', () => {
    expect(Array.from(encodeWindows1252('O’Brien Zoë Ł'))).toEqual([
      0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e, 0x20, 0x5a, 0x6f, 0xeb, 0x20, 0x3f,
    ]);
  });

  it('writes UTF-16LE with a BOM and UTF-8 with an optional BOM', () => {
    const u16 = writeExportBytes('summary', secondary, 2024, { encoding: 'utf-16le' });
    expect([u16[0], u16[1]]).toEqual([0xff, 0xfe]);
    expect(new TextDecoder('utf-16le').decode(u16.subarray(2))).toBe(writeSummary(secondary, 2024));
    const u8 = writeExportBytes('summary', secondary, 2024, { bom: true });
    expect(Array.from(u8.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const cp = writeExportBytes('long', secondary, 2024, { encoding: 'windows-1252' });
    expect(new TextDecoder('windows-1252').decode(cp).length).toBe(writeLong(secondary, 2024).length);
  });
});
