import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

/** The headless scorer, run as a user would run it: `npm run score -- <file> --as-of … --out …`. */
function score(csvText: string): Record<string, string>[] {
  const dir = mkdtempSync(join(tmpdir(), 'radar-score-'));
  writeFileSync(join(dir, 'in.csv'), csvText);
  const run = spawnSync(
    'npx',
    ['tsx', 'scripts/score.ts', join(dir, 'in.csv'), '--as-of', '2024-09-06', '--out', join(dir, 'out.csv')],
    { encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  const out = readFileSync(join(dir, 'out.csv'), 'utf8');
  expect(out.split('\r\n')[0]).toBe(
    'pupil_id,possible_sessions,attendance_pct,p_pa,p_sa,drivers,band,expected_attendance_low,expected_attendance_high',
  );
  return Papa.parse<Record<string, string>>(out.trim(), { header: true }).data;
}

describe('npm run score', () => {
  const fixture = readFileSync('test/fixtures/long-basic.csv', 'utf8');

  it('writes one row per pupil with attendance to date and probabilities', () => {
    const rows = score(fixture);
    const pupils = new Set(
      fixture
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    );
    expect(rows.map((r) => r.pupil_id).sort()).toEqual([...pupils].sort());
    // Hand count from the fixture: Adams has 1 of 4 sessions absent (N), one late (L, present).
    const adams = rows.find((r) => r.pupil_id === 'L938412324001')!;
    expect(Number(adams.possible_sessions)).toBe(4);
    expect(Number(adams.attendance_pct)).toBe(75);
    for (const r of rows) {
      for (const p of [Number(r.p_pa), Number(r.p_sa)]) expect(p >= 0 && p <= 1).toBe(true);
      expect(Number(r.p_sa)).toBeLessThanOrEqual(Number(r.p_pa));
      expect(r.drivers.length).toBeGreaterThan(0);
      // The same band and range as the app: PA by the one rule, and a range that agrees with p_pa.
      const [possible, att] = [Number(r.possible_sessions), Number(r.attendance_pct)];
      const absent = Math.round(((100 - att) * possible) / 100);
      expect(['pa', 'sa'].includes(r.band)).toBe(absent * 10 >= possible);
      const [lo, hi] = [Number(r.expected_attendance_low), Number(r.expected_attendance_high)];
      expect(lo).toBeLessThanOrEqual(hi);
      if (hi < 89.9) expect(Number(r.p_pa)).toBeGreaterThan(0.89);
      if (lo > 90.1) expect(Number(r.p_pa)).toBeLessThan(0.11);
    }
  }, 60_000);

  it('never writes a pupil id a spreadsheet would run as a formula', () => {
    const rows = score(fixture.replaceAll('L938412324001', '=CMD()'));
    expect(rows.map((r) => r.pupil_id)).toContain(`'=CMD()`);
  }, 60_000);
});

/**
 * A totals-only pupil's row: scored over the totals and labelled so, banded by the one PA rule over the totals, with
 * a range that agrees with p_pa (the same predictive distribution as pupils with marks).
 */
function expectTotalsScore(r: Record<string, string>): void {
  expect(r.drivers).toMatch(
    /^Risk from period totals \(no session marks\): absent \d+ of \d+ possible sessions/,
  );
  const [pPA, pSA] = [Number(r.p_pa), Number(r.p_sa)];
  expect(r.p_pa === '' || !(pPA >= 0 && pPA <= 1), r.pupil_id).toBe(false);
  expect(pSA).toBeLessThanOrEqual(pPA);
  const [, absent, possible] = /absent (\d+) of (\d+)/.exec(r.drivers)!.map(Number);
  expect(Number(r.possible_sessions)).toBe(possible);
  expect(['pa', 'sa'].includes(r.band), r.pupil_id).toBe(absent * 10 >= possible);
  expect(r.band === 'sa').toBe(absent * 2 >= possible);
  const [lo, hi] = [Number(r.expected_attendance_low), Number(r.expected_attendance_high)];
  expect(lo).toBeLessThanOrEqual(hi);
  if (hi < 89.9) expect(pPA).toBeGreaterThan(0.89);
  if (lo > 90.1) expect(pPA).toBeLessThan(0.11);
}

/** The scorer on a fixture file of any type, returning its rows. */
function scoreFile(file: string, ...extra: string[]): Record<string, string>[] {
  const dir = mkdtempSync(join(tmpdir(), 'radar-score-'));
  const run = spawnSync(
    'npx',
    [
      'tsx',
      'scripts/score.ts',
      file,
      ...(extra.includes('--as-of') ? [] : ['--as-of', '2024-09-13']),
      '--out',
      join(dir, 'out.csv'),
      ...extra,
    ],
    { encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  return Papa.parse<Record<string, string>>(readFileSync(join(dir, 'out.csv'), 'utf8').trim(), {
    header: true,
  }).data;
}

describe('npm run score reads every file type the app reads', () => {
  it('a summary naming no period, without --period: possible sessions, attendance % and the rule, labelled', () => {
    const rows = scoreFile('test/fixtures/generated/summary-year.csv');
    // Hand count: K286258013004 has 48 possible, 5 attended → 10.4 %, absence 89.6 % → SA by the rule.
    const k = rows.find((r) => r.pupil_id === 'K286258013004')!;
    expect(k).toMatchObject({
      possible_sessions: '48',
      attendance_pct: '10.4',
      p_pa: '',
      p_sa: '',
      band: 'sa',
    });
    expect(k.drivers).toMatch(/^Totals only, no session marks: no model score\..*severe absence/);
    expect(rows).toHaveLength(5);
  }, 60_000);

  it('a summary with --period: P(PA), P(SA), band and range from the totals model, labelled as such', () => {
    const rows = scoreFile(
      'test/fixtures/generated/summary-year.csv',
      '--period',
      '2024-09-02:2024-10-04',
      '--as-of',
      '2024-10-04',
    );
    expect(rows).toHaveLength(5);
    for (const r of rows) expectTotalsScore(r);
    expect(rows.find((r) => r.pupil_id === 'K286258013004')).toMatchObject({
      band: 'sa',
      p_pa: '1',
      p_sa: '1',
    });
  }, 60_000);

  it('a summary whose title names the period is scored over its totals; PA by the one rule', () => {
    const rows = scoreFile('test/fixtures/summary-percent.csv', '--as-of', '2024-12-20');
    expect(rows).toHaveLength(3);
    for (const r of rows) expectTotalsScore(r);
    // Hand count: Adams 140 possible, 120 present + 4 AEA → 88.6 %; absence 16/140 = 11.4 % → PA now.
    expect(rows.find((r) => r.pupil_id === 'L938412324001')).toMatchObject({
      possible_sessions: '140',
      attendance_pct: '88.6',
      band: 'pa',
    });
  }, 60_000);

  it('a CTF XML: the model for pupils with marks, totals for the pupil without, UPNs as pupil_id', () => {
    const rows = scoreFile('test/fixtures/ctf-attendance.xml');
    expect(rows.map((r) => r.pupil_id).sort()).toEqual(['A938412324002', 'L938412324001', 'P938412324003']);
    // Adams: / \ L N C1 C1 # # / \ → 8 possible, 5 attended = 62.5 %.
    const adams = rows.find((r) => r.pupil_id === 'L938412324001')!;
    expect([adams.possible_sessions, adams.attendance_pct]).toEqual(['8', '62.5']);
    expect(Number(adams.p_pa)).toBeGreaterThan(0);
    // Brown has totals only: 120 possible, 110 attended = 91.7 %.
    const brown = rows.find((r) => r.pupil_id === 'A938412324002')!;
    expect(brown).toMatchObject({ possible_sessions: '120', attendance_pct: '91.7' });
    expectTotalsScore(brown);
  }, 60_000);

  it('a CTF with no --as-of is scored as of its last mark, not the end of the year its totals run to', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/score.ts', 'test/fixtures/ctf-attendance.xml'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    // Adams's and O'Brien's marks run Monday 2 to Friday 6 September; Brown's totals have no end date.
    expect(r.stderr).toMatch(/Scored 2 pupils as of 2024-09-06 .*; 1 more from totals only/);
    const rows = Papa.parse<Record<string, string>>(r.stdout.trim(), { header: true }).data;
    expectTotalsScore(rows.find((x) => x.pupil_id === 'A938412324002')!);
  }, 60_000);

  it('a CTF made mid-year with totals only is scored as of its header date, the year still open', () => {
    const r = spawnSync('npx', ['tsx', 'scripts/score.ts', 'test/fixtures/ctf-mid-year.xml'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Scored 2 pupils as of 2025-01-15 from period totals only/);
    expect(r.stderr).not.toMatch(/no-export-date/);
    const rows = Papa.parse<Record<string, string>>(r.stdout.trim(), { header: true }).data;
    // Adams: 22 of 152 absent (85.5 %) by 15 January, 6.3 % last year; read as a finished year, P(PA) would be 1
    // and the year-end range one point. Two-fifths of the year gone, both are still open.
    const adams = rows.find((x) => x.pupil_id === 'L938412324001')!;
    expect(adams).toMatchObject({ possible_sessions: '152', attendance_pct: '85.5', band: 'pa' });
    expect(Number(adams.p_pa)).toBeGreaterThan(0);
    expect(Number(adams.p_pa)).toBeLessThan(1);
    expect(Number(adams.expected_attendance_low)).toBeLessThan(Number(adams.expected_attendance_high));
    for (const row of rows) expectTotalsScore(row);
  }, 60_000);

  it('an .xlsx, and a PDF named with how to save it as CSV', () => {
    const rows = scoreFile('test/fixtures/wide-weekly.xlsx');
    // wide-weekly: Adams 20 possible, 17 attended = 85 %.
    expect(rows.find((r) => r.pupil_id === 'L938412324001')).toMatchObject({
      possible_sessions: '20',
      attendance_pct: '85',
    });
    const pdf = spawnSync('npx', ['tsx', 'scripts/score.ts', 'test/fixtures/register.pdf'], {
      encoding: 'utf8',
    });
    expect(pdf.status).toBe(1);
    expect(pdf.stderr).toMatch(/PDF document.*CSV/);
  }, 60_000);
});

/** The scorer run on text, returning its exit status, what it said and what it wrote. */
function run(csvText: string, ...extra: string[]): { status: number | null; stderr: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'radar-score-'));
  writeFileSync(join(dir, 'in.csv'), csvText);
  const r = spawnSync(
    'npx',
    [
      'tsx',
      'scripts/score.ts',
      join(dir, 'in.csv'),
      '--as-of',
      '2024-09-06',
      '--out',
      join(dir, 'out.csv'),
      ...extra,
    ],
    { encoding: 'utf8' },
  );
  let out = '';
  try {
    out = readFileSync(join(dir, 'out.csv'), 'utf8');
  } catch {
    // nothing written
  }
  return { status: r.status, stderr: r.stderr, out };
}

describe('npm run score says what it skipped', () => {
  const fixture = readFileSync('test/fixtures/long-basic.csv', 'utf8');
  const [head, ...rows] = fixture.trim().split('\n');
  // Three rows with no date, one with an unknown code holding an escape sequence and a NUL byte.
  const damaged = [
    head,
    ...rows,
    ...rows.slice(0, 3).map((r) => r.replace(/\d\d\/\d\d\/\d{4}/, '')),
    rows[0].replace(/,[^,]*$/, ',\u001b[31mX\u0000'),
  ].join('\n');

  it('totals by kind with the first rows, refuses to score, and echoes no control byte', () => {
    const r = run(damaged);
    expect(r.status).toBe(3);
    expect(r.out).toBe('');
    expect(r.stderr).toMatch(/3 × unreadable-date, error \(row 10, 11, 12\)/);
    expect(r.stderr).toMatch(/1 × unknown-code, error \(row 13\)/);
    expect(r.stderr).toMatch(/4 skipped as invalid/);
    expect(r.stderr).toMatch(/--skip-invalid/);
    expect(r.stderr).toContain('\\x1b[31mX\\0 (NUL byte)');
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  }, 60_000);

  it('scores the rest with --skip-invalid, and lists pupils with nothing to score yet', () => {
    const notYet = 'Z999999999999,Zed,Zak,02/09/2024,AM,Z\nZ999999999999,Zed,Zak,02/09/2024,PM,Z';
    const r = run(`${damaged}\n${notYet}\n`, '--skip-invalid');
    expect(r.status, r.stderr).toBe(0);
    expect(r.out.trim().split('\r\n')).toHaveLength(3); // header + the fixture's two pupils
    expect(r.stderr).toMatch(/1 pupil\(s\) have no possible session by 2024-09-06 .*: Z999999999999/);
  }, 60_000);
});
