/**
 * "Newly at risk since the last import": flagged now (high risk, PA or SA) but not flagged at the previous
 * import. With the model, "then" is the risk snapshot saved after the previous import; without one, the
 * register rule is replayed at an earlier date, normally the end of the previous import.
 */
import { epochDay, isoFromEpochDay, schoolYearOf } from '../domain/register';
import { bandOf } from '../model/types';
import { FLAGGED, ruleBandOf, type RiskView } from './risk';
import { rowMetricsAt, type School } from './school';

export interface Baseline {
  asOf: string;
  /** Both dates and how the earlier was chosen, for the screen: "from 2025-01-10 (previous register import) to 2025-01-17". */
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

interface ImportLike {
  id: number;
  years: readonly number[];
  undone?: boolean;
  /** 'details' imports change pupils' details only (names, groups, FSM, SEN); absent means a register import. */
  kind?: string;
}

/**
 * Imports that brought register marks and are still in place: only these move "newly at risk" (a details-only
 * import changes no mark, so no risk).
 */
export function registerImports<T extends ImportLike>(imports: readonly T[]): T[] {
  return imports.filter((i) => !i.undone && i.kind !== 'details');
}

/**
 * The earlier date to compare with: the end of the newest earlier register import that ended before as-of,
 * else one week before as-of.
 */
export function baselineDate(
  asOf: string,
  imports: readonly (ImportLike & { dateRange: readonly [string, string] })[],
): Baseline {
  const earlier = registerImports(imports)
    .map((i) => i.dateRange[1])
    .filter((d) => d < asOf)
    .sort();
  if (earlier.length) {
    const d = earlier[earlier.length - 1];
    return { asOf: d, label: `from ${d} (the previous register import) to ${asOf}`, source: 'register' };
  }
  const d = isoFromEpochDay(epochDay(asOf) - 7);
  return { asOf: d, label: `from ${d} (a week earlier) to ${asOf}`, source: 'register' };
}

/** The newest register import still in place that touched this school year: the one the screens show. */
export function currentImportId(imports: readonly ImportLike[], startYear: number): number | null {
  let best: number | null = null;
  for (const i of registerImports(imports))
    if (i.years.includes(startYear) && (best === null || i.id > best)) best = i.id;
  return best;
}

/**
 * The snapshot to compare with: the newest one saved for an earlier import that is still in place (an undone
 * import's risk no longer describes the register), in the same school year and not after today's as-of.
 */
export function previousSnapshotId(
  snapshots: readonly Omit<RiskSnapshotView, 'pPa'>[],
  imports: readonly ImportLike[],
  school: { startYear: number; asOf: string },
): number | null {
  const current = currentImportId(imports, school.startYear);
  const live = new Set(registerImports(imports).map((i) => i.id));
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
  return FLAGGED.has(risk.get(id)?.band ?? ruleBandOf(row.metrics));
};

export function newlyAtRisk(
  school: School,
  risk: ReadonlyMap<string, RiskView>,
  baseline: string,
): Set<string> {
  const out = new Set<string>();
  for (const row of school.rows) {
    if (!flaggedNow(school, risk, row.id)) continue;
    const before = rowMetricsAt(school, row, baseline);
    // A pupil with no sessions yet at the baseline had nothing to flag: they are new to the list.
    if (!FLAGGED.has(ruleBandOf(before))) out.add(row.id);
  }
  return out;
}

/**
 * Against a saved snapshot: flagged then means the model's band then was high, PA or SA, i.e. P(PA) at or
 * above the model's high line, or already PA by the register at the snapshot's date (the one band rule,
 * model/types.ts bandOf). A pupil missing from the snapshot joined since, so is new to the list.
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
    const then = rowMetricsAt(school, row, snapshot.asOf);
    if (FLAGGED.has(bandOf(p, then.tally.absent, then.tally.possible))) continue;
    out.add(row.id);
  }
  return out;
}

export function snapshotBaseline(snapshot: Pick<RiskSnapshotView, 'asOf'>, asOf: string): Baseline {
  return {
    asOf: snapshot.asOf,
    label: `from ${snapshot.asOf} (risk saved at the previous register import) to ${asOf}`,
    source: 'snapshot',
  };
}
