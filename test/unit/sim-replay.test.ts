import { describe, expect, it } from 'vitest';
import { yearOutcome } from '../../src/model/dataset';
import { schoolSessions } from '../../src/model/features';
import { auc } from '../../src/model/metrics';
import { oracleScorer } from '../../src/sim/replay';
import { simulateSchool } from '../../src/sim/simulate';

const opts = { seed: 41, phase: 'secondary' as const, pupils: 300, years: 1, lastStartYear: 2024 };
const sim = simulateSchool({ ...opts, variant: 'late-drift', keepPlans: true });
const keep = sim.years.map((_, i) => i).filter((i) => yearOutcome(sim.years[i]));
const years = keep.map((i) => sim.years[i]);
const plans = keep.map((i) => sim.plans![i]);
const sessions = schoolSessions(years);
const oracle = oracleScorer(years, plans, sessions, 16, 3);
const outcomes = years.map((py) => yearOutcome(py)!);

describe('the ceiling oracle (replays of each pupil’s hidden plan)', () => {
  it('keeping plans changes no mark, and there is one plan per pupil-year', () => {
    const plain = simulateSchool({ ...opts, variant: 'late-drift' });
    expect(sim.plans).toHaveLength(sim.years.length);
    expect(plain.years.map((py) => Array.from(py.marks))).toEqual(
      sim.years.map((py) => Array.from(py.marks)),
    );
  });

  it('at the end of the year it knows each outcome exactly', () => {
    const end = oracle(sessions.length);
    years.forEach((_, i) => {
      expect(end.pPA[i]).toBe(outcomes[i].pa);
      expect(end.pSA[i]).toBe(outcomes[i].sa);
      expect(end.toDate[i]).toBeCloseTo(outcomes[i].absenceRate, 6);
    });
  });

  it('ranks year-end PA better than absence to date in the autumn, and its risk sits near the PA rate', () => {
    const autumn = oracle(140); // 14 school weeks seen
    const pa = outcomes.map((o) => o.pa);
    const known = years.map((_, i) => i).filter((i) => Number.isFinite(autumn.pPA[i]));
    const pick = (xs: ArrayLike<number>) => known.map((i) => xs[i]);
    expect(auc(pick(autumn.pPA), pick(pa))).toBeGreaterThan(auc(pick(autumn.toDate), pick(pa)) + 0.01);
    const meanRisk = pick(autumn.pPA).reduce((a, b) => a + b, 0) / known.length;
    const paRate = pick(pa).reduce((a, b) => a + b, 0) / known.length;
    expect(Math.abs(meanRisk - paRate)).toBeLessThan(0.04);
  });
});
