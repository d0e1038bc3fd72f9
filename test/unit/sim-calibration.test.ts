import { describe, expect, it } from 'vitest';
import { calibrationStats } from '../../src/sim/calibration';
import { NATIONAL } from '../../src/sim/national';
import { simulateSchool, type Phase } from '../../src/sim/simulate';

// Two seeds × 1,500 pupils per phase: enough to pin PA within ±2 points, quick on 2 cores.
function pooled(phase: Phase) {
  const stats = [1, 2].map((seed) =>
    calibrationStats(simulateSchool({ seed, phase, pupils: 1500, years: 1, lastStartYear: 2024 })),
  );
  const n = stats.reduce((a, s) => a + s.enrolments, 0);
  const avg = (get: (s: (typeof stats)[0]) => number) =>
    stats.reduce((a, s) => a + get(s) * s.enrolments, 0) / n;
  return {
    pa: avg((s) => s.pa),
    sa: avg((s) => s.sa),
    paFsm: avg((s) => s.paFsm),
    paNonFsm: avg((s) => s.paNonFsm),
    stats,
  };
}

describe('calibration against the 2022/23 census', () => {
  const results = Object.fromEntries(
    (['primary', 'secondary', 'special'] as Phase[]).map((p) => [p, pooled(p)]),
  );

  it.each(['primary', 'secondary', 'special'] as Phase[])(
    '%s persistent absence is within 2 points of national',
    (phase) => {
      expect(Math.abs(results[phase].pa - NATIONAL[phase].pa)).toBeLessThanOrEqual(2);
    },
  );

  it('orders severe absence by phase as nationally (primary < secondary < special)', () => {
    expect(results.primary.sa).toBeLessThan(results.secondary.sa);
    expect(results.secondary.sa).toBeLessThan(results.special.sa);
    expect(results.secondary.sa).toBeGreaterThan(2);
    expect(results.secondary.sa).toBeLessThan(5);
  });

  it('gives secondary FSM pupils about twice the PA rate of others (national 45.0 / 20.2)', () => {
    const ratio = results.secondary.paFsm / results.secondary.paNonFsm;
    expect(ratio).toBeGreaterThanOrEqual(1.8);
    expect(ratio).toBeLessThanOrEqual(2.5);
  });

  it('puts most secondary pupils under 5% absence and a heavy tail at 50%+', () => {
    const bands = results.secondary.stats[0].bands;
    expect(bands[0]).toBeGreaterThan(40);
    expect(bands[0]).toBeLessThan(53);
    expect(bands[10]).toBeGreaterThan(bands[9]); // the ≥ 50 band outweighs 45–50, as in the census
  });

  it('has Friday absence about 20% above Monday–Thursday and the most unauthorised absence on Monday vs midweek', () => {
    const s = results.secondary.stats[0];
    const monThu = (s.byWeekday[0] + s.byWeekday[1] + s.byWeekday[2] + s.byWeekday[3]) / 4;
    expect(s.byWeekday[4] / monThu).toBeGreaterThan(1.1);
    expect(s.byWeekday[4] / monThu).toBeLessThan(1.35);
    expect(s.unauthorisedByWeekday[0]).toBeGreaterThan(s.unauthorisedByWeekday[2]);
  });

  it('rises from autumn to summer', () => {
    const [aut, spr, sum] = results.secondary.stats[0].byTerm;
    expect(aut).toBeLessThan(spr);
    expect(spr).toBeLessThan(sum);
  });

  it('makes illness the most common absence code', () => {
    const codes = results.primary.stats[0].codeShare;
    for (const c of ['O', 'G', 'M', 'E', 'N']) expect(codes.I).toBeGreaterThan(codes[c] ?? 0);
  });
});
