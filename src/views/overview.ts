/**
 * The school overview: figures to date, PA and SA, newly at risk, risk bands by half term and term,
 * and the national figures for the school's phase to compare with.
 */
import { poolMetrics, type GroupMetrics } from '../domain/metrics';
import { NATIONAL_BY_PHASE, NATIONAL_OVERALL, type Phase } from '../domain/national';
import { bandFromAbsence, FLAGGED, RISK_BANDS, TRENDING, type RiskBand, type RiskView } from './risk';
import type { PupilRow, School } from './school';

export interface BandCounts {
  label: string;
  /** Pupils per band, in RISK_BANDS order. */
  counts: Record<RiskBand, number>;
  total: number;
  /** The period is still in progress (its bar uses the current risk estimate). */
  current: boolean;
}

export interface NationalComparison {
  phase: Phase;
  label: string;
  absence: number | null;
  pa: number;
  sa: number | null;
  source: string;
}

export interface Overview {
  figures: GroupMetrics;
  newlyAtRisk: number;
  flagged: number;
  /** Rising or high, not yet PA: the pupils to reach while there is still time. */
  trending: number;
  byHalfTerm: BandCounts[];
  byTerm: BandCounts[];
  national: NationalComparison;
}

/** Secondary when any pupil is in Year 7 or above; primary otherwise. Special schools are set by the user. */
export function inferPhase(rows: readonly PupilRow[]): Phase {
  return rows.some((r) => /^\d+$/.test(r.yearGroup) && Number(r.yearGroup) >= 7) ? 'secondary' : 'primary';
}

/** Latest daily-collection absence and PA, and the census SA, for a phase. */
export function nationalFor(phase: Phase): NationalComparison {
  const daily = NATIONAL_BY_PHASE.find((f) => f.phase === phase && f.absence !== undefined);
  const census = NATIONAL_BY_PHASE.find((f) => f.phase === phase && f.sa !== undefined);
  const overall = NATIONAL_OVERALL[NATIONAL_OVERALL.length - 1];
  return {
    phase,
    label: `${phase[0].toUpperCase()}${phase.slice(1)} schools, England`,
    absence: daily?.absence ?? overall.absence,
    pa: daily?.pa ?? overall.pa,
    sa: census?.sa ?? null,
    source: `${daily?.source.name ?? overall.source.name} ${daily?.source.year ?? overall.source.year}; SA: census ${census?.source.year ?? '–'}`,
  };
}

const emptyCounts = (): Record<RiskBand, number> =>
  Object.fromEntries(RISK_BANDS.map((b) => [b, 0])) as Record<RiskBand, number>;

/**
 * Bands at the end of each half term so far. Finished half terms are banded from cumulative absence
 * at their end (what was known then); the current one uses today's risk estimate.
 */
export function bandsByHalfTerm(school: School, risk: ReadonlyMap<string, RiskView>): BandCounts[] {
  const n = school.halfTermsSoFar.length;
  return school.halfTermsSoFar.map((period, h) => {
    const counts = emptyCounts();
    const current = h === n - 1;
    for (const row of school.rows) {
      const band = current
        ? (risk.get(row.id)?.band ??
          bandFromAbsence(row.metrics.absencePct, row.metrics.unauthorisedLast10Weeks))
        : bandFromAbsence(row.cumulativeAbsence[h]);
      counts[band]++;
    }
    return { label: period.name, counts, total: school.rows.length, current };
  });
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
  phase: Phase = inferPhase(school.rows),
): Overview {
  const byHalfTerm = bandsByHalfTerm(school, risk);
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
    national: nationalFor(phase),
  };
}
