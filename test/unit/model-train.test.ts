import { beforeAll, describe, expect, it } from 'vitest';
import { simulateSchool } from '../../src/sim/simulate';
import type { PupilYear } from '../../src/domain/register';
import { useNodeBackend } from '../../src/model/node-backend';
import { trainRiskModel } from '../../src/model/train';
import { scoreSchoolWith, riskByHalfTermWith, scoreAtSession } from '../../src/model/score';
import { backtestWith } from '../../src/model/backtest';
import { fromStored, toStored } from '../../src/model/load';
import type { RiskModel } from '../../src/model/net';

// A tiny simulated school, three years: train on 2023/24 (prior 2022/23), test on 2024/25.
const sim = simulateSchool({ seed: 77, phase: 'secondary', pupils: 160, years: 3, lastStartYear: 2024 });
const year = (y: number): PupilYear[] => sim.years.filter((p) => p.startYear === y);
let model: RiskModel;

beforeAll(async () => {
  await useNodeBackend('cpu');
  model = await trainRiskModel([{ years: year(2023), priorYears: year(2022) }], {
    epochs: 3,
    batchSize: 128,
  });
}, 60_000);

describe('train and score a small simulated school', () => {
  it('ranks next year’s pupils far better than chance at Christmas, beside the rule baselines', () => {
    const r = backtestWith(model, { years: year(2024), priorYears: year(2023), pupils: sim.pupils });
    const xmas = r.checkpoints.find((c) => c.name === 'Autumn 2')!;
    expect(xmas.pupils).toBeGreaterThan(150);
    expect(xmas.model.auc).toBeGreaterThan(0.8);
    expect(xmas.absenceToDate.auc).toBeGreaterThan(0.7);
    expect(xmas.model.ece).toBeLessThan(0.15);
    expect(xmas.groups.some((g) => g.group === 'FSM')).toBe(true);
    expect(r.leadTime.paPupils).toBeGreaterThan(10);
    const l = r.leadTime;
    expect(l.shareFlaggedEarlier + l.shareSameWeek + l.shareFlaggedLater).toBeCloseTo(1);
    // A lower bar (the "rising" band) flags every pupil no later than p ≥ 0.5 does.
    expect(l.risingMedianWeeksEarlier).toBeGreaterThanOrEqual(l.medianWeeksEarlier);
  });

  it('gives every pupil probabilities, an expected attendance inside its range, a band and worded drivers', () => {
    const risks = scoreSchoolWith(model, { years: year(2024), priorYears: year(2023), asOf: '2024-12-20' });
    expect(risks.length).toBeGreaterThan(150);
    for (const r of risks) {
      expect(r.pPA).toBeGreaterThanOrEqual(0);
      expect(r.pPA).toBeLessThanOrEqual(1);
      expect(r.pSA).toBeLessThanOrEqual(r.pPA + 0.05);
      expect(r.rangeLow).toBeLessThanOrEqual(r.expectedAttendancePct + 1e-9);
      expect(r.rangeHigh).toBeGreaterThanOrEqual(r.expectedAttendancePct - 1e-9);
      for (const d of r.drivers) expect(d.text).toMatch(/[a-z]/);
    }
    // Pupils at high risk have reasons, and the reasons name their own figures.
    const top = [...risks].sort((a, b) => b.pPA - a.pPA).slice(0, 10);
    for (const r of top) expect(r.drivers.length).toBeGreaterThan(0);
    expect(top.flatMap((r) => r.drivers).some((d) => d.effect > 0)).toBe(true);
    // Pupils already past 10% to date are banded PA whatever the model says.
    for (const r of risks)
      if (r.possibleSessions >= 10 && r.attendancePct <= 90 && r.attendancePct > 50)
        expect(r.band).toBe('pa');
  });

  it('keeps a trajectory per half term and survives a save/load round trip unchanged', async () => {
    const t = riskByHalfTermWith(model, { years: year(2024), asOf: '2025-02-28' });
    expect(t.halfTerms.map((h) => h.name)).toEqual(['Autumn 1', 'Autumn 2', 'Spring 1']);
    expect(t.pupils[0].pPA).toHaveLength(3);
    const stored = await toStored(model);
    const again = await fromStored(stored.artifacts);
    const a = scoreAtSession(model, year(2024), undefined, 100);
    const b = scoreAtSession(again, year(2024), undefined, 100);
    expect(Array.from(b.pPA)).toEqual(Array.from(a.pPA));
  });
});
