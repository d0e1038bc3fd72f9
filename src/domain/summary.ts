/**
 * Per-pupil totals from summary-layout exports (one row per pupil per period, no session marks).
 * They give the same rates and PA/SA flags as full registers, but no spells or runway.
 */
import { coreFromTally, poolMetrics, type CoreMetrics, type GroupMetrics } from './metrics';
import { emptyTally, type Tally } from './tally';

export interface PupilPeriodTotals {
  pupilId: string;
  startYear: number;
  from?: string;
  to?: string;
  periodLabel?: string;
  possible: number;
  /** Present excluding approved educational activity (lates before close included, as the code table counts L). */
  present: number;
  aea: number;
  authorised: number;
  unauthorised: number;
  lates?: number;
  /** The pupil's year and registration group as the export gave them beside the totals (no register holds them). */
  yearGroup?: string;
  regGroup?: string;
}

/** One summary row as an export gives it and the store keeps it: always with its named period and dates. */
export interface NamedPeriodTotals extends PupilPeriodTotals {
  periodLabel: string;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
}

/** A Tally from summary totals; marks-only fields (not possible, missing) are 0. */
export function tallyFromTotals(t: PupilPeriodTotals): Tally {
  const tally = emptyTally();
  tally.possible = t.possible;
  tally.present = t.present;
  tally.aea = t.aea;
  tally.authorised = t.authorised;
  tally.unauthorised = t.unauthorised;
  tally.attended = t.present + t.aea;
  tally.absent = t.authorised + t.unauthorised;
  tally.lates = t.lates ?? 0;
  return tally;
}

/**
 * Rates use the export's own possible sessions, which may differ slightly from
 * attended + absent when the MIS counted missing marks as possible.
 */
export function metricsFromTotals(t: PupilPeriodTotals): CoreMetrics {
  return coreFromTally(tallyFromTotals(t));
}

/** True when the row's parts add up to its possible sessions (a check for the importer to report). */
export function totalsAddUp(t: PupilPeriodTotals): boolean {
  return t.present + t.aea + t.authorised + t.unauthorised === t.possible;
}

/** Adds several periods of one pupil into one row (e.g. three terms into a year). */
export function combineTotals(rows: readonly PupilPeriodTotals[]): PupilPeriodTotals | undefined {
  if (rows.length === 0) return undefined;
  const out: PupilPeriodTotals = {
    ...rows[0],
    possible: 0,
    present: 0,
    aea: 0,
    authorised: 0,
    unauthorised: 0,
  };
  let lates: number | undefined;
  for (const r of rows) {
    out.possible += r.possible;
    out.present += r.present;
    out.aea += r.aea;
    out.authorised += r.authorised;
    out.unauthorised += r.unauthorised;
    if (r.lates !== undefined) lates = (lates ?? 0) + r.lates;
    if (r.from && (!out.from || r.from < out.from)) out.from = r.from;
    if (r.to && (!out.to || r.to > out.to)) out.to = r.to;
  }
  out.lates = lates;
  if (rows.length > 1) out.periodLabel = undefined;
  return out;
}

/** Group figures (pooled rates, PA and SA counts and rates) from one totals row per pupil. */
export function poolTotals(rows: Iterable<PupilPeriodTotals>): GroupMetrics {
  function* cores() {
    for (const r of rows) yield metricsFromTotals(r);
  }
  return poolMetrics(cores());
}

/**
 * A pupil's period rows that count as of a date: those that have started by then (`ended`: only those that have
 * ended by then, i.e. what was known that day). Rows overlapping one already kept (a year-to-date summary imported
 * beside a term's) are dropped, so no session is counted twice; the earliest-starting, widest row is kept.
 */
export function totalsAsOf<T extends PupilPeriodTotals>(
  rows: readonly T[],
  date: string,
  ended = false,
): T[] {
  const counted = rows
    .filter((r) => (ended ? (r.to ?? '') <= date : (r.from ?? '') <= date))
    .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '') || (b.to ?? '').localeCompare(a.to ?? ''));
  const kept: T[] = [];
  for (const r of counted) {
    const last = kept[kept.length - 1];
    if (!last || !r.from || !last.to || r.from > last.to) kept.push(r);
  }
  return kept;
}
