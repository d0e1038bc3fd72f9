/**
 * Training rows: every pupil-year with a known outcome, seen at many as-of points through the year,
 * so one model serves any date (the "year gone" feature tells it how much is still to come).
 */
import type { PupilYear } from '../domain/register';
import {
  FEATURE_COUNT,
  SESSIONS_PER_WEEK,
  pupilFeatures,
  schoolProfile,
  schoolSessions,
  yearTotals,
} from './features';
import { isPersistentlyAbsent, isSeverelyAbsent } from '../domain/metrics';

/** One school's completed year, with the year before it when the store has it. */
export interface SchoolHistory {
  years: PupilYear[];
  priorYears?: PupilYear[];
  /** How much each of this school's rows counts when calibrating (default 1). */
  weight?: number;
}

export interface Outcome {
  possible: number;
  absenceRate: number;
  pa: number;
  sa: number;
}

/** Year-end outcome from a complete year's marks; null when the pupil had no possible session. */
export function yearOutcome(py: PupilYear): Outcome | null {
  const t = yearTotals(py.marks);
  if (t.possible === 0) return null;
  // The one PA/SA rule (whole numbers), so the model's labels agree with every screen.
  return {
    possible: t.possible,
    absenceRate: t.absent / t.possible,
    pa: isPersistentlyAbsent(t.absent, t.possible) ? 1 : 0,
    sa: isSeverelyAbsent(t.absent, t.possible) ? 1 : 0,
  };
}

/** The latest earlier year of each pupil, by id. */
export function priorIndex(
  current: readonly PupilYear[],
  prior: readonly PupilYear[] | undefined,
): Map<string, PupilYear> {
  const out = new Map<string, PupilYear>();
  if (!prior?.length || !current.length) return out;
  const start = current[0].startYear;
  for (const py of prior) {
    if (py.startYear >= start) continue;
    const had = out.get(py.pupilId);
    if (!had || had.startYear < py.startYear) out.set(py.pupilId, py);
  }
  return out;
}

export interface Rows {
  x: Float32Array;
  /** Per row: PA, SA (0/1). */
  yRisk: Float32Array;
  /** Per row: year-end absence rate. */
  yRate: Float32Array;
  /** Per row: the school's weight. */
  w: Float32Array;
  /** Per row: the pupil's id (for splits by pupil). */
  pupilIds: string[];
  count: number;
}

export interface RowOptions {
  /** Sample an as-of point every this many school weeks (1 = every week). */
  everyWeeks?: number;
  /** Earliest as-of point, in school weeks. */
  fromWeek?: number;
  /**
   * Offset each pupil's as-of points by a stable 0…everyWeeks−1 weeks, so every school week (week 1
   * included) is seen by some pupils at no extra cost: the lead-time backtest scores every week.
   */
  stagger?: boolean;
  /** Drop the prior year for this share of pupils, so the model also learns to do without it. */
  dropPrior?: number;
  /** Decides which pupils to include (e.g. a train/validation split by pupil). */
  include?: (py: PupilYear) => boolean;
}

export function buildRows(schools: readonly SchoolHistory[], opts: RowOptions = {}): Rows {
  const every = opts.everyWeeks ?? 2;
  const from = opts.fromWeek ?? 2;
  let total = 0;
  const chunks: Float32Array[] = [];
  const yRisk: number[] = [];
  const yRate: number[] = [];
  const weight: number[] = [];
  const pupilIds: string[] = [];
  const buf = new Float32Array(FEATURE_COUNT);
  for (const school of schools) {
    const sessions = schoolSessions(school.years);
    const priors = priorIndex(school.years, school.priorYears);
    const profile = schoolProfile(school.years, sessions);
    const weeks = Math.floor(sessions.length / SESSIONS_PER_WEEK);
    for (const py of school.years) {
      if (opts.include && !opts.include(py)) continue;
      const outcome = yearOutcome(py);
      if (!outcome) continue;
      let prior = priors.get(py.pupilId);
      if (prior && opts.dropPrior && hash01(py.pupilId, py.startYear) < opts.dropPrior) prior = undefined;
      const xs = new Float32Array(Math.ceil(weeks / every) * FEATURE_COUNT);
      let k = 0;
      const shift = opts.stagger ? Math.floor(hash01(py.pupilId, 7 + py.startYear) * every) : 0;
      for (let w = from + shift; w < weeks; w += every) {
        if (!pupilFeatures(py, prior, sessions, w * SESSIONS_PER_WEEK, buf, 0, profile)) continue;
        xs.set(buf, k * FEATURE_COUNT);
        k++;
        yRisk.push(outcome.pa, outcome.sa);
        yRate.push(outcome.absenceRate);
        weight.push(school.weight ?? 1);
        pupilIds.push(py.pupilId);
      }
      chunks.push(xs.subarray(0, k * FEATURE_COUNT));
      total += k;
    }
  }
  const x = new Float32Array(total * FEATURE_COUNT);
  let o = 0;
  for (const c of chunks) {
    x.set(c, o);
    o += c.length;
  }
  return {
    x,
    yRisk: Float32Array.from(yRisk),
    yRate: Float32Array.from(yRate),
    w: Float32Array.from(weight),
    pupilIds,
    count: total,
  };
}

/** A stable pseudo-random number in [0, 1) from a pupil id: splits never depend on array order. */
export function hash01(id: string, salt = 0): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}
