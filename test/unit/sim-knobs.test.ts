import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAT, CATEGORY_OF } from '../../src/domain/codes';
import {
  DEFAULT_KNOBS,
  HELD_OUT_FAMILIES,
  TRAIN_RANGES,
  drawTrainingKnobs,
  type SimKnobs,
} from '../../src/sim/knobs';
import { Rng } from '../../src/sim/random';
import { simulateSchool, type SimOptions, type SimSchool } from '../../src/sim/simulate';

const base: SimOptions = { seed: 5, phase: 'secondary', pupils: 300, years: 1, lastStartYear: 2024 };
const marksOf = (s: SimSchool) => s.years.map((py) => Array.from(py.marks));

/** Absent sessions / possible, spells (runs of absence) and absence by weekday of the school. */
function stats(s: SimSchool) {
  let possible = 0;
  let absent = 0;
  let spells = 0;
  const dayAbs = new Float64Array(5);
  const dayPoss = new Float64Array(5);
  for (const py of s.years) {
    let run = false;
    py.marks.forEach((id, slot) => {
      const k = CATEGORY_OF[id];
      if (k < CAT.present || k > CAT.unauthorised) return;
      const abs = k >= CAT.authorised;
      possible++;
      dayPoss[(slot >> 1) % 5]++;
      if (abs) {
        absent++;
        dayAbs[(slot >> 1) % 5]++;
        if (!run) spells++;
      }
      run = abs;
    });
  }
  const byDay = Array.from(dayAbs, (a, d) => a / dayPoss[d]);
  return { rate: absent / possible, meanSpell: absent / spells, byDay };
}

describe('simulator knobs (every generative assumption as a number)', () => {
  it('the default knobs, given or not, make the same school byte for byte', () => {
    const plain = simulateSchool(base);
    expect(marksOf(simulateSchool({ ...base, knobs: {} }))).toEqual(marksOf(plain));
    expect(marksOf(simulateSchool({ ...base, knobs: { ...DEFAULT_KNOBS } }))).toEqual(marksOf(plain));
  });

  it('a named variant is its knob setting', () => {
    const late = simulateSchool({ ...base, variant: 'late-drift' });
    const knobs = simulateSchool({ ...base, knobs: { driftShare: 0.22, driftFrom: 0.45 } });
    expect(marksOf(knobs)).toEqual(marksOf(late));
    expect(marksOf(late)).not.toEqual(marksOf(simulateSchool(base)));
  });

  it('training draws stay inside the training ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        const k = drawTrainingKnobs(new Rng(seed));
        for (const key of Object.keys(TRAIN_RANGES) as (keyof typeof TRAIN_RANGES)[]) {
          const [lo, hi] = TRAIN_RANGES[key];
          const v = key === 'driftSizeHigh' ? k.driftSize[1] : (k[key as keyof SimKnobs] as number);
          expect(v).toBeGreaterThanOrEqual(lo - 0.5 * (key === 'shocks' ? 1 : 0));
          expect(v).toBeLessThanOrEqual(hi + 0.5 * (key === 'shocks' ? 1 : 0));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every held-out family sets at least one knob outside its training range', () => {
    for (const [name, family] of Object.entries(HELD_OUT_FAMILIES)) {
      const outside = Object.entries(family).filter(([key, v]) => {
        const r =
          key === 'driftSize' ? TRAIN_RANGES.driftSizeHigh : TRAIN_RANGES[key as keyof typeof TRAIN_RANGES];
        const x = key === 'driftSize' ? (v as [number, number])[1] : (v as number);
        return r && (x < r[0] || x > r[1]);
      });
      expect(outside.length, name).toBeGreaterThan(0);
    }
  });

  it('long illness makes longer spells at about the same yearly rate; a higher baseline more absence', () => {
    const normal = stats(simulateSchool(base));
    const long = stats(simulateSchool({ ...base, knobs: HELD_OUT_FAMILIES['long illness'] }));
    expect(long.meanSpell).toBeGreaterThan(normal.meanSpell * 1.3);
    expect(Math.abs(long.rate - normal.rate)).toBeLessThan(0.25 * normal.rate);
    const high = stats(simulateSchool({ ...base, knobs: HELD_OUT_FAMILIES['high baseline absence'] }));
    expect(high.rate).toBeGreaterThan(normal.rate * 1.4);
  });

  it('flat weekdays take away the Friday peak', () => {
    const peak = (byDay: number[]) => Math.max(...byDay) / Math.min(...byDay);
    const normal = stats(simulateSchool({ ...base, pupils: 600 }));
    const flat = stats(simulateSchool({ ...base, pupils: 600, knobs: HELD_OUT_FAMILIES['flat weekdays'] }));
    expect(peak(normal.byDay)).toBeGreaterThan(1.2);
    expect(peak(flat.byDay)).toBeLessThan(1.08);
  });

  it('strong persistence makes last year say more about this year', () => {
    const corr = (s: SimSchool) => {
      const rate = new Map<string, number[]>();
      for (const py of s.years) {
        const t = stats({ ...s, years: [py] }).rate;
        if (Number.isFinite(t)) rate.set(py.pupilId, [...(rate.get(py.pupilId) ?? []), t]);
      }
      const pairs = [...rate.values()]
        .filter((r) => r.length === 2)
        .map((r) => r.map((x) => Math.log(x + 0.01)));
      const m = (k: number) => pairs.reduce((a, p) => a + p[k], 0) / pairs.length;
      const [mx, my] = [m(0), m(1)];
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (const [x, y] of pairs) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) ** 2;
        syy += (y - my) ** 2;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    const two = { ...base, years: 2 };
    const strong = corr(
      simulateSchool({ ...two, knobs: HELD_OUT_FAMILIES['strong prior-year persistence'] }),
    );
    const weak = corr(simulateSchool({ ...two, knobs: { rho: 0.3, switchChance: 0.4 } }));
    expect(strong).toBeGreaterThan(weak + 0.1);
  });
});
