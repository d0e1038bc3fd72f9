import { beforeAll, describe, expect, it } from 'vitest';
import type { PupilYear } from '../../src/domain/register';
import { yearOutcome } from '../../src/model/dataset';
import { auc, ece, reliability } from '../../src/model/metrics';
import { readModelDir, useNodeBackend } from '../../src/model/node-backend';
import type { RiskModel } from '../../src/model/net';
import {
  PRIOR_PUPILS,
  blendPlatt,
  recalibrateOnYear,
  recalibrationFor,
  withCalibration,
} from '../../src/model/recalibrate';
import { scoreAtSession } from '../../src/model/score';
import { HELD_OUT_FAMILIES } from '../../src/sim/knobs';
import { simulateSchool } from '../../src/sim/simulate';

// A school far outside the shipped model's training (a third of pupils drift late, strongly), with
// two past years: recalibrate on 2023/24 (its prior 2022/23), check on 2024/25.
const sim = simulateSchool({
  seed: 4242,
  phase: 'secondary',
  pupils: 700,
  years: 3,
  lastStartYear: 2024,
  knobs: HELD_OUT_FAMILIES['heavy late drift'],
});
const year = (y: number): PupilYear[] => sim.years.filter((p) => p.startYear === y);
let shipped: RiskModel;

beforeAll(async () => {
  await useNodeBackend('cpu');
  shipped = await readModelDir('models/radar-v2');
}, 30_000);

/** P(PA) and outcomes of this year's pupils as of `upTo` school sessions. */
function scored(model: RiskModel, upTo: number) {
  const years = year(2024).filter((py) => yearOutcome(py));
  const s = scoreAtSession(model, years, year(2023), upTo);
  const keep = years.map((_, i) => i).filter((i) => Number.isFinite(s.pPA[i]));
  return { p: keep.map((i) => s.pPA[i]), pa: keep.map((i) => yearOutcome(years[i])!.pa) };
}

describe('recalibrating the shipped model on the school’s previous year', () => {
  it('blends towards the school’s own fit by the weight of its evidence', () => {
    const shippedC = { a: 1, b: 0, c: 0, d: 0 };
    const own = { a: 2, b: 1, c: 0.5, d: -1 };
    expect(blendPlatt(shippedC, own, 0)).toEqual(shippedC);
    const half = blendPlatt(shippedC, own, PRIOR_PUPILS);
    expect(half).toEqual({ a: 1.5, b: 0.5, c: 0.25, d: -0.5 });
    expect(blendPlatt(shippedC, own, 1e9).a).toBeCloseTo(2, 5);
  });

  it('measures better on the previous year, and then better on the next year too, ranking unchanged', () => {
    const r = recalibrateOnYear(shipped, { years: year(2023), priorYears: year(2022) })!;
    expect(r.pupils).toBeGreaterThan(600);
    expect(r.better).toBe(true);
    expect(r.after.logLoss).toBeLessThan(r.before.logLoss);
    expect(r.after.ece).toBeLessThan(r.before.ece);
    const own = withCalibration(shipped, r.plattPA);
    for (const upTo of [70, 150]) {
      const before = scored(shipped, upTo);
      const after = scored(own, upTo);
      expect(ece(after.p, after.pa)).toBeLessThan(ece(before.p, before.pa));
      // Only the calibration changed: at one date the order of pupils is the same.
      expect(auc(after.p, after.pa)).toBeCloseTo(auc(before.p, before.pa), 10);
    }
  });

  it('declines a school too small to refit', () => {
    expect(recalibrateOnYear(shipped, { years: year(2023).slice(0, 40) })).toBeNull();
  });

  it('reliability bins hold every pupil and add up to the ECE', () => {
    const { p, pa } = scored(shipped, 70);
    const bins = reliability(p, pa);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(p.length);
    const e = bins.reduce((a, b) => a + (b.count * Math.abs(b.predicted - b.observed)) / p.length, 0);
    expect(e).toBeCloseTo(ece(p, pa), 10);
    for (const b of bins) expect(b.predicted).toBeGreaterThanOrEqual(b.from - 1e-9);
  });

  it('as the app keeps it: the refit with its figures, or in words why a year cannot be used', () => {
    const kept = recalibrationFor(shipped, { years: year(2023), priorYears: year(2022) }, 2023, '1,2', 'now');
    expect(kept).toMatchObject({ year: 2023, dataKey: '1,2', madeAt: 'now', result: { better: true } });
    expect(kept.result).not.toHaveProperty('rows');
    expect(JSON.parse(JSON.stringify(kept))).toEqual(kept); // fits in a setting as it is
    // The year's registers end at Christmas: year-end outcomes are unknown.
    const autumn = year(2023).map((py) => {
      const marks = py.marks.slice();
      marks.fill(0, 2 * 5 * 17);
      return { ...py, marks };
    });
    // A big school is recalibrated on a stable sample of its pupils, in bounded time.
    const sampled = recalibrationFor(shipped, { years: year(2023) }, 2023, '1', 'now', 300);
    expect(sampled.result!.pupils).toBeGreaterThan(240);
    expect(sampled.result!.pupils).toBeLessThan(360);
    expect(sampled.sampleOf).toBe(year(2023).length);
    expect(kept.sampleOf).toBeUndefined();
    const none = recalibrationFor(shipped, { years: autumn }, 2023, '1');
    expect(none.result).toBeNull();
    expect(none.reason).toMatch(
      /^The 2023\/24 registers hold \d+ school sessions: recalibrating needs the whole year/,
    );
  });
});
