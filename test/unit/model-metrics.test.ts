import { describe, expect, it } from 'vitest';
import { atTop, auc, ece, median, ruleAccuracy } from '../../src/model/metrics';
import { applyPlatt, fitPlatt, fitPlattByDate, plattSlope, sigmoid } from '../../src/model/calibrate';
import { bandOf } from '../../src/model/types';

describe('auc', () => {
  it('matches a hand count of correctly ordered pairs', () => {
    // Positives 0.9, 0.4; negatives 0.5, 0.1 → pairs: (0.9>0.5)(0.9>0.1)(0.4<0.5)(0.4>0.1) = 3/4.
    expect(auc([0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0])).toBeCloseTo(0.75);
    expect(auc([1, 2, 3], [0, 0, 1])).toBe(1);
    expect(auc([3, 2, 1], [0, 0, 1])).toBe(0);
  });
  it('counts ties as half and is NaN with one class', () => {
    expect(auc([0.5, 0.5], [1, 0])).toBeCloseTo(0.5);
    expect(auc([0.2, 0.7, 0.7], [0, 1, 0])).toBeCloseTo(0.75);
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('ece', () => {
  it('weights each bin’s gap between mean prediction and outcome by its size', () => {
    // Bin 1 (0.1–0.2): predictions 0.15, 0.15, outcomes 0, 1 → gap |0.3 − 1| = 0.7 over 2 items.
    // Bin 9 (0.9–1.0): prediction 0.95, outcome 1 → gap 0.05.
    expect(ece([0.15, 0.15, 0.95], [0, 1, 1])).toBeCloseTo((0.7 + 0.05) / 3);
    expect(ece([0, 1], [0, 1])).toBe(0);
  });
});

describe('precision and recall', () => {
  it('flags the top share by score', () => {
    const r = atTop([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0], [1, 0, 1, 0, 0, 0, 1, 0, 0, 0], 0.2);
    expect(r.flagged).toBe(2);
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBeCloseTo(1 / 3);
  });
  it('scores a yes/no rule', () => {
    const r = ruleAccuracy([true, true, false, false], [1, 0, 1, 0]);
    expect(r).toEqual({ precision: 0.5, recall: 0.5, flagged: 2 });
  });
  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('Platt scaling', () => {
  it('recovers the slope and offset that generated the labels', () => {
    // Labels drawn deterministically so that P(y=1 | x) = sigmoid(2x − 1) exactly, in expectation.
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = -40; i <= 40; i++) {
      const x = i / 10;
      const p = sigmoid(2 * x - 1);
      const ones = Math.round(p * 200);
      for (let k = 0; k < 200; k++) {
        logits.push(x);
        labels.push(k < ones ? 1 : 0);
      }
    }
    const c = fitPlatt(logits, labels);
    expect(c.a).toBeCloseTo(2, 1);
    expect(c.b).toBeCloseTo(-1, 1);
    expect(applyPlatt(c, 0.5)).toBeCloseTo(0.5, 1);
  });
});

describe('date-aware and weighted Platt scaling', () => {
  // Soft labels equal to P(y=1 | x, g) = sigmoid((1 + 2g)·x − 0.5 + g), the expectation of many draws:
  // the network is under-confident late in the year and too low early on, as a real fit can be.
  const logits: number[] = [];
  const gone: number[] = [];
  const labels: number[] = [];
  for (const g of [0.1, 0.4, 0.7, 1]) {
    for (let i = -30; i <= 30; i++) {
      const x = i / 10;
      logits.push(x);
      gone.push(g);
      labels.push(sigmoid((1 + 2 * g) * x - 0.5 + g));
    }
  }

  it('recovers how the slope and offset change with the share of the year gone', () => {
    const c = fitPlattByDate(logits, gone, labels);
    expect(c.a).toBeCloseTo(1, 3);
    expect(c.c!).toBeCloseTo(2, 3);
    expect(c.b).toBeCloseTo(-0.5, 3);
    expect(c.d!).toBeCloseTo(1, 3);
    expect(plattSlope(c, 0.5)).toBeCloseTo(2, 3);
    expect(applyPlatt(c, 1, 0.5)).toBeCloseTo(sigmoid(2 * 1 - 0), 3);
    // A plain (a, b) cannot follow both dates: its error at the latest date is far larger.
    const plain = fitPlatt(logits, labels);
    const err = (f: (x: number) => number) => Math.abs(f(2) - sigmoid(3 * 2 + 0.5));
    expect(err((x) => applyPlatt(plain, x))).toBeGreaterThan(5 * err((x) => applyPlatt(c, x, 1)));
  });

  it('lets weighted rows count for more', () => {
    // Two groups with opposite offsets: the fit leans towards whichever weighs more.
    const x = [0, 0, 0, 0, 0, 0, 0, 0];
    const y = [1, 1, 1, 0, 0, 0, 0, 1];
    const heavyFirst = fitPlatt(x, y, 50, [3, 3, 3, 3, 1, 1, 1, 1]);
    const heavyLast = fitPlatt(x, y, 50, [1, 1, 1, 1, 3, 3, 3, 3]);
    expect(applyPlatt(heavyFirst, 0)).toBeCloseTo((3 * 3 + 1) / 16, 3);
    expect(applyPlatt(heavyLast, 0)).toBeCloseTo((3 + 3) / 16, 3);
  });
});

describe('bands', () => {
  it('puts pupils already PA or SA to date first, then by P(PA)', () => {
    expect(bandOf(0.1, 22, 40)).toBe('sa');
    expect(bandOf(0.1, 20, 40)).toBe('sa'); // exactly 50%
    expect(bandOf(0.1, 5, 40)).toBe('pa');
    expect(bandOf(0.1, 4, 40)).toBe('pa'); // exactly 10%
    expect(bandOf(0.6, 1, 6)).toBe('pa'); // the same rule however few the sessions
    expect(bandOf(0.6, 3, 40)).toBe('high');
    expect(bandOf(0.3, 2, 40)).toBe('rising');
    expect(bandOf(0.1, 2, 40)).toBe('low');
  });
});
