/**
 * Platt scaling: p = sigmoid(a·logit + b), fitted by Newton's method on a held-out set.
 * A network trained on log loss is close to calibrated already; Platt removes the remaining
 * over- or under-confidence without changing the ranking (so AUC is untouched).
 */
export interface Platt {
  a: number;
  b: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>, iterations = 50): Platt {
  let a = 1;
  let b = 0;
  const n = logits.length;
  for (let it = 0; it < iterations; it++) {
    // Gradient and Hessian of the mean log loss in (a, b), with a tiny ridge for stability.
    let ga = 0,
      gb = 0,
      haa = 1e-6,
      hab = 0,
      hbb = 1e-6;
    for (let i = 0; i < n; i++) {
      const x = logits[i];
      const p = sigmoid(a * x + b);
      const d = p - labels[i];
      const w = p * (1 - p);
      ga += d * x;
      gb += d;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

export function applyPlatt(c: Platt, logit: number): number {
  return sigmoid(c.a * logit + c.b);
}
