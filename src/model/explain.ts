/**
 * Drivers by occlusion: each group of inputs is replaced by the training average and the pupil is
 * re-scored; the change in P(PA) is that group's effect. The words come from the pupil's own figures,
 * but which groups are shown, and in what order, is decided by the model.
 */
import { F, type PupilFacts } from './features';
import type { Driver } from './types';

export interface FeatureGroup {
  key: string;
  features: number[];
  text(f: PupilFacts, x: Float32Array, o: number, firstWeekday: number): string;
}

const pct = (r: number) => `${Math.round(100 * r)}%`;
const plural = (n: number, one: string, many = one + 's') =>
  n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
const DAYS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays'];

export const GROUPS: FeatureGroup[] = [
  {
    key: 'recent',
    features: [F.absenceLast2w, F.absenceLast4w, F.absenceLast6w, F.trend, F.unauthLast4w, F.relativeLast4w],
    text: (f, x, o) => {
      const now = 1 - x[o + F.absenceLast4w];
      const before = 1 - f.absencePrev4w;
      const d = Math.round(100 * now) - Math.round(100 * before);
      const change =
        d <= -1 ? `, down from ${pct(before)}` : d >= 1 ? `, up from ${pct(before)}` : ', as before';
      return `attendance over the last 4 weeks is ${pct(now)}${change}`;
    },
  },
  {
    key: 'to-date',
    features: [F.absenceToDate, F.paCushion, F.saCushion, F.onRollShare, F.relativeToDate],
    text: (f) =>
      `attendance to date is ${pct(1 - f.absent / f.possible)} (${f.absent} of ${f.possible} sessions missed)`,
  },
  {
    key: 'unauthorised',
    features: [F.unauthorisedToDate],
    text: (f) => `${plural(f.unauthorised, 'session')} of unauthorised absence`,
  },
  {
    key: 'illness',
    features: [F.illnessToDate],
    text: (f) => `${plural(f.illness, 'session')} missed through illness`,
  },
  {
    key: 'holiday',
    features: [F.holidayToDate],
    text: (f) => `${plural(f.holiday, 'session')} of term-time holiday`,
  },
  {
    key: 'exclusion',
    features: [F.exclusionToDate],
    text: (f, x, o) => `${Math.round(x[o + F.exclusionToDate] * f.possible)} sessions suspended or excluded`,
  },
  { key: 'lates', features: [F.latesToDate], text: (f) => plural(f.lates, 'late mark') },
  {
    key: 'spells',
    features: [F.spellsPer100, F.meanSpellLength, F.longestSpellShare],
    text: (f) => `${plural(f.spells, 'separate spell')} of absence`,
  },
  {
    key: 'weekday',
    features: [F.weekdayPeak],
    text: (f, _x, _o, first) =>
      `${f.worstWeekdayAbsent} of the last ${f.worstWeekdayOf} ${DAYS[(f.worstWeekday + first) % 5]} absent`,
  },
  {
    key: 'prior',
    features: [F.priorAbsence, F.priorUnauthorised, F.hasPrior],
    text: (_f, x, o) =>
      x[o + F.hasPrior]
        ? `attendance last year was ${pct(1 - x[o + F.priorAbsence])}`
        : 'no register from last year',
  },
  {
    key: 'year-group',
    features: [F.yearGroup],
    text: (_f, x, o) => {
      const g = Math.round(x[o + F.yearGroup] * 13);
      return `in ${g === 0 ? 'Reception' : `Year ${g}`}`;
    },
  },
];

/** Drivers shown per pupil, and the smallest change in log-odds worth a line. */
export const MAX_DRIVERS = 3;
export const MIN_LOGIT_EFFECT = 0.05;

/**
 * Picks the strongest drivers and words them. They are ranked by the change in log-odds, because a
 * pupil at P(PA) = 0.99 barely moves in probability when one input is hidden, yet still has reasons.
 */
export function driversFor(
  effects: ArrayLike<number>,
  logitEffects: ArrayLike<number>,
  facts: PupilFacts,
  raw: Float32Array,
  offset: number,
  firstWeekday: number,
): Driver[] {
  const order = GROUPS.map((_, g) => g)
    .filter((g) => Math.abs(logitEffects[g]) >= MIN_LOGIT_EFFECT)
    .sort((a, b) => Math.abs(logitEffects[b]) - Math.abs(logitEffects[a]))
    .slice(0, MAX_DRIVERS);
  return order.map((g) => ({ text: GROUPS[g].text(facts, raw, offset, firstWeekday), effect: effects[g] }));
}
