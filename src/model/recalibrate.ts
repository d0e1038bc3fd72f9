/**
 * Calibrated to the school it is in: refit the shipped model's date-aware Platt scaling on a backtest
 * of the school's previous year (every school week as an as-of date, so the date terms are refitted
 * too), and keep the refit only when it measures better on pupils it was not fitted on.
 * The network, and so each date's ranking and the drivers, are unchanged.
 */
import { F, FEATURE_COUNT, SESSIONS_PER_YEAR, schoolSessions } from './features';
import { buildRows, hash01, type SchoolHistory } from './dataset';
import { runNet, standardise, type RiskModel } from './net';
import { applyPlatt, fitPlattByDate, type Platt } from './calibrate';
import { ece, reliability, type ReliabilityBin } from './metrics';

export interface Recalibration {
  /** P(PA) calibration refitted on all of the previous year's pupils. */
  plattPA: Platt;
  /**
   * Two-fold check on the previous year (fit on half the pupils, measure on the other half, and
   * back): log loss and ECE of the shipped calibration and of the refit, over every as-of week.
   */
  before: { logLoss: number; ece: number; reliability: ReliabilityBin[] };
  after: { logLoss: number; ece: number; reliability: ReliabilityBin[] };
  /** The refit measures better (lower log loss) on pupils it was not fitted on: use it. */
  better: boolean;
  pupils: number;
  rows: number;
}

/** Fewer pupils than this with a year-end outcome: too few to refit four numbers safely. */
export const MIN_PUPILS = 60;
/**
 * The shipped calibration counts as this many pupils' worth of evidence: a school's refit is blended
 * with it by pupils / (pupils + PRIOR_PUPILS), so one small school's odd year (160 pupils: a few
 * dozen PA) moves the calibration part of the way only. Chosen on the training family, not on eval.
 */
export const PRIOR_PUPILS = 300;

/** The shipped calibration moved towards a school's own fit by the weight of its evidence. */
export function blendPlatt(shipped: Platt, own: Platt, pupils: number): Platt {
  const w = pupils / (pupils + PRIOR_PUPILS);
  const mix = (x = 0, y = 0) => (1 - w) * x + w * y;
  return {
    a: mix(shipped.a, own.a),
    b: mix(shipped.b, own.b),
    c: mix(shipped.c, own.c),
    d: mix(shipped.d, own.d),
  };
}

/**
 * A recalibration as the app keeps it (a setting in the store): which year and which imports of it it was
 * made from, so a new import of that year makes it again, or why none could be made.
 */
export interface SavedRecalibration {
  /** The previous school year (start year) it was fitted on. */
  year: number;
  /** Ids of the imports that had touched that year and the one before, when it was made. */
  dataKey: string;
  madeAt: string;
  /** Without `rows`: what the screens show. Null when it could not be made (see reason). */
  result: Omit<Recalibration, 'rows'> | null;
  reason?: string;
  /** Pupils in the year, when the refit used a sample of them (MAX_RECALIBRATION_PUPILS). */
  sampleOf?: number;
}

/** A year whose registers hold fewer school sessions than this is not complete: its outcomes are not known. */
export const COMPLETE_YEAR_SESSIONS = Math.round(0.9 * SESSIONS_PER_YEAR);

/**
 * Recalibrating replays every school week (38 scorings of the year): ~1 s for 1,500 pupils, so a 50,000-pupil
 * trust would wait half a minute for its first scores. Four numbers are refitted: a sample of this many pupils
 * (a stable one, by a hash of their ids) fits them as well, in bounded time.
 */
export const MAX_RECALIBRATION_PUPILS = 3000;

/** Recalibrate on a stored year, or say in words why it cannot be done. */
export function recalibrationFor(
  model: RiskModel,
  history: SchoolHistory,
  year: number,
  dataKey: string,
  madeAt = new Date().toISOString(),
  maxPupils = MAX_RECALIBRATION_PUPILS,
): SavedRecalibration {
  const label = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  const base = { year, dataKey, madeAt };
  const sessions = schoolSessions(history.years).length;
  if (sessions < COMPLETE_YEAR_SESSIONS)
    return {
      ...base,
      result: null,
      reason: `The ${label} registers hold ${sessions} school sessions: recalibrating needs the whole year (about ${SESSIONS_PER_YEAR}), so that every pupil's year-end outcome is known.`,
    };
  const share = maxPupils / history.years.length;
  const years = share < 1 ? history.years.filter((py) => hash01(py.pupilId, 17) < share) : history.years;
  const r = recalibrateOnYear(model, { ...history, years });
  if (!r)
    return {
      ...base,
      result: null,
      reason: `The ${label} registers have fewer than ${MIN_PUPILS} pupils with a full year: too few to recalibrate on.`,
    };
  const { plattPA, before, after, better, pupils } = r;
  const result = { plattPA, before, after, better, pupils };
  return share < 1 ? { ...base, result, sampleOf: history.years.length } : { ...base, result };
}

export function recalibrateOnYear(model: RiskModel, history: SchoolHistory): Recalibration | null {
  const rows = buildRows([history], { everyWeeks: 1, fromWeek: 1 });
  const pupils = new Set(rows.pupilIds).size;
  if (pupils < MIN_PUPILS) return null;
  // Folds by pupil, so one pupil's weeks are never on both sides.
  const fold = Uint8Array.from(rows.pupilIds, (id) => (hash01(id, 11) < 0.5 ? 0 : 1));
  const { meta } = model;
  const gone = new Float32Array(rows.count);
  const pa = new Float32Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    gone[i] = rows.x[i * FEATURE_COUNT + F.yearGone];
    pa[i] = rows.yRisk[i * 2];
  }
  standardise(meta, rows.x);
  const z = runNet(model.net, rows.x, rows.count).logitPA;

  const shipped = new Float32Array(rows.count);
  const refit = new Float32Array(rows.count);
  for (let i = 0; i < rows.count; i++) shipped[i] = applyPlatt(meta.plattPA, z[i], gone[i]);
  const fitOn = (at: number[], pupils: number) =>
    blendPlatt(
      meta.plattPA,
      fitPlattByDate(
        at.map((i) => z[i]),
        at.map((i) => gone[i]),
        at.map((i) => pa[i]),
      ),
      pupils,
    );
  for (const f of [0, 1]) {
    const fit = pick(fold, 1 - f);
    const c = fitOn(fit, new Set(fit.map((i) => rows.pupilIds[i])).size);
    for (const i of pick(fold, f)) refit[i] = applyPlatt(c, z[i], gone[i]);
  }
  const measure = (p: Float32Array) => ({
    logLoss: logLoss(p, pa),
    ece: ece(p, pa),
    reliability: reliability(p, pa),
  });
  const before = measure(shipped);
  const after = measure(refit);
  return {
    plattPA: fitOn(
      Array.from({ length: rows.count }, (_, i) => i),
      pupils,
    ),
    before,
    after,
    better: after.logLoss < before.logLoss,
    pupils,
    rows: rows.count,
  };
}

/** The shipped network with the school's own calibration of P(PA). */
export function withCalibration(model: RiskModel, plattPA: Platt, name = 'shipped, recalibrated'): RiskModel {
  return { net: model.net, meta: { ...model.meta, plattPA, name } };
}

function pick(fold: Uint8Array, f: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < fold.length; i++) if (fold[i] === f) out.push(i);
  return out;
}

function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
    s -= y[i] ? Math.log(q) : Math.log(1 - q);
  }
  return s / (p.length || 1);
}
