/**
 * A school from period totals only, for any totals: each pupil's figures are their periods added up (a period
 * repeated under another name counts once), PA and SA by the one rule, the periods in date order with each one's
 * own absence, and the overview pooling exactly the pupils' figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPersistentlyAbsent, isSeverelyAbsent } from '../../src/domain/metrics';
import type { NamedPeriodTotals } from '../../src/domain/summary';
import { overview } from '../../src/views/overview';
import { NO_PUPILS, ruleRiskMap } from '../../src/views/risk';
import { buildSchool } from '../../src/views/school';

const PERIODS = [
  { label: 'Autumn 1', from: '2024-09-02', to: '2024-10-25' },
  { label: 'Autumn 2', from: '2024-11-04', to: '2024-12-20' },
  { label: 'Spring 1', from: '2025-01-06', to: '2025-02-14' },
  { label: 'Spring 2', from: '2025-02-24', to: '2025-04-04' },
];

const counts = fc
  .record({
    present: fc.integer({ min: 0, max: 80 }),
    aea: fc.integer({ min: 0, max: 3 }),
    authorised: fc.integer({ min: 0, max: 40 }),
    unauthorised: fc.integer({ min: 0, max: 40 }),
  })
  .map((c) => ({ ...c, possible: c.present + c.aea + c.authorised + c.unauthorised }));

/** Each pupil: some of the periods (at least one), each with counts; sometimes one repeated as a year-to-date row. */
const pupilsArb = fc.array(
  fc.record({
    periods: fc.subarray([0, 1, 2, 3], { minLength: 1 }),
    counts: fc.array(counts, { minLength: 4, maxLength: 4 }),
    repeat: fc.boolean(),
  }),
  { minLength: 1, maxLength: 25 },
);

type Counts = Omit<NamedPeriodTotals, 'pupilId' | 'startYear' | 'periodLabel' | 'from' | 'to'>;

function totalsOf(pupils: { periods: number[]; counts: Counts[]; repeat: boolean }[]): NamedPeriodTotals[] {
  return pupils.flatMap((p, i) => {
    const rows = p.periods.map((k) => ({
      pupilId: `P${i}`,
      startYear: 2024,
      periodLabel: PERIODS[k].label,
      from: PERIODS[k].from,
      to: PERIODS[k].to,
      ...p.counts[k],
    }));
    // The same dates imported again under another name (a report run twice): must not count twice.
    return p.repeat ? [...rows, { ...rows[0], periodLabel: `${rows[0].periodLabel} (again)` }] : rows;
  });
}

describe('a school from period totals only', () => {
  it('adds up each pupil’s periods once, bands by the one rule, and pools exactly those figures', () => {
    fc.assert(
      fc.property(pupilsArb, (pupils) => {
        const totals = totalsOf(pupils);
        const school = buildSchool([], [], undefined, totals)!;
        const last = PERIODS[Math.max(...pupils.flatMap((p) => p.periods))];
        expect(school.totalsOnly).toBe(true);
        expect(school.asOf).toBe(last.to);
        expect(school.halfTermsSoFar.map((p) => p.endDate)).toEqual(
          [...school.halfTermsSoFar.map((p) => p.endDate)].sort(),
        );
        let possible = 0;
        let absent = 0;
        let onRoll = 0;
        pupils.forEach((p, i) => {
          const sum = { possible: 0, absent: 0 };
          for (const k of p.periods) {
            sum.possible += p.counts[k].possible;
            sum.absent += p.counts[k].authorised + p.counts[k].unauthorised;
          }
          const row = school.byId.get(`P${i}`);
          if (sum.possible === 0) return expect(row).toBeUndefined();
          onRoll++;
          possible += sum.possible;
          absent += sum.absent;
          expect([row!.metrics.tally.possible, row!.metrics.tally.absent]).toEqual([
            sum.possible,
            sum.absent,
          ]);
          expect(row!.metrics.pa).toBe(isPersistentlyAbsent(sum.absent, sum.possible));
          expect(row!.metrics.sa).toBe(isSeverelyAbsent(sum.absent, sum.possible));
          expect(row!.totals!.reduce((n, t) => n + t.metrics.tally.possible, 0)).toBe(sum.possible);
          // Each period's own absence where the pupil has it; figures to date never shrink period by period.
          school.halfTermsSoFar.forEach((period, h) => {
            const k = PERIODS.findIndex((x) => x.label === period.name);
            const own = p.periods.includes(k) && p.counts[k].possible > 0;
            if (own) {
              const c = p.counts[k];
              expect(row!.halfTermAbsence[h]).toBeCloseTo(
                (100 * (c.authorised + c.unauthorised)) / c.possible,
                9,
              );
            }
            if (h) {
              const [a, b] = [row!.atHalfTermEnd[h - 1].tally, row!.atHalfTermEnd[h].tally];
              expect(b.possible).toBeGreaterThanOrEqual(a.possible);
            }
          });
        });
        expect([school.counts.onRoll, school.counts.fromTotals]).toEqual([onRoll, onRoll]);
        const o = overview(school, ruleRiskMap(school.rows), NO_PUPILS);
        expect([o.figures.tally.possible, o.figures.tally.absent, o.figures.pupils]).toEqual([
          possible,
          absent,
          onRoll,
        ]);
      }),
      { numRuns: 200 },
    );
  });
});
