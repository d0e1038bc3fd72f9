/**
 * "Newly at risk since the last import": flagged now (high risk, PA or SA) but not flagged at the previous
 * import. With the model, "then" is the risk snapshot saved after the previous import; without one, the
 * register rule is replayed at an earlier date, normally the end of the previous import.
 */
import { pupilMetrics } from '../domain/metrics';
import { epochDay, isoFromEpochDay, schoolYearOf } from '../domain/register';
import { HIGH_RISK } from '../model/types';
import { bandFromAbsence, FLAGGED, type RiskView } from './risk';
import type { School } from './school';

export interface Baseline {
  asOf: string;
  /** How the date was chosen, for the screen: "the previous import (to 2025-01-17)". */
  label: string;
  /** 'snapshot': the model's risk saved at the previous import; 'register': the rule replayed at `asOf`. */
  source: 'snapshot' | 'register';
}

/** What the store keeps per import: P(PA) per pupil at the date the register ran to. */
export interface RiskSnapshotView {
  id: number;
  asOf: string;
  importId?: number;
  pPa: Record<string, number>;
}

/**
 * The earlier date to compare with: the end of the newest earlier import that ended before as-of,
 * else one week before as-of.
 */
export function baselineDate(asOf: string, importEnds: readonly string[]): Baseline {
  const earlier = importEnds.filter((d) => d < asOf).sort();
  if (earlier.length) {
    const d = earlier[earlier.length - 1];
    return { asOf: d, label: `since the previous import (to ${d})`, source: 'register' };
  }
  const d = isoFromEpochDay(epochDay(asOf) - 7);
  return { asOf: d, label: `since a week earlier (${d})`, source: 'register' };
}

/** The newest import still in place that touched this school year: the one the screens show. */
export function currentImportId(
  imports: readonly { id: number; years: readonly number[]; undone?: boolean }[],
  startYear: number,
): number | null {
  let best: number | null = null;
  for (const i of imports)
    if (!i.undone && i.years.includes(startYear) && (best === null || i.id > best)) best = i.id;
  return best;
}

/**
 * The snapshot to compare with: the newest one saved for an earlier import that is still in place (an undone
 * import's risk no longer describes the register), in the same school year and not after today's as-of.
 */
export function previousSnapshotId(
  snapshots: readonly Omit<RiskSnapshotView, 'pPa'>[],
  imports: readonly { id: number; years: readonly number[]; undone?: boolean }[],
  school: { startYear: number; asOf: string },
): number | null {
  const current = currentImportId(imports, school.startYear);
  const live = new Set(imports.filter((i) => !i.undone).map((i) => i.id));
  let best: number | null = null;
  for (const s of snapshots) {
    if (s.importId === undefined || s.importId === current || !live.has(s.importId)) continue;
    if (schoolYearOf(s.asOf) !== school.startYear || s.asOf > school.asOf) continue;
    if (best === null || s.id > best) best = s.id;
  }
  return best;
}

/** The model's P(PA) per pupil, to save as this import's snapshot; rule estimates carry no probability. */
export function snapshotOf(risk: ReadonlyMap<string, RiskView>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, r] of risk) if (r.pPA !== null) out[id] = r.pPA;
  return out;
}

const flaggedNow = (school: School, risk: ReadonlyMap<string, RiskView>, id: string): boolean => {
  const row = school.byId.get(id)!;
  return FLAGGED.has(
    risk.get(id)?.band ?? bandFromAbsence(row.metrics.absencePct, row.metrics.unauthorisedLast10Weeks),
  );
};

export function newlyAtRisk(
  school: School,
  risk: ReadonlyMap<string, RiskView>,
  baseline: string,
): Set<string> {
  const out = new Set<string>();
  for (const row of school.rows) {
    if (!flaggedNow(school, risk, row.id)) continue;
    const py = school.years.get(row.id)!;
    const before = pupilMetrics(py, school.calendar, baseline);
    // A pupil with no sessions yet at the baseline had nothing to flag: they are new to the list.
    if (!FLAGGED.has(bandFromAbsence(before.absencePct, before.unauthorisedLast10Weeks))) out.add(row.id);
  }
  return out;
}

/**
 * Against a saved snapshot: flagged then means the model's band then was high, PA or SA, i.e. P(PA) at or
 * above the model's high line, or already PA by the register at the snapshot's date (the model's own rule,
 * from 10 possible sessions). A pupil missing from the snapshot joined since, so is new to the list.
 */
export function newlyAtRiskSince(
  school: School,
  risk: ReadonlyMap<string, RiskView>,
  snapshot: Pick<RiskSnapshotView, 'asOf' | 'pPa'>,
): Set<string> {
  const out = new Set<string>();
  for (const row of school.rows) {
    if (!flaggedNow(school, risk, row.id)) continue;
    const p = snapshot.pPa[row.id];
    if (p === undefined) {
      out.add(row.id);
      continue;
    }
    if (p >= HIGH_RISK) continue;
    const then = pupilMetrics(school.years.get(row.id)!, school.calendar, snapshot.asOf);
    if (then.tally.possible >= 10 && then.pa) continue;
    out.add(row.id);
  }
  return out;
}

export function snapshotBaseline(snapshot: Pick<RiskSnapshotView, 'asOf'>): Baseline {
  return {
    asOf: snapshot.asOf,
    label: `since the previous import (risk saved to ${snapshot.asOf})`,
    source: 'snapshot',
  };
}
