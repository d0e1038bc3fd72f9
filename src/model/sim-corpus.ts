/**
 * The simulated schools the shipped model is trained and evaluated on. Training and evaluation use
 * disjoint seeds; evaluation adds the variants (flu wave, closure week, late drift) training never sees.
 */
import { simulateSchool, type Phase, type Variant } from '../sim/simulate';
import type { Pupil } from '../domain/register';
import type { SchoolHistory } from './dataset';

export interface SimSpec {
  seed: number;
  phase: Phase;
  pupils: number;
  variant?: Variant;
}

export const TRAIN_SCHOOLS: SimSpec[] = [
  ...[101, 102, 103].map((seed) => ({ seed, phase: 'primary' as const, pupils: 420 })),
  ...[201, 202, 203, 204].map((seed) => ({ seed, phase: 'secondary' as const, pupils: 1000 })),
  ...[301, 302].map((seed) => ({ seed, phase: 'special' as const, pupils: 160 })),
];

/** A second, disjoint set of training seeds (npm run train -- --more): twice the data. */
export const MORE_TRAIN_SCHOOLS: SimSpec[] = [
  ...[104, 105, 106].map((seed) => ({ seed, phase: 'primary' as const, pupils: 420 })),
  ...[205, 206, 207, 208].map((seed) => ({ seed, phase: 'secondary' as const, pupils: 1000 })),
  ...[303, 304].map((seed) => ({ seed, phase: 'special' as const, pupils: 160 })),
];

/**
 * Training schools with the disruptions schools meet (flu wave, a closed week, pupils drifting late in
 * the year), on seeds disjoint from both lists above and from EVAL_SCHOOLS: without them the model
 * learns one kind of year only and is over-confident in the others.
 */
export const VARIANT_TRAIN_SCHOOLS: SimSpec[] = [
  { seed: 111, phase: 'primary', pupils: 420, variant: 'flu-wave' },
  { seed: 211, phase: 'secondary', pupils: 1000, variant: 'flu-wave' },
  { seed: 112, phase: 'primary', pupils: 420, variant: 'late-drift' },
  { seed: 212, phase: 'secondary', pupils: 1000, variant: 'late-drift' },
  { seed: 311, phase: 'special', pupils: 160, variant: 'late-drift' },
  { seed: 213, phase: 'secondary', pupils: 1000, variant: 'closure-week' },
];

const VARIANTS: Variant[] = ['normal', 'flu-wave', 'closure-week', 'late-drift'];
export const EVAL_SCHOOLS: SimSpec[] = VARIANTS.flatMap((variant, v) => [
  { seed: 9100 + v, phase: 'primary' as const, pupils: 420, variant },
  { seed: 9200 + v, phase: 'secondary' as const, pupils: 1000, variant },
  { seed: 9300 + v, phase: 'special' as const, pupils: 160, variant },
]);

export interface SimHistory {
  spec: SimSpec;
  /** One SchoolHistory per simulated year with an outcome; priorYears set from the year before. */
  histories: SchoolHistory[];
  pupils: Pupil[];
}

/** Simulates `years` consecutive years ending 2024/25; every year becomes a history with its prior. */
export function simulateHistory(spec: SimSpec, years: number, lastStartYear = 2024): SimHistory {
  const s = simulateSchool({
    seed: spec.seed,
    phase: spec.phase,
    pupils: spec.pupils,
    years,
    lastStartYear,
    variant: spec.variant,
  });
  const byYear = new Map<number, typeof s.years>();
  for (const py of s.years) {
    const list = byYear.get(py.startYear) ?? [];
    list.push(py);
    byYear.set(py.startYear, list);
  }
  const histories: SchoolHistory[] = [];
  for (let y = lastStartYear - years + 1; y <= lastStartYear; y++) {
    const cur = byYear.get(y);
    if (cur?.length) histories.push({ years: cur, priorYears: byYear.get(y - 1) });
  }
  return { spec, histories, pupils: s.pupils };
}
