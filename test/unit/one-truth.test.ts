/**
 * One truth on every screen: invariants that must hold for every pupil of the demo school and of simulated
 * schools, scored by the shipped model exactly as the app scores them. A figure that contradicts another
 * (a band against the PA rule, a range against its probability, a leaver with a risk, two counts of the
 * same pupils) fails here, whichever pupil it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoSchool } from '../../src/sim/demo';
import { simulateSchool } from '../../src/sim/simulate';
import type { Pupil, PupilYear } from '../../src/domain/register';
import { readModelDir, useNodeBackend } from '../../src/model/node-backend';
import { riskByHalfTermWith, scoreSchoolWith } from '../../src/model/score';
import type { RiskModel } from '../../src/model/net';
import type { PupilRisk } from '../../src/model/types';
import { predictive } from '../../src/model/predictive';
import { buildSchool, type PupilRow, type School } from '../../src/views/school';
import { scoreTotalsOnly, TOTALS_BASIS, withTotalsRisk } from '../../src/model/totals-risk';
import { newlyAtRisk } from '../../src/views/newly';
import { quietSince, todayRows } from '../../src/views/today';
import { halfTermSummary } from './totals-fixture';
import {
  FLAGGED,
  TRENDING,
  chanceWords,
  halfTermRiskMap,
  modelRiskMap,
  ruleRisk,
  ruleRiskMap,
  type RiskView,
} from '../../src/views/risk';
import { overview } from '../../src/views/overview';
import { groupLines } from '../../src/views/groups';
import { joinWatch, runwayWords } from '../../src/views/watchlist';
import { NO_PUPILS } from '../../src/views/risk';

let model: RiskModel;
beforeAll(async () => {
  await useNodeBackend('cpu');
  model = await readModelDir('models/radar-v2');
}, 30_000);

interface Case {
  name: string;
  pupils: Pupil[];
  years: PupilYear[];
  prior: PupilYear[];
  asOf?: string;
}

function cases(): Case[] {
  const demo = demoSchool();
  const last = demo.years[demo.years.length - 1].startYear;
  const out: Case[] = [
    {
      name: 'the demo school',
      pupils: demo.pupils,
      years: demo.years.filter((y) => y.startYear === last),
      prior: demo.years.filter((y) => y.startYear === last - 1),
    },
  ];
  for (const [seed, phase, asOf] of [
    [7, 'primary', '2024-12-13'],
    [8, 'secondary', '2025-03-21'],
    [9, 'special', '2024-10-04'],
    [10, 'secondary', '2025-07-18'],
  ] as const) {
    const sim = simulateSchool({ seed, phase, pupils: 250, years: 2, lastStartYear: 2024 });
    out.push({
      name: `simulated ${phase} school ${seed} as of ${asOf}`,
      pupils: sim.pupils,
      years: sim.years.filter((y) => y.startYear === 2024),
      prior: sim.years.filter((y) => y.startYear === 2023),
      asOf,
    });
  }
  return out;
}

/** What the app holds once the model has scored (state/app.svelte.ts does the same steps). */
function scoreLikeTheApp(c: Case): {
  school: School;
  scored: PupilRisk[];
  risk: ReadonlyMap<string, RiskView>;
} {
  const school = buildSchool(c.pupils, c.years, c.asOf)!;
  const scored = scoreSchoolWith(model, { years: c.years, priorYears: c.prior, asOf: school.asOf });
  const risk = modelRiskMap(scored.filter((r) => school.byId.has(r.pupilId)));
  return { school, scored, risk };
}

describe.each(cases())('$name', (c) => {
  let school: School;
  let scored: PupilRisk[];
  let risk: ReadonlyMap<string, RiskView>;
  beforeAll(() => ({ school, scored, risk } = scoreLikeTheApp(c)), 60_000);

  it('has leavers, pupils on roll and a model score for every pupil on roll', () => {
    expect(school.rows.length).toBeGreaterThan(100);
    for (const r of school.rows) expect(risk.get(r.id)?.source).toBe('model');
  });

  it('bands every pupil by the one PA rule, in the model and in the rule fallback alike', () => {
    for (const r of school.rows) {
      for (const v of [risk.get(r.id)!, ruleRisk(r.metrics)]) {
        expect(v.band === 'pa' || v.band === 'sa', `${r.id} ${v.source}`).toBe(r.metrics.pa);
        expect(v.band === 'sa', `${r.id} ${v.source}`).toBe(r.metrics.sa);
      }
      const words = chanceWords(risk.get(r.id)!.band, risk.get(r.id)!.pPA)!;
      expect(words.startsWith('PA now') || words.startsWith('SA now')).toBe(r.metrics.pa);
    }
  });

  it('never shows a year-end range that contradicts the chance of PA or SA', () => {
    for (const r of school.rows) expectRangeAgrees(r, risk.get(r.id)!);
  });

  it('keeps leavers final: no risk, no runway, not on roll; the scorer gives them their record', () => {
    for (const l of school.leavers) {
      expect(school.byId.has(l.id)).toBe(false);
      expect(risk.has(l.id)).toBe(false);
      expect(l.metrics.runway.remainingSessions).toBe(0);
      const s = scored.find((x) => x.pupilId === l.id);
      if (s) {
        expect(s.pPA).toBe(l.metrics.pa ? 1 : 0);
        expect(s.rangeLow).toBeCloseTo(s.rangeHigh, 9);
      }
    }
    expect(school.rows.every((r) => r.left === null && r.metrics.runway.remainingSessions >= 0)).toBe(true);
  });

  it('counts the same pupils the same way on every screen', () => {
    expect(school.counts.records).toBe(c.years.length);
    expectCountsAgree(school, risk);
  });

  it('bands each finished half term as it stood then, by the same rule, beside the PA reached by then', () => {
    const ht = halfTermRiskMap(
      riskByHalfTermWith(model, { years: c.years, priorYears: c.prior, asOf: school.asOf }),
    );
    const o = overview(school, risk, NO_PUPILS, ht);
    expect(o.bandSource).toBe('model');
    o.byHalfTerm.forEach((bar, h) => {
      const already = bar.counts.pa + bar.counts.sa;
      // Already PA by that date is exactly the PA reached by then: the band uses the one rule at that date.
      expect(already, bar.label).toBe(bar.paReached);
      expect(bar.date).toBe(school.halfTermDates[h]);
      expect(Object.values(bar.counts).reduce((a, b) => a + b, 0)).toBe(bar.total);
    });
    // Without the model every bar uses the register rule: never a mixture.
    expect(overview(school, ruleRiskMap(school.rows), NO_PUPILS, ht).bandSource).toBe('rule');
  });
});

/** The year-end range and P(PA), P(SA) of one pupil are read from one distribution, so they never disagree. */
function expectRangeAgrees(r: PupilRow, v: RiskView): void {
  const [p, s, lo, mid, hi] = [v.pPA!, v.pSA!, v.rangeLow!, v.expectedAttendancePct!, v.rangeHigh!];
  const at = `${r.id}: P(PA) ${p}, P(SA) ${s}, ${lo}–${mid}–${hi}`;
  expect(lo <= mid + 1e-9 && mid <= hi + 1e-9, at).toBe(true);
  expect(s <= p + 1e-9, at).toBe(true);
  // The 80% range is the 10th–90th percentile of the same distribution P(PA) is read from.
  if (hi < 90 - 1e-6) expect(p, at).toBeGreaterThan(0.9 - 1e-6);
  if (lo > 90 + 1e-6) expect(p, at).toBeLessThan(0.1 + 1e-6);
  if (mid < 90 - 1e-6) expect(p, at).toBeGreaterThanOrEqual(0.5 - 1e-6);
  if (mid > 90 + 1e-6) expect(p, at).toBeLessThanOrEqual(0.5 + 1e-6);
  if (lo > 50 + 1e-6) expect(s, at).toBeLessThan(0.1 + 1e-6);
  // Absence already recorded caps the best case.
  const total = r.metrics.tally.possible + 380;
  expect(hi, at).toBeLessThanOrEqual(100 * (1 - r.metrics.tally.absent / total) + 1e-6);
}

/** Overview, watch list, groups and the current bar count the same pupils, and the same PA pupils. */
function expectCountsAgree(school: School, risk: ReadonlyMap<string, RiskView>): void {
  const o = overview(school, risk, NO_PUPILS);
  const watch = joinWatch(school.rows, risk, (r) => ruleRisk(r.metrics), NO_PUPILS, []);
  const groups = groupLines(school.rows, risk, 'secondary', school.asOf);
  const byYear = groups.filter((g) => g.kind === 'Year group').reduce((n, g) => n + g.figures.pupils, 0);
  const { counts } = school;
  expect(counts.onRoll + counts.left + counts.notYetOnRoll).toBe(counts.records);
  expect([o.figures.pupils, watch.length, o.byHalfTerm[o.byHalfTerm.length - 1].total]).toEqual([
    counts.onRoll,
    counts.onRoll,
    counts.onRoll,
  ]);
  if (groups.some((g) => g.kind === 'Year group')) expect(byYear).toBe(counts.onRoll);
  // PA counted by the figures, by the watch list's bands and by the current half-term bar agree.
  const paBands = watch.filter((w) => w.risk.band === 'pa' || w.risk.band === 'sa').length;
  const now = o.byHalfTerm[o.byHalfTerm.length - 1];
  expect([paBands, now.counts.pa + now.counts.sa, now.paReached]).toEqual([
    o.figures.paCount,
    o.figures.paCount,
    o.figures.paCount,
  ]);
  // Flagged on the overview is flagged in the groups (every pupil is in exactly one year group, when given).
  const flagged = watch.filter((w) => FLAGGED.has(w.risk.band)).length;
  expect(o.flagged).toBe(flagged);
}

/**
 * A school that imported only period totals (a summary per half term, derived from a simulated school's marks),
 * and one with marks for most pupils and totals for a few: scored as the app's score worker scores them.
 */
describe.each([
  {
    name: 'a totals-only secondary school as of 2025-03-21',
    seed: 8,
    phase: 'secondary',
    asOf: '2025-03-21',
    share: 1,
  },
  {
    name: 'a totals-only primary school as of 2024-12-13',
    seed: 7,
    phase: 'primary',
    asOf: '2024-12-13',
    share: 1,
  },
  {
    name: 'a school with marks for most pupils and totals for one in ten',
    seed: 9,
    phase: 'secondary',
    asOf: '2025-02-07',
    share: 0.1,
  },
] as const)('$name', ({ seed, phase, asOf, share }) => {
  const sim = simulateSchool({ seed, phase, pupils: 250, years: 2, lastStartYear: 2024 });
  const current = sim.years.filter((y) => y.startYear === 2024);
  const prior = sim.years.filter((y) => y.startYear === 2023);
  // Every pupil (share 1) or every tenth pupil has totals only; the rest keep their marks.
  const fromTotals = new Set(current.filter((_, i) => share === 1 || i % 10 === 0).map((y) => y.pupilId));
  const marked = current.filter((y) => !fromTotals.has(y.pupilId));
  const totals = halfTermSummary(
    current.filter((y) => fromTotals.has(y.pupilId)),
    asOf,
  );
  const priorTotals = halfTermSummary(prior, '2025-08-31');
  let school: School;
  let marksSchool: School;
  let risk: ReadonlyMap<string, RiskView>;
  beforeAll(() => {
    school = buildSchool(sim.pupils, marked, asOf, totals)!;
    marksSchool = buildSchool(sim.pupils, current, asOf)!;
    const scored = [
      ...(marked.length
        ? scoreSchoolWith(model, { years: marked, priorYears: prior, asOf: school.asOf })
        : []),
      ...scoreTotalsOnly(model.meta, {
        totals,
        priorTotals,
        years: marked,
        asOf: school.asOf,
        startYear: 2024,
      }),
    ];
    risk = modelRiskMap(scored.filter((r) => school.byId.has(r.pupilId)));
  }, 60_000);

  it('shows every pupil, from their totals where there are no marks, with the same figures the marks give', () => {
    expect(school.asOf).toBe(asOf);
    expect(school.totalsOnly).toBe(share === 1);
    const totalsRows = school.rows.filter((r) => r.totals);
    expect(school.counts.fromTotals).toBe(totalsRows.length);
    expect(totalsRows.length).toBeGreaterThan(share === 1 ? 200 : 15);
    for (const r of school.rows) {
      expect(!!r.totals, r.id).toBe(fromTotals.has(r.id));
      // A summary does not say who left: a leaver with totals is on the roll, with the same sessions.
      const m = marksSchool.byId.get(r.id)?.metrics ?? marksSchool.leaverById.get(r.id)!.metrics;
      expect([r.metrics.tally.possible, r.metrics.tally.absent, r.metrics.tally.attended], r.id).toEqual([
        m.tally.possible,
        m.tally.absent,
        m.tally.attended,
      ]);
      expect([r.metrics.pa, r.metrics.sa]).toEqual([m.pa, m.sa]);
      if (!r.totals) continue;
      // The pupil page's period table adds up to the figures to date, period by period.
      expect(r.totals.reduce((n, t) => n + t.metrics.tally.possible, 0)).toBe(r.metrics.tally.possible);
      if (share === 1)
        r.totals.forEach((t) => {
          const h = school.halfTermsSoFar.findIndex((p) => p.name === t.label);
          expect(r.halfTermAbsence[h]).toBeCloseTo(t.metrics.absencePct!, 9);
        });
    }
  });

  it('labels the totals risk and bands every pupil by the one PA rule over the figures shown', () => {
    for (const r of school.rows) {
      const v = risk.get(r.id)!;
      expect(v.source, r.id).toBe(r.totals ? 'totals' : 'model');
      if (r.totals) expect(v.drivers[0].text.startsWith(TOTALS_BASIS)).toBe(true);
      for (const b of [v.band, ruleRisk(r.metrics).band]) {
        expect(b === 'pa' || b === 'sa', r.id).toBe(r.metrics.pa);
        expect(b === 'sa', r.id).toBe(r.metrics.sa);
      }
      expectRangeAgrees(r, v);
    }
  });

  it('counts the same pupils the same way on overview, watch list, groups and the bars', () => {
    expectCountsAgree(school, risk);
    if (share === 1)
      expect(school.halfTermsSoFar.map((p) => p.name)).toEqual(marksSchool.halfTermsSoFar.map((p) => p.name));
  });

  it('bands each finished period as it stood then, totals pupils by the totals model, beside the PA reached', () => {
    const marks = marked.length
      ? riskByHalfTermWith(model, { years: marked, priorYears: prior, asOf: school.asOf })
      : { halfTerms: [], pupils: [] };
    const finished = school.halfTermsSoFar
      .slice(0, -1)
      .map((p, h) => ({ name: p.name, endDate: school.halfTermDates[h] }));
    const args = { totals, priorTotals, years: marked, startYear: 2024 };
    const ht = halfTermRiskMap(withTotalsRisk(model.meta, marks, args, school.totalsOnly ? finished : []));
    const o = overview(school, risk, NO_PUPILS, ht);
    expect(o.bandSource).toBe('model');
    expect(o.byHalfTerm.length).toBeGreaterThan(1);
    o.byHalfTerm.forEach((bar, h) => {
      expect(bar.counts.pa + bar.counts.sa, bar.label).toBe(bar.paReached);
      expect(Object.values(bar.counts).reduce((a, b) => a + b, 0)).toBe(bar.total);
      if (h === o.byHalfTerm.length - 1) return;
      // Every totals pupil with sessions by then has a P(PA) for the period, read from the totals ended by then.
      for (const r of school.rows.filter((x) => x.totals && x.atHalfTermEnd[h].tally.possible > 0))
        expect(Number.isNaN(ht.get(r.id)?.[bar.label] ?? NaN), `${r.id} ${bar.label}`).toBe(false);
    });
  });

  it('finds pupils newly at risk from the totals known at the earlier date, with no runway or penalty count', () => {
    const newly = newlyAtRisk(school, risk, school.halfTermDates[0]);
    for (const id of newly) expect(FLAGGED.has(risk.get(id)!.band)).toBe(true);
    const rows = joinWatch(school.rows, risk, (r) => ruleRisk(r.metrics), newly, []);
    for (const w of rows.filter((x) => x.row.totals)) expect(runwayWords(w.row)).not.toMatch(/Can miss/);
    const today = todayRows(rows, new Map(), quietSince(school.calendar, school.asOf), 'today');
    for (const t of today.filter((x) => x.w.row.totals)) {
      expect(t.reasons).not.toContain('crossing-soon');
      expect(t.reasons).not.toContain('penalty');
    }
    // Trending pupils from totals are on today's list like any other.
    const trending = rows.filter((w) => w.row.totals && !w.row.metrics.pa && TRENDING.has(w.risk.band));
    for (const w of trending) expect(today.some((t) => t.w.row.id === w.row.id)).toBe(true);
  });
});

describe('one predictive distribution', () => {
  it('agrees with itself for any model output and any register so far', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer({ min: 0, max: 380 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 380 }),
        (pPA, rate, width, possible, absentShare, remaining) => {
          const absent = Math.round(absentShare * possible);
          const d = predictive({
            pPA,
            rate,
            spread: { q10: -width / 2, q90: width / 2 },
            absent,
            possible,
            remaining,
          });
          const ok = (b: boolean) =>
            expect(b, JSON.stringify({ pPA, rate, width, possible, absent, remaining, d })).toBe(true);
          ok(d.rangeLow <= d.expectedAttendancePct + 1e-9 && d.expectedAttendancePct <= d.rangeHigh + 1e-9);
          ok(d.pSA <= d.pPA + 1e-12);
          if (d.rangeHigh < 90 - 1e-6) ok(d.pPA > 0.9 - 1e-6);
          if (d.rangeLow > 90 + 1e-6) ok(d.pPA < 0.1 + 1e-6);
          if (remaining > 0 && possible + remaining > 0) {
            const total = possible + remaining;
            // PA already unavoidable, or out of reach, is certain either way.
            if (absent * 10 >= total) ok(d.pPA === 1);
            if ((absent + remaining) * 10 < total) ok(d.pPA === 0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps the calibrated P(PA) where PA is still open either way', () => {
    const d = predictive({
      pPA: 0.17,
      rate: 0.12,
      spread: { q10: -0.04, q90: 0.05 },
      absent: 20,
      possible: 100,
      remaining: 280,
    });
    expect(d.pPA).toBeCloseTo(0.17, 6);
    // 20 of 100 is PA now; the range still reaches below 10% absence because most of the year is to come.
    expect(d.rangeHigh).toBeGreaterThan(90);
  });

  it('is the record itself once nothing is left (a leaver, or the year done)', () => {
    const d = predictive({
      pPA: 0.5,
      rate: 0.2,
      spread: { q10: -0.1, q90: 0.1 },
      absent: 9,
      possible: 100,
      remaining: 0,
    });
    expect([d.pPA, d.pSA, d.rangeLow, d.expectedAttendancePct, d.rangeHigh]).toEqual([0, 0, 91, 91, 91]);
  });
});

describe('the chance in words', () => {
  it('tells a pupil PA now from one who may become PA, as the band does', () => {
    expect(chanceWords('pa', 0.17)).toBe('PA now; 17% chance of still being PA in July');
    expect(chanceWords('sa', 0.9)).toBe('SA now; 90% chance of still being PA in July');
    expect(chanceWords('high', 0.62)).toBe('62% chance of being PA in July');
    expect(chanceWords('pa', null)).toBeNull();
  });
});
