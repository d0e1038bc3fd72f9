/**
 * The simulated schools the shipped model is trained and evaluated on. Training uses a wide family of
 * schools, every generative assumption drawn from a range (src/sim/knobs.ts); evaluation uses families
 * held outside those ranges, on seeds of their own.
 */
import { simulateSchool, type Phase, type Variant } from '../sim/simulate';
import { HELD_OUT_FAMILIES, drawTrainingKnobs, type SimKnobs } from '../sim/knobs';
import { Rng } from '../sim/random';
import type { Pupil } from '../domain/register';
import type { SchoolHistory } from './dataset';

export interface SimSpec {
  seed: number;
  phase: Phase;
  pupils: number;
  variant?: Variant;
  knobs?: Partial<SimKnobs>;
  /** The family the school was drawn from, for reports ('wide' = the training ranges). */
  family?: string;
}

const PHASE_SIZES: [Phase, number][] = [
  ['primary', 420],
  ['secondary', 1000],
  ['special', 160],
];

/**
 * The training family: 30 schools (10 of each phase, smaller than real ones: many kinds of school
 * teach more than many pupils of one), each with its own draw of every knob, seeds 1001–1030 (more with `npm run train -- --schools N`).
 */
export function wideTrainSchools(count = 30): SimSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const seed = 1001 + i;
    const [phase] = PHASE_SIZES[i % 3];
    const pupils = phase === 'primary' ? 300 : phase === 'secondary' ? 600 : 150;
    return { seed, phase, pupils, knobs: drawTrainingKnobs(new Rng(seed * 31 + 7)), family: 'wide' };
  });
}

/** Each held-out family at each phase (seeds 95xx), and three unseen schools from the training ranges. */
export const HELD_OUT_SCHOOLS: SimSpec[] = [
  ...PHASE_SIZES.map(([phase, pupils], p) => {
    const seed = 9400 + p;
    return {
      seed,
      phase,
      pupils,
      knobs: drawTrainingKnobs(new Rng(seed * 31 + 7)),
      family: 'wide (unseen seeds)',
    };
  }),
  ...Object.entries(HELD_OUT_FAMILIES).flatMap(([family, knobs], f) =>
    PHASE_SIZES.map(([phase, pupils], p) => ({ seed: 9500 + 10 * f + p, phase, pupils, knobs, family })),
  ),
];

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
    knobs: spec.knobs,
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
