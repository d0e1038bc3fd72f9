/**
 * One tiny real file per quirk (test/fixtures/README.md): each is read through the whole pipeline and
 * checked against marks, pupils and metrics worked out by hand from the file.
 */
import { describe, expect, it } from 'vitest';
import { tallyMarks } from '../../src/domain/tally';
import type { RowCounts } from '../../src/ingest';
import { expectCountsAddUp, fixtureBytes, importBytes, importText, kinds, symbols } from './ingest-helpers';

const P1 = 'L938412324001';
const P2 = 'A938412324002';
const P3 = 'P938412324003';

interface Case {
  file: string;
  encoding?: string;
  delimiter?: string;
  layout?: string;
  /** Marks from slot 0 (Mon 2 Sep 2024 AM) per pupil. */
  marks?: Record<string, string[]>;
  names?: Record<string, [string, string]>;
  /** Hand-computed possible sessions and attendance % per pupil. */
  metrics?: Record<string, [number, number]>;
  counts?: Partial<RowCounts>;
  issues?: Record<string, number>;
}

const BASIC_MARKS = { [P1]: ['/', '\\', 'L', 'N'], [P2]: ['I', 'I', '/', 'M'] };
// P1: / \ L present, N unauthorised → 3/4 = 75 %. P2: I I M authorised, / present → 1/4 = 25 %.
const BASIC_METRICS: Record<string, [number, number]> = { [P1]: [4, 75], [P2]: [4, 25] };
const BASIC_NAMES: Record<string, [string, string]> = { [P1]: ['Zoë', 'Adams'], [P2]: ['Siân', 'Brown'] };
const CLEAN = { read: 8, imported: 8, skipped: 0 };

const cases: Case[] = [
  {
    file: 'long-basic.csv',
    encoding: 'utf-8',
    delimiter: ',',
    layout: 'long',
    marks: BASIC_MARKS,
    metrics: BASIC_METRICS,
    names: BASIC_NAMES,
    counts: CLEAN,
    issues: {},
  },
  {
    file: 'utf8-bom.csv',
    encoding: 'utf-8',
    marks: BASIC_MARKS,
    names: BASIC_NAMES,
    counts: CLEAN,
    issues: {},
  },
  { file: 'semicolon.csv', delimiter: ';', marks: BASIC_MARKS, metrics: BASIC_METRICS, counts: CLEAN },
  { file: 'tab.tsv', delimiter: '\t', marks: BASIC_MARKS, metrics: BASIC_METRICS, counts: CLEAN },
  {
    file: 'all-quoted.csv',
    marks: { [P3]: ['/', 'G'] },
    names: { [P3]: ['Liam', 'O’Brien, "Jr"'] },
    metrics: { [P3]: [2, 50] },
    issues: {},
  },
  {
    file: 'windows-1252.csv',
    encoding: 'windows-1252',
    marks: { [P3]: ['/', 'U'] },
    names: { [P3]: ['Zoë', 'O’Brien'] },
    issues: {},
  },
  {
    file: 'utf16le-sims.csv',
    encoding: 'utf-16le',
    marks: { [P1]: ['/', '\\', 'C'], [P2]: ['E', 'E'] },
    names: BASIC_NAMES,
    metrics: { [P1]: [3, 66.7], [P2]: [2, 0] },
    counts: { read: 5, imported: 5, skipped: 0 },
    issues: { 'carried-down': 1 },
  },
  {
    file: 'title-totals.csv',
    marks: BASIC_MARKS,
    metrics: BASIC_METRICS,
    // 2 titles, a blank line and the header above; below, 8 rows, the totals line and 2 blank lines.
    counts: { lines: 15, above: 4, read: 11, imported: 8, skipped: 0, notData: 3 },
    issues: { 'title-line': 2, 'totals-row': 1, 'blank-row': 2 },
  },
  // O is unauthorised, B is approved educational activity (counts as attendance): 2 of 3.
  {
    file: 'morning-afternoon.csv',
    marks: { [P1]: ['/', 'O', 'B'] },
    metrics: { [P1]: [3, 66.7] },
    issues: {},
  },
  // yyyy-mm-dd and Excel's d/m/yy; 08:45 and 9:00 are mornings, 13:30 and 1:40 PM afternoons. V counts as attendance.
  { file: 'times.csv', marks: { [P1]: ['/', 'G', 'V', 'I'] }, metrics: { [P1]: [4, 50] }, issues: {} },
  {
    file: 'wide-weekly.csv',
    layout: 'wide',
    marks: {
      [P1]: [...'//\\\\LN//II', ...'/\\/\\/\\/\\/\\'],
      [P2]: [...'IIMM/\\####', ...'/\\/\\/\\/\\GG'],
    },
    names: BASIC_NAMES,
    // P1: 20 possible, absent N I I → 17/20 = 85 %. P2: # is not possible → 16 possible, I I M M G G absent → 10/16.
    metrics: { [P1]: [20, 85], [P2]: [16, 62.5] },
    counts: { read: 2, imported: 2, skipped: 0 },
    issues: {},
  },
  {
    file: 'wide-comma-marks.csv',
    layout: 'wide',
    marks: {
      [P1]: ['/', '\\', 'C1', 'C1', 'J1', '\\', 'Y4', 'Y4', '/', '\\'],
      [P2]: ['C2', 'C2', '/', '\\', '/', '\\', '/', '\\', 'Y1', 'Y1'],
    },
    // P1: Y4 not possible → 8 possible, C1 C1 J1 authorised → 5/8. P2: 8 possible, 6 present → 75 %.
    metrics: { [P1]: [8, 62.5], [P2]: [8, 75] },
    issues: {},
  },
  {
    file: 'wide-daily-pairs.csv',
    layout: 'wide',
    marks: { [P1]: ['C1', 'C1', '/', '\\', 'Y7', 'Y7'] },
    metrics: { [P1]: [4, 50] },
    issues: {},
  },
  {
    file: 'flags-only.csv',
    layout: 'long',
    // present → /, authorised → C, unauthorised → O, not possible → Y7; each reported.
    marks: { [P1]: ['/', 'C', 'O', 'Y7'] },
    metrics: { [P1]: [3, 33.3] },
    issues: { 'flags-only': 4 },
  },
  // Ids trimmed (" 1043 " and "1043" are one pupil); '-' is no mark.
  {
    file: 'mis-ids.csv',
    marks: { '1043': ['/', '\\'], '1044': ['.', 'O'] },
    metrics: { '1043': [2, 100], '1044': [1, 0] },
    counts: { read: 4, imported: 4, skipped: 0 },
    issues: {},
  },
  {
    file: 'vendor-subcodes.csv',
    marks: { [P1]: ['I', 'X'] },
    counts: { read: 3, imported: 2, skipped: 1 },
    issues: { subcode: 2, 'unknown-code': 1 },
  },
  {
    file: 'bad-unknown-code.csv',
    marks: { [P1]: ['/', '.', 'L'] },
    counts: { read: 3, imported: 2, skipped: 1 },
    issues: { 'unknown-code': 1 },
  },
  {
    file: 'bad-impossible-date.csv',
    marks: { [P1]: ['/'] },
    counts: { read: 2, imported: 1, skipped: 1 },
    issues: { 'impossible-date': 1 },
  },
  {
    file: 'bad-duplicate.csv',
    marks: { [P1]: ['/'] },
    counts: { read: 3, imported: 2, skipped: 1 },
    issues: { 'duplicate-different': 1, 'duplicate-same': 1 },
  },
  {
    file: 'bad-weekend.csv',
    marks: { [P1]: ['/'] },
    counts: { read: 2, imported: 1, skipped: 1 },
    issues: { 'weekend-session': 1 },
  },
  {
    file: 'bad-truncated.csv',
    marks: { [P1]: ['/', '\\', 'L'] },
    counts: { read: 4, imported: 3, skipped: 1, skippedBy: { 'broken-quote': 1 } },
    issues: { 'broken-quote': 1 },
  },
  {
    file: 'formula-cells.csv',
    counts: { read: 2, imported: 2, skipped: 0 },
    // The quotes inside =HYPERLINK("…") stand inside an unquoted value: kept as text, and named.
    issues: { 'formula-cell': 3, 'upn-check': 1, 'stray-quote': 1 },
  },
];

describe('fixtures: one per quirk', () => {
  it.each(cases)('$file', async (c) => {
    const { inspect, parsed } = await importBytes(fixtureBytes(c.file), c.file);
    if (c.encoding) expect(inspect.encoding).toBe(c.encoding);
    if (c.delimiter) expect(inspect.delimiter).toBe(c.delimiter);
    expect(inspect.proposal.needsMapping).toBe(false);
    if (c.layout) expect(parsed.summary.layout).toBe(c.layout);
    for (const [id, marks] of Object.entries(c.marks ?? {})) expect(symbols(parsed, id), id).toEqual(marks);
    if (c.marks) expect([...parsed.builder.pupils.keys()].sort()).toEqual(Object.keys(c.marks).sort());
    for (const [id, [forename, surname]] of Object.entries(c.names ?? {})) {
      expect(parsed.builder.pupils.get(id)?.pupil).toMatchObject({ forename, surname });
    }
    for (const [id, [possible, pct]] of Object.entries(c.metrics ?? {})) {
      const t = tallyMarks(parsed.builder.pupils.get(id)!.years.get(2024)!.year.marks);
      expect(t.possible, id).toBe(possible);
      expect((t.attended / t.possible) * 100, id).toBeCloseTo(pct, 1);
    }
    if (c.counts) expect(parsed.summary.counts).toMatchObject(c.counts);
    if (c.issues) expect(kinds(parsed)).toEqual(c.issues);
    // Nothing dropped silently: every line is imported, skipped with an issue, or not data.
    expectCountsAddUp(parsed.summary);
  });
});

describe('fixtures: details', () => {
  it('summary with % signs and the period in the title line', async () => {
    const { parsed } = await importBytes(fixtureBytes('summary-percent.csv'), 'summary-percent.csv');
    expect(parsed.summary.layout).toBe('summary');
    const t = parsed.builder.totals;
    expect(t).toHaveLength(3);
    expect(t[0]).toEqual({
      pupilId: P1,
      startYear: 2024,
      periodLabel: '2024-09-01 to 2024-12-20',
      from: '2024-09-01',
      to: '2024-12-20',
      possible: 140,
      present: 120,
      aea: 4,
      authorised: 10,
      unauthorised: 6,
      lates: 3,
    });
    // The third row is deliberately inconsistent: 130+5+4 = 139 ≠ 140, and 99.0% ≠ 130/140 = 92.9%.
    expect(kinds(parsed)).toEqual({ 'title-line': 1, 'totals-dont-add-up': 1, 'percent-mismatch': 1 });
    expect(parsed.summary.issues.find((i) => i.code === 'percent-mismatch')).toMatchObject({
      row: 6,
      column: 'Attendance %',
    });
  });

  it('legacy codes map with a notice, and are flagged when used after withdrawal', async () => {
    const { parsed } = await importBytes(fixtureBytes('legacy-codes.csv'), 'legacy-codes.csv');
    expect(symbols(parsed, P1, 2012)).toEqual(['H', 'J', 'Y', 'F']);
    expect(symbols(parsed, P1, 2024)).toEqual(['H']);
    expect(kinds(parsed)).toEqual({ 'legacy-code': 4, 'legacy-after-withdrawal': 1 });
    const late = parsed.summary.issues.find((i) => i.code === 'legacy-after-withdrawal')!;
    expect(late).toMatchObject({ row: 6, column: 'Mark', severity: 'warning' });
    // 2012: H and F authorised, J approved activity, Y not possible → 3 possible, 1 attended.
    const t = tallyMarks(parsed.builder.pupils.get(P1)!.years.get(2012)!.year.marks);
    expect([t.possible, t.attended, t.authorised, t.notPossible]).toEqual([3, 1, 2, 1]);
  });

  it('issues name the file, 1-based line, column and what to do', async () => {
    const { parsed } = await importBytes(fixtureBytes('bad-impossible-date.csv'), 'bad-impossible-date.csv');
    expect(parsed.summary.issues).toEqual([
      expect.objectContaining({
        file: 'bad-impossible-date.csv',
        row: 3,
        column: 'Date',
        code: 'impossible-date',
        severity: 'error',
      }),
    ]);
    expect(parsed.summary.issues[0].message).toMatch(/"31\/02\/2025" is not a real date/);
  });

  it('keeps the first mark and reports a second, different one for the same session', async () => {
    const { parsed } = await importBytes(fixtureBytes('bad-duplicate.csv'));
    const dup = parsed.summary.issues.find((i) => i.code === 'duplicate-different')!;
    expect(dup.row).toBe(3);
    expect(dup.message).toContain('"/" (kept');
  });

  it('reports the date range and school years touched', async () => {
    const { parsed } = await importBytes(fixtureBytes('legacy-codes.csv'));
    expect(parsed.summary.dateRange).toEqual(['2012-09-03', '2024-09-02']);
    expect(parsed.summary.years).toEqual([2012, 2024]);
  });

  it('a quote left open at a line end: that line is reported and skipped, later rows keep their marks and line numbers', async () => {
    const rows = [
      'UPN,Surname,Date,Session,Mark',
      `${P1},Adams,02/09/2024,AM,/`,
      `${P1},Adams,02/09/2024,PM,\\`,
      `${P2},"Brown,\nSiân",02/09/2024,AM,I`,
      `${P2},Brown,02/09/2024,PM,I`,
      `${P2},Brown,03/09/2024,AM,Q9`,
      `${P1},Adams,03/09/2024,AM,L`,
    ];
    const { parsed } = await importText(rows.join('\n') + '\n');
    expect(symbols(parsed, P1)).toEqual(['/', '\\', 'L']);
    // Line 4 is given up; line 5 ("Siân",…) is read as a row of its own and is short of columns.
    expect(symbols(parsed, P2)).toEqual(['.', 'I']);
    expect(parsed.builder.pupils.get(P2)?.pupil.surname).toBe('Brown');
    expect(parsed.summary.issues).toEqual([
      expect.objectContaining({ code: 'broken-quote', row: 4, severity: 'error' }),
      expect.objectContaining({ code: 'short-row', row: 5, severity: 'error' }),
      expect.objectContaining({ code: 'unknown-code', row: 7 }),
    ]);
    expectCountsAddUp(parsed.summary);
    expect(parsed.summary.counts).toMatchObject({ lines: 8, read: 7, imported: 4, skipped: 3 });
  });
});
