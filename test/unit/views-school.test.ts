import { describe, expect, it } from 'vitest';
import { groupMetrics } from '../../src/domain/metrics';
import { buildSchool } from '../../src/views/school';
import { overview, inferPhase } from '../../src/views/overview';
import { ruleRisk, type RiskView } from '../../src/views/risk';
import { newlyAtRisk, baselineDate } from '../../src/views/newly';
import { groupLines } from '../../src/views/groups';
import { PUPILS, YEARS, TO } from './views-fixture';

const school = buildSchool(PUPILS, YEARS)!;
const risk = new Map<string, RiskView>(school.rows.map((r) => [r.id, ruleRisk(r.metrics)]));

describe('buildSchool', () => {
  it('takes as-of from the last marked day and computes each pupil once', () => {
    expect(school.asOf).toBe(TO);
    expect(school.rows.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(school.rows.map((r) => r.metrics.tally.possible)).toEqual([60, 60, 60, 60]);
    expect(school.rows.map((r) => r.metrics.tally.absent)).toEqual([0, 6, 4, 30]);
    expect(school.byId.get('B')!.name).toBe('Ben Ill');
    expect(school.halfTermsSoFar.map((p) => p.name)).toEqual(['Autumn 1']);
  });
});

describe('overview', () => {
  const o = overview(school, risk, new Set(['B']));
  it('pools the figures by hand: 200 of 240 sessions attended, 2 PA, 1 SA', () => {
    expect(o.figures.tally.possible).toBe(240);
    expect(o.figures.attendancePct).toBeCloseTo((100 * 200) / 240, 10);
    expect(o.figures.paCount).toBe(2);
    expect(o.figures.saCount).toBe(1);
    expect(o.figures.paRate).toBe(50);
    expect(o.newlyAtRisk).toBe(1);
  });
  it('agrees with the domain core', () => {
    const core = groupMetrics(YEARS, school.calendar, school.asOf);
    expect(o.figures.tally).toEqual(core.tally);
    expect(o.figures.paCount).toBe(core.paCount);
  });
  it('counts bands per half term and per term', () => {
    expect(o.byHalfTerm).toHaveLength(1);
    expect(o.byHalfTerm[0].counts).toEqual({ low: 1, rising: 1, high: 0, pa: 1, sa: 1 });
    expect(o.byHalfTerm[0].current).toBe(true);
    expect(o.byTerm.map((t) => t.label)).toEqual(['Autumn']);
    expect(o.flagged).toBe(2);
    expect(o.trending).toBe(1);
  });
  it('compares with the national figures for a secondary school', () => {
    expect(inferPhase(school.rows)).toBe('secondary');
    // Registers to 11 October 2024 are week 6: before the first weekly national figure (week 8), which stands in and says so.
    expect(o.national.pa).toBe(22.84);
    expect(o.national.paSource).toMatch(
      /week 8 of 2024\/25 \(the first published; the school is at week 6\)/,
    );
    expect(o.national.saSource).toContain('2022/23, whole year');
    expect(o.national.sa).toBe(3.4);
  });
});

describe('ruleRisk', () => {
  it('bands by absence so far and explains it', () => {
    expect(school.rows.map((r) => risk.get(r.id)!.band)).toEqual(['low', 'pa', 'rising', 'sa']);
    expect(risk.get('C')!.drivers[0].text).toMatch(/6\.7% of sessions/);
    // A full-attendance pupil's range is a single point at 100%.
    expect(risk.get('A')!.rangeLow).toBe(100);
    expect(risk.get('A')!.rangeHigh).toBe(100);
  });
});

describe('newlyAtRisk', () => {
  it('flags B (fine a week ago, PA now) but not D (already SA a week ago)', () => {
    const b = baselineDate(school.asOf, []);
    expect(b.asOf).toBe('2024-10-04');
    expect([...newlyAtRisk(school, risk, b.asOf)]).toEqual(['B']);
  });
  it('uses the end of the previous import when there is one', () => {
    const imp = (id: number, end: string, kind?: string) => ({
      id,
      years: [2024],
      dateRange: ['2024-09-02', end] as [string, string],
      kind,
    });
    const imports = [imp(1, '2024-09-27'), imp(2, '2024-10-11'), imp(3, '2024-09-13')];
    const b = baselineDate('2024-10-11', imports);
    expect(b.asOf).toBe('2024-09-27');
    // Both dates are named.
    expect(b.label).toContain('2024-09-27');
    expect(b.label).toContain('2024-10-11');
    // A details-only import (names, groups) brings no marks, so it never becomes the baseline.
    expect(baselineDate('2024-10-11', [...imports, imp(4, '2024-10-04', 'details')]).asOf).toBe('2024-09-27');
    expect(baselineDate('2024-10-11', [...imports, imp(4, '2024-10-04')]).asOf).toBe('2024-10-04');
  });
});

describe('groupLines', () => {
  it('gives each group its rates, national gap and flag rate', () => {
    const lines = groupLines(school.rows, risk, 'secondary', school.asOf);
    const y8 = lines.find((l) => l.name === 'Year 8')!;
    expect(y8.figures.paCount).toBe(1);
    expect(y8.figures.paRate).toBe(50);
    expect(y8.nationalPa).toBe(25.4);
    expect(y8.paGap).toBeCloseTo(24.6, 10);
    expect(y8.flagRate).toBe(50);
    const fsm = lines.find((l) => l.name === 'FSM')!;
    expect(fsm.figures.pupils).toBe(2);
    expect(fsm.figures.paRate).toBe(100);
    expect(fsm.nationalPa).toBe(45);
    expect(lines.find((l) => l.name === 'EHC plan')!.figures.saCount).toBe(1);
  });
});

describe('model risk maps', () => {
  it('keys half-term risk by name and keeps the model as the source', async () => {
    const { halfTermRiskMap, modelRiskMap } = await import('../../src/views/risk');
    const ht = halfTermRiskMap({
      halfTerms: [{ name: 'Autumn 1' }, { name: 'Autumn 2' }],
      pupils: [{ pupilId: 'B', pPA: [0.2, 0.7] }],
    });
    expect(ht.get('B')).toEqual({ 'Autumn 1': 0.2, 'Autumn 2': 0.7 });
    const m = modelRiskMap([{ ...ruleRisk(school.rows[1].metrics), pPA: 0.8, pSA: 0.1 }]);
    expect(m.get('B')!.source).toBe('model');
    expect(m.get('B')!.pPA).toBe(0.8);
  });
});

describe('ruleBand', () => {
  it.each([
    [0, 0, 0, 'low'],
    [499, 10000, 0, 'low'],
    [5, 100, 0, 'rising'],
    [15, 200, 0, 'high'], // 7.5%
    [2, 100, 10, 'high'], // 10 unauthorised sessions in 10 weeks: the penalty-notice threshold
    [10, 100, 0, 'pa'], // exactly 10% is persistent absence
    [1, 6, 0, 'pa'], // however few the sessions: the one domain rule
    [499, 1000, 0, 'pa'],
    [50, 100, 0, 'sa'],
  ] as const)('%s absent of %s possible with %s recent unauthorised is %s', async (a, p, unauth, band) => {
    const { ruleBand } = await import('../../src/views/risk');
    expect(ruleBand(a, p, unauth)).toBe(band);
  });
});
