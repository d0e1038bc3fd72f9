/**
 * "Newly at risk since the last import": flagged now (high risk, PA or SA) but not flagged by the
 * same register rule as at an earlier date, normally the end of the previous import.
 */
import { pupilMetrics } from '../domain/metrics';
import { epochDay, isoFromEpochDay } from '../domain/register';
import { bandFromAbsence, FLAGGED, type RiskView } from './risk';
import type { School } from './school';

export interface Baseline {
  asOf: string;
  /** How the date was chosen, for the screen: "the previous import (to 2025-01-17)". */
  label: string;
}

/**
 * The earlier date to compare with: the end of the newest earlier import that ended before as-of,
 * else one week before as-of.
 */
export function baselineDate(asOf: string, importEnds: readonly string[]): Baseline {
  const earlier = importEnds.filter((d) => d < asOf).sort();
  if (earlier.length) {
    const d = earlier[earlier.length - 1];
    return { asOf: d, label: `since the previous import (to ${d})` };
  }
  const d = isoFromEpochDay(epochDay(asOf) - 7);
  return { asOf: d, label: `since a week earlier (${d})` };
}

export function newlyAtRisk(
  school: School,
  risk: ReadonlyMap<string, RiskView>,
  baseline: string,
): Set<string> {
  const out = new Set<string>();
  for (const row of school.rows) {
    const now =
      risk.get(row.id)?.band ?? bandFromAbsence(row.metrics.absencePct, row.metrics.unauthorisedLast10Weeks);
    if (!FLAGGED.has(now)) continue;
    const py = school.years.get(row.id)!;
    const before = pupilMetrics(py, school.calendar, baseline);
    // A pupil with no sessions yet at the baseline had nothing to flag: they are new to the list.
    if (!FLAGGED.has(bandFromAbsence(before.absencePct, before.unauthorisedLast10Weeks))) out.add(row.id);
  }
  return out;
}
