import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PupilYear } from '../../src/domain/register';
import { auc, ece } from '../../src/model/metrics';
import { inferCalendar } from '../../src/domain/calendar';
import { yearOutcome } from '../../src/model/dataset';
import type { ModelMeta } from '../../src/model/net';
import { scoreTotalsOnly } from '../../src/model/totals-risk';
import { halfTermSummary } from './totals-fixture';
import { readModelDir, useNodeBackend } from '../../src/model/node-backend';
import { fitTotalsModel, scoreTotals, totalsAtHalfTerms, TOTALS_INPUTS } from '../../src/model/totals';
import { simulateSchool } from '../../src/sim/simulate';

const sim = simulateSchool({ seed: 808, phase: 'secondary', pupils: 400, years: 3, lastStartYear: 2024 });
const year = (y: number): PupilYear[] => sim.years.filter((p) => p.startYear === y);
let shipped: number[];
let meta: ModelMeta;

beforeAll(async () => {
  await useNodeBackend('cpu');
  meta = (await readModelDir('models/radar-v2')).meta;
  shipped = meta.totalsPA!;
}, 30_000);

describe('risk from period totals (schools that import only summaries)', () => {
  it('the shipped model carries one coefficient per input', () => {
    expect(shipped).toHaveLength(TOTALS_INPUTS.length);
  });

  it('more absence to date, all else equal, never lowers P(PA)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.boolean(),
        (possible, share, yearGone, prior) => {
          const absent = Math.floor(share * (possible - 1));
          const t = { possible, ...(prior ? { priorPossible: 300, priorAbsent: 20 } : {}) };
          const ctx = { yearGone, schoolRate: 0.07 };
          const [a, b] = scoreTotals(
            shipped,
            [
              { ...t, absent },
              { ...t, absent: absent + 1 },
            ],
            ctx,
          );
          expect(b).toBeGreaterThanOrEqual(a - 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a register as a summary would: each half term’s totals inside the totals to date', () => {
    const checkpoints = totalsAtHalfTerms({ years: year(2024), priorYears: year(2023) });
    expect(checkpoints.map((c) => c.name)).toEqual([
      'Autumn 1',
      'Autumn 2',
      'Spring 1',
      'Spring 2',
      'Summer 1',
    ]);
    for (const t of checkpoints[0].pupils) expect(t.lastPossible).toBe(t.possible);
    for (const c of checkpoints)
      for (const t of c.pupils) {
        expect(t.lastPossible!).toBeLessThanOrEqual(t.possible);
        expect(t.absent).toBeLessThanOrEqual(t.possible);
      }
    expect(checkpoints[1].pupils.filter((t) => t.priorPossible).length).toBeGreaterThan(200);
  });

  it('fitted on one year, ranks the next year’s pupils at Christmas and sits near their PA rate', () => {
    const coef = fitTotalsModel([{ years: year(2023), priorYears: year(2022) }]);
    const xmas = totalsAtHalfTerms({ years: year(2024), priorYears: year(2023) })[1];
    const p = Array.from(scoreTotals(coef, xmas.pupils, xmas.ctx));
    expect(auc(p, xmas.pa)).toBeGreaterThan(0.85);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(p) - mean(xmas.pa))).toBeLessThan(0.06);
    expect(Number.isNaN(scoreTotals(coef, [{ possible: 0, absent: 0 }], xmas.ctx)[0])).toBe(true);
  });

  it('the app path (a summary per half term, scoreTotalsOnly) measures as the evaluation path does', () => {
    // What `npm run eval` measures (totalsAtHalfTerms + scoreTotals) is what the app and the scorer show: the same
    // ranking and calibration at October half term, from summaries derived from the same registers.
    const current = year(2024).filter((p) => yearOutcome(p));
    const at = inferCalendar(
      2024,
      current.map((p) => p.marks),
    ).halfTerms[0].endDate;
    const app = scoreTotalsOnly(
      { totalsPA: shipped, residualBins: meta.residualBins },
      {
        totals: halfTermSummary(current, at),
        priorTotals: halfTermSummary(year(2023), '2024-08-31'),
        asOf: at,
        startYear: 2024,
      },
    );
    const pa = new Map(current.map((p) => [p.pupilId, yearOutcome(p)!.pa]));
    const oct = totalsAtHalfTerms({ years: current, priorYears: year(2023) })[0];
    const raw = Array.from(scoreTotals(shipped, oct.pupils, oct.ctx));
    expect(app).toHaveLength(raw.length);
    const appP = app.map((r) => r.pPA);
    const appPa = app.map((r) => pa.get(r.pupilId)!);
    expect(auc(appP, appPa)).toBeCloseTo(auc(raw, oct.pa), 2);
    expect(ece(appP, appPa)).toBeCloseTo(ece(raw, oct.pa), 2);
  });
});
