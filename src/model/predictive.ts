/**
 * One predictive distribution of a pupil's year-end absence, from which P(PA), P(SA), the expected
 * year-end attendance and its 80% range are all read, so no two of them can disagree (a range wholly
 * below 90% always sits beside P(PA) above 90%, and the "high" band means expected attendance ≤ 90%).
 *
 * What is uncertain is the share F of the remaining sessions the pupil will miss; year-end absence is
 * Y = (absent + F × remaining) / (possible + remaining). F is logit-normal: its spread comes from the
 * model's measured year-end residuals (ModelMeta.residualBins) around the network's rate head, and its
 * centre is set so that P(Y ≥ 10%) equals the calibrated P(PA). It depends on the model only through
 * those outputs, so retraining changes the numbers, never their agreement.
 */
import {
  isPersistentlyAbsent,
  isSeverelyAbsent,
  PA_THRESHOLD_PCT,
  SA_THRESHOLD_PCT,
} from '../domain/metrics';

export interface Predictive {
  pPA: number;
  pSA: number;
  /** Year-end attendance %: the median of the distribution, and its 10th–90th percentile range. */
  expectedAttendancePct: number;
  rangeLow: number;
  rangeHigh: number;
}

export interface PredictiveInputs {
  /** Calibrated P(PA) from the network. */
  pPA: number;
  /** The network's expected year-end absence rate (0–1). */
  rate: number;
  /** Year-end absence residual quantiles (rate units) measured for this point of the year. */
  spread: { q10: number; q90: number };
  absent: number;
  possible: number;
  /** School sessions left in the year (0 for a leaver: the record is final). */
  remaining: number;
}

/** z of the 90th percentile of a standard normal. */
const Z90 = 1.2815515655446004;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predictive(x: PredictiveInputs): Predictive {
  const { absent, possible } = x;
  const remaining = Math.max(0, x.remaining);
  const total = possible + remaining;
  if (remaining === 0 || total === 0) {
    // Nothing left to happen: the year-end figure is the figure so far.
    const att = possible > 0 ? 100 * (1 - absent / possible) : 100;
    return {
      pPA: isPersistentlyAbsent(absent, possible) ? 1 : 0,
      pSA: isSeverelyAbsent(absent, possible) ? 1 : 0,
      expectedAttendancePct: att,
      rangeLow: att,
      rangeHigh: att,
    };
  }
  // The share of the remaining sessions the pupil must miss to end the year at each line.
  const needed = (pct: number) => ((pct / 100) * total - absent) / remaining;
  const fPA = needed(PA_THRESHOLD_PCT);
  const fSA = needed(SA_THRESHOLD_PCT);
  const f0 = clamp((x.rate * total - absent) / remaining, 0.005, 0.995);
  const halfWidth = Math.max(0.005, (x.spread.q90 - x.spread.q10) / 2) * (total / remaining);
  const sigma = clamp(halfWidth / (Z90 * f0 * (1 - f0)), 0.25, 4);
  let mu = logit(f0);
  let pPA: number;
  if (fPA <= 0) pPA = 1;
  else if (fPA >= 1) pPA = 0;
  else {
    const p = clamp(x.pPA, 1e-4, 1 - 1e-4);
    mu = logit(fPA) - sigma * normalQuantile(1 - p);
    pPA = 1 - normalCdf((logit(fPA) - mu) / sigma);
  }
  const pSA = fSA <= 0 ? 1 : fSA >= 1 ? 0 : 1 - normalCdf((logit(fSA) - mu) / sigma);
  const attendanceAt = (z: number) => 100 * (1 - (absent + sigmoid(mu + sigma * z) * remaining) / total);
  return {
    pPA,
    pSA,
    expectedAttendancePct: attendanceAt(0),
    // More absence (z = +Z90) is the low end of attendance.
    rangeLow: attendanceAt(Z90),
    rangeHigh: attendanceAt(-Z90),
  };
}
