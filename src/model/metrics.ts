/** Accuracy measures for the backtest and evaluation. Pure functions over plain arrays. */

/** Area under the ROC curve (Mann–Whitney), ties counted as half. NaN when one class is empty. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based; tied scores share the mean rank
    for (let k = i; k <= j; k++)
      if (labels[idx[k]]) {
        pos++;
        rankSum += avgRank;
      }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Expected calibration error: bins of equal width on the predicted probability, weighted by size. */
export function ece(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  if (!probs.length) return NaN;
  let e = 0;
  for (const b of reliability(probs, labels, bins)) e += b.count * Math.abs(b.predicted - b.observed);
  return e / probs.length;
}

/** One bin of a reliability diagram: pupils given [from, to), their mean prediction and the share who ended PA. */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  predicted: number;
  observed: number;
}

/** Predicted against observed, in equal-width bins (the bins ece() sums over); empty bins left out. */
export function reliability(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): ReliabilityBin[] {
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const b = Math.min(bins - 1, Math.floor(probs[i] * bins));
    count[b]++;
    sumP[b] += probs[i];
    sumY[b] += labels[i];
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++)
    if (count[b])
      out.push({
        from: b / bins,
        to: (b + 1) / bins,
        count: count[b],
        predicted: sumP[b] / count[b],
        observed: sumY[b] / count[b],
      });
  return out;
}

export interface TopK {
  /** Share of flagged pupils who ended the year PA. */
  precision: number;
  /** Share of pupils who ended PA that were flagged. */
  recall: number;
  flagged: number;
}

/** Flag the top `share` of pupils by score (ties broken by order, so exactly round(share·n) flagged). */
export function atTop(scores: ArrayLike<number>, labels: ArrayLike<number>, share: number): TopK {
  const n = scores.length;
  const k = Math.round(share * n);
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let hit = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] ? 1 : 0;
  for (let i = 0; i < k; i++) hit += labels[idx[i]] ? 1 : 0;
  return { precision: k ? hit / k : NaN, recall: pos ? hit / pos : NaN, flagged: k };
}

/** Precision and recall of a yes/no rule. */
export function ruleAccuracy(flags: ArrayLike<boolean | number>, labels: ArrayLike<number>): TopK {
  let flagged = 0;
  let hit = 0;
  let pos = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) pos++;
    if (flags[i]) {
      flagged++;
      if (labels[i]) hit++;
    }
  }
  return { precision: flagged ? hit / flagged : NaN, recall: pos ? hit / pos : NaN, flagged };
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
