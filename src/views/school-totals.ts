/**
 * Pupils the school holds only period totals for (a summary export, a CTF without marks), as the screens see them:
 * a PupilRow per pupil from their periods, and a totals-only school's own periods in place of half terms.
 */
import type { Period, TermName } from '../domain/calendar';
import type { PupilMetrics } from '../domain/metrics';
import { slotEndOfDate, yearSlots, type Pupil } from '../domain/register';
import { combineTotals, metricsFromTotals, totalsAsOf, type NamedPeriodTotals } from '../domain/summary';
import { pupilName } from './format';
import type { PupilRow } from './school';

/** The last day the year's totals cover (within the school year): a totals-only school's as-of date. */
export function lastTotalsDay(totals: readonly NamedPeriodTotals[], startYear: number): string {
  const days = yearSlots(startYear).days;
  let last = '';
  for (const t of totals) if (t.startYear === startYear && t.to > last) last = t.to;
  return last > days[days.length - 1] ? days[days.length - 1] : last || days[0];
}

const TERM_OF_MONTH: TermName[] = [
  'Spring',
  'Spring',
  'Spring',
  'Summer',
  'Summer',
  'Summer',
  'Summer',
  'Summer',
];

/** The distinct periods a school year's totals cover, in date order, as Periods (each its own "term" when named one). */
export function totalsPeriods(totals: readonly NamedPeriodTotals[], startYear: number): Period[] {
  const slots = yearSlots(startYear);
  const seen = new Map<string, Period>();
  for (const t of totals) {
    if (t.startYear !== startYear) continue;
    const key = `${t.periodLabel}|${t.from}|${t.to}`;
    if (seen.has(key)) continue;
    const month = Number(t.from.slice(5, 7));
    seen.set(key, {
      name: t.periodLabel,
      term: month >= 9 ? 'Autumn' : (TERM_OF_MONTH[month - 1] ?? 'Summer'),
      startDate: t.from,
      endDate: t.to,
      startSlot: Math.max(0, slotEndOfDate(slots, t.from) - 2),
      endSlot: slotEndOfDate(slots, t.to),
      assumed: false,
    });
  }
  return [...seen.values()].sort(
    (a, b) => a.endDate.localeCompare(b.endDate) || a.startDate.localeCompare(b.startDate),
  );
}

/** A pupil's figures to a date from their totals: the periods started by then (ended by then, for a past date). */
export function totalsMetricsAt(
  rows: readonly NamedPeriodTotals[],
  pupilId: string,
  date: string,
  ended = false,
): PupilMetrics {
  const core = metricsFromTotals(combineTotals(totalsAsOf(rows, date, ended)) ?? emptyTotals(pupilId));
  return {
    ...core,
    spells: 0,
    longestSpell: 0,
    pupilId,
    asOf: date,
    unauthorisedLast10Weeks: 0,
    missingOnOpenDays: 0,
    runway: { remainingSessions: 0, canMiss: 0, paUnavoidable: false },
  };
}

const emptyTotals = (pupilId: string) =>
  ({ pupilId, startYear: 0, possible: 0, present: 0, aea: 0, authorised: 0, unauthorised: 0 }) as const;

export function totalsRow(
  p: Pupil,
  list: readonly NamedPeriodTotals[],
  at: string,
  periods: readonly Period[],
  dates: readonly string[],
): PupilRow {
  const metrics = totalsMetricsAt(list, p.id, at);
  const shown = totalsAsOf(list, at);
  const atEnd = periods.map((_, h) =>
    h === periods.length - 1 ? metrics : totalsMetricsAt(list, p.id, dates[h], true),
  );
  return {
    id: p.id,
    name: pupilName(p),
    // The latest row that gives them (a pupil moves up a year only between school years, but groups can change).
    yearGroup: latestOf(list, 'yearGroup'),
    regGroup: latestOf(list, 'regGroup'),
    fsm: p.fsm ?? null,
    sen: p.sen ?? null,
    demo: p.demo === true,
    metrics,
    // A period's own absence when the totals have rows lying within it (a totals-only school's periods are its rows).
    halfTermAbsence: periods.map((period) => {
      const inside = list.filter((t) => t.from >= period.startDate && t.to <= period.endDate);
      return inside.length
        ? metricsFromTotals(combineTotals(totalsAsOf(inside, period.endDate))!).absencePct
        : null;
    }),
    cumulativeAbsence: atEnd.map((m) => m.absencePct),
    atHalfTermEnd: atEnd,
    left: null,
    totals: shown.map((t) => ({
      label: t.periodLabel,
      from: t.from,
      to: t.to,
      metrics: metricsFromTotals(t),
    })),
  };
}

const latestOf = (rows: readonly NamedPeriodTotals[], key: 'yearGroup' | 'regGroup'): string =>
  rows.reduce(
    (best: NamedPeriodTotals | null, r) => (r[key] && (!best || r.to >= best.to) ? r : best),
    null,
  )?.[key] ?? '';
