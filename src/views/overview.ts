/**
 * The school overview: figures to date, PA and SA, newly at risk, risk bands by half term and term,
 * and the national figures for the school's phase to compare with.
 */
import { poolMetrics, type GroupMetrics } from '../domain/metrics';
import { NATIONAL_BY_PHASE, NATIONAL_OVERALL, nationalYtdPa, type Phase } from '../domain/national';
import { bandThen, FLAGGED, RISK_BANDS, ruleBandOf, TRENDING, type RiskBand, type RiskView } from './risk';
import type { PupilRow, School } from './school';

export interface BandCounts {
  label: string;
  /** The date the bar stands at: the period's last day, or as-of for the current one. */
  date: string;
  /** Pupils per band, in RISK_BANDS order. */
  counts: Record<RiskBand, number>;
  total: number;
  /** The period is still in progress (its bar stands at today's as-of date). */
  current: boolean;
  /** Pupils PA by the register at `date` (a share of `total`): what had actually happened by then. */
  paReached: number;
  /** National year-to-date PA % for the same week of the year, with what it is. */
  nationalPa: number;
  nationalLabel: string;
}

/** Where the bands come from: the model as of each date, or (until it has scored every date) the register rule. */
export type BandSource = 'model' | 'rule';

export interface NationalComparison {
  phase: Phase;
  label: string;
  /** Each figure with the year and period it covers, so a reader can tell like from unlike. */
  absence: number;
  absenceSource: string;
  /** Year-to-date PA at the same week of the year as the school's as-of date. */
  pa: number;
  paSource: string;
  sa: number | null;
  saSource: string;
}

export interface Overview {
  figures: GroupMetrics;
  newlyAtRisk: number;
  flagged: number;
  /** Rising or high, not yet PA: the pupils to reach while there is still time. */
  trending: number;
  byHalfTerm: BandCounts[];
  byTerm: BandCounts[];
  bandSource: BandSource;
  national: NationalComparison;
}

/** Secondary when any pupil is in Year 7 or above; primary otherwise. Special schools are set by the user. */
export function inferPhase(rows: readonly PupilRow[]): Phase {
  return rows.some((r) => /^\d+$/.test(r.yearGroup) && Number(r.yearGroup) >= 7) ? 'secondary' : 'primary';
}

/**
 * National figures for a phase to set beside a school's figures to `asOf`: PA year to date for the same
 * week of the year (weekly series); absence and SA only exist for whole years, and say so.
 */
export function nationalFor(phase: Phase, asOf: string): NationalComparison {
  const daily = NATIONAL_BY_PHASE.find((f) => f.phase === phase && f.absence !== undefined);
  const census = NATIONAL_BY_PHASE.find((f) => f.phase === phase && f.sa !== undefined);
  const overall = NATIONAL_OVERALL[NATIONAL_OVERALL.length - 1];
  const ytd = nationalYtdPa(phase, asOf);
  const absenceSource = daily?.source ?? overall.source;
  return {
    phase,
    label: `${phase[0].toUpperCase()}${phase.slice(1)} schools, England`,
    absence: daily?.absence ?? overall.absence,
    absenceSource: `${absenceSource.name}, ${absenceSource.year}, whole year`,
    pa: ytd.pa,
    paSource: `DfE Pupil attendance in schools (daily collection): ${ytd.label}`,
    sa: census?.sa ?? null,
    saSource: census ? `${census.source.name}, ${census.source.year}, whole year` : 'not published',
  };
}

const emptyCounts = (): Record<RiskBand, number> =>
  Object.fromEntries(RISK_BANDS.map((b) => [b, 0])) as Record<RiskBand, number>;

/**
 * Bands at the end of each half term so far, one definition for every bar: the risk as it stood at that
 * date (the model re-scored as of the half term's last day; today's score for the current one), among
 * pupils on roll now who had a possible session by then, beside the PA actually reached by that date.
 * When the model has not scored every date, every bar uses the register rule instead, never a mixture.
 */
export function bandsByHalfTerm(
  school: School,
  risk: ReadonlyMap<string, RiskView>,
  halfTermRisk: ReadonlyMap<string, Record<string, number>> | null,
  phase: Phase = inferPhase(school.rows),
): { bars: BandCounts[]; source: BandSource } {
  const n = school.halfTermsSoFar.length;
  const source: BandSource =
    halfTermRisk && school.rows.every((r) => risk.get(r.id)?.source !== 'rule') ? 'model' : 'rule';
  const bars = school.halfTermsSoFar.map((period, h) => {
    const counts = emptyCounts();
    const current = h === n - 1;
    const date = school.halfTermDates[h];
    let total = 0;
    let paReached = 0;
    for (const row of school.rows) {
      const then = row.atHalfTermEnd[h];
      if (then.tally.possible === 0) continue;
      total++;
      if (then.pa) paReached++;
      const band: RiskBand =
        source === 'rule'
          ? ruleBandOf(then)
          : current
            ? risk.get(row.id)!.band
            : bandThen(then, halfTermRisk!.get(row.id)?.[period.name]);
      counts[band]++;
    }
    const national = nationalYtdPa(phase, date);
    return {
      label: period.name,
      date,
      counts,
      total,
      current,
      paReached,
      nationalPa: national.pa,
      nationalLabel: national.label,
    };
  });
  return { bars, source };
}

/** A term's bar is its last started half term's bar. */
export function bandsByTerm(school: School, halfTerms: readonly BandCounts[]): BandCounts[] {
  const out: BandCounts[] = [];
  school.halfTermsSoFar.forEach((p, h) => {
    const next = school.halfTermsSoFar[h + 1];
    if (!next || next.term !== p.term) out.push({ ...halfTerms[h], label: p.term });
  });
  return out;
}

export function overview(
  school: School,
  risk: ReadonlyMap<string, RiskView>,
  newly: ReadonlySet<string>,
  halfTermRisk: ReadonlyMap<string, Record<string, number>> | null = null,
  phase: Phase = inferPhase(school.rows),
): Overview {
  const { bars: byHalfTerm, source } = bandsByHalfTerm(school, risk, halfTermRisk, phase);
  let flagged = 0;
  let trending = 0;
  for (const r of school.rows) {
    const band = risk.get(r.id)?.band ?? 'low';
    if (FLAGGED.has(band)) flagged++;
    if (TRENDING.has(band)) trending++;
  }
  return {
    figures: poolMetrics(school.rows.map((r) => r.metrics)),
    newlyAtRisk: newly.size,
    flagged,
    trending,
    byHalfTerm,
    byTerm: bandsByTerm(school, byHalfTerm),
    bandSource: source,
    national: nationalFor(phase, school.asOf),
  };
}
