/**
 * Platt scaling: p = sigmoid(a·logit + b), fitted by Newton's method on a held-out set.
 * A network trained on log loss is close to calibrated already; Platt removes the remaining
 * over- or under-confidence without changing the ranking at any one date (so AUC is untouched).
 *
 * The date-aware form adds c·logit·g + d·g, g = share of the year gone: early in the year the network
 * is less sure than late, and one (a, b) for all dates leaves October and Christmas off in opposite
 * directions. It is still monotone in the logit at every date (a + c·g is kept positive by the fit).
 */
export interface Platt {
  a: number;
  b: number;
  /** Date terms (absent in older models: then 0). */
  c?: number;
  d?: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Newton's method on the mean log loss of sigmoid(w · row), rows given as a function of the index. */
export function fitLogistic(
  n: number,
  k: number,
  row: (i: number, out: Float64Array) => void,
  labels: ArrayLike<number>,
  start: number[],
  iterations: number,
  weights?: ArrayLike<number>,
): number[] {
  const w = Float64Array.from(start);
  const x = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    const g = new Float64Array(k);
    const h = new Float64Array(k * k);
    for (let j = 0; j < k; j++) h[j * k + j] = 1e-6; // a tiny ridge for stability
    for (let i = 0; i < n; i++) {
      row(i, x);
      let z = 0;
      for (let j = 0; j < k; j++) z += w[j] * x[j];
      const p = sigmoid(z);
      const wi = weights ? weights[i] : 1;
      const d = (p - labels[i]) * wi;
      const v = p * (1 - p) * wi;
      for (let j = 0; j < k; j++) {
        g[j] += d * x[j];
        for (let l = j; l < k; l++) h[j * k + l] += v * x[j] * x[l];
      }
    }
    for (let j = 0; j < k; j++) for (let l = 0; l < j; l++) h[j * k + l] = h[l * k + j];
    const step = solve(h, g, k);
    if (!step) break;
    let moved = 0;
    for (let j = 0; j < k; j++) {
      w[j] -= step[j];
      moved += Math.abs(step[j]);
    }
    if (moved < 1e-9) break;
  }
  return Array.from(w);
}

/** Solves h·s = g (h symmetric positive definite, k small) by Gaussian elimination; null if singular. */
function solve(h: Float64Array, g: Float64Array, k: number): Float64Array | null {
  const a = Float64Array.from(h);
  const b = Float64Array.from(g);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]) > Math.abs(a[piv * k + c])) piv = r;
    if (!(Math.abs(a[piv * k + c]) > 1e-12)) return null;
    if (piv !== c) {
      for (let j = 0; j < k; j++) [a[c * k + j], a[piv * k + j]] = [a[piv * k + j], a[c * k + j]];
      [b[c], b[piv]] = [b[piv], b[c]];
    }
    for (let r = c + 1; r < k; r++) {
      const f = a[r * k + c] / a[c * k + c];
      for (let j = c; j < k; j++) a[r * k + j] -= f * a[c * k + j];
      b[r] -= f * b[c];
    }
  }
  const s = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let v = b[r];
    for (let j = r + 1; j < k; j++) v -= a[r * k + j] * s[j];
    s[r] = v / a[r * k + r];
  }
  return s;
}

export function fitPlatt(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  iterations = 50,
  weights?: ArrayLike<number>,
): Platt {
  const [a, b] = fitLogistic(
    logits.length,
    2,
    (i, x) => {
      x[0] = logits[i];
      x[1] = 1;
    },
    labels,
    [1, 0],
    iterations,
    weights,
  );
  return { a, b };
}

/** Date-aware Platt: `gone` is each row's share of the year gone (0…1); rows may be weighted. */
export function fitPlattByDate(
  logits: ArrayLike<number>,
  gone: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
  iterations = 50,
): Platt {
  const [a, b, c, d] = fitLogistic(
    logits.length,
    4,
    (i, x) => {
      x[0] = logits[i];
      x[1] = 1;
      x[2] = logits[i] * gone[i];
      x[3] = gone[i];
    },
    labels,
    [1, 0, 0, 0],
    iterations,
    weights,
  );
  // A slope that turned negative at some date would reverse the ranking there: fall back to plain Platt.
  if (a <= 0 || a + c <= 0) return fitPlatt(logits, labels, iterations, weights);
  return { a, b, c, d };
}

/** The slope of the calibrated log-odds in the network's logit at this date. */
export function plattSlope(c: Platt, gone = 0): number {
  return c.a + (c.c ?? 0) * gone;
}

export function applyPlatt(c: Platt, logit: number, gone = 0): number {
  return sigmoid(plattSlope(c, gone) * logit + c.b + (c.d ?? 0) * gone);
}
