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
  expect(out.split('\r\n')[0]).toBe('pupil_id,possible_sessions,attendance_pct,p_pa,p_sa,drivers');
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
    }
  }, 60_000);

  it('never writes a pupil id a spreadsheet would run as a formula', () => {
    const rows = score(fixture.replaceAll('L938412324001', '=CMD()'));
    expect(rows.map((r) => r.pupil_id)).toContain(`'=CMD()`);
  }, 60_000);
});
