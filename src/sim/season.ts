/**
 * Per-session context for one simulated school year: which slots are open, and how likely absence is
 * on each (season, weekday, AM/PM), normalised so a pupil's yearly rate is kept.
 * Shapes follow attendance.md: a low first week, illness rising through November–January,
 * Fridays (especially afternoons) highest, Mondays highest for unauthorised absence.
 */
import { epochDay, weekdayOf, yearSlots } from '../domain/register';
import { openSlots, type SimCalendar } from './calendar';
import type { Rng } from './random';
import { DEFAULT_KNOBS, type SimKnobs } from './knobs';

export type Variant = 'normal' | 'flu-wave' | 'closure-week' | 'late-drift';

export interface YearContext {
  cal: SimCalendar;
  /** Slot of each open session, in order; the simulator indexes sessions by this "open index". */
  open: Int32Array;
  /** Absence hazard multiplier per open index (mean 1). */
  hazard: Float32Array;
  /** Multiplier on the chance a new spell is illness, per open index. */
  illness: Float32Array;
  /** Weekday per open index (0 = Monday): unauthorised absence peaks on Mondays. */
  weekday: Uint8Array;
  /** 1 on PM sessions. */
  pm: Uint8Array;
  /** 1 when a holiday (gap of more than a weekend) comes just before this session: spells end there. */
  breakBefore: Uint8Array;
  /** Open indices that start a term or a half term (after a break). */
  breaks: number[];
  /** Half term (0–5) per open index. */
  halfTerm: Uint8Array;
  /** Whole-day trips per year group: AM open indices. */
  tripDays: Map<string, number[]>;
  /** AM open index of the work-experience week (secondary Year 10), or -1. */
  workWeek: number;
  /** The school's generative assumptions (spell lengths, drift, weekday pattern). */
  knobs: SimKnobs;
  /** Relative weight of 'other unauthorised' spells per weekday (Mondays highest). */
  otherByWeekday: readonly number[];
}

const WEEKDAY = [0.92, 0.9, 0.9, 0.94, 1.55];
const HALF_TERM_HAZARD = [0.9, 1.06, 1.04, 0.98, 0.96, 1.03];
const HALF_TERM_ILLNESS = [0.9, 1.2, 1.15, 1.0, 0.85, 0.72];
const OTHER_BY_WEEKDAY = [2.2, 1, 1, 1, 0.6];
/** A pattern of multipliers around 1 at strength s (1 = itself, exactly; 0 = flat). */
const strength = (x: number, s: number) => (s === 1 ? x : 1 + s * (x - 1));

export function yearContext(
  cal: SimCalendar,
  yearGroups: string[],
  rng: Rng,
  workExperience: boolean,
  knobs: SimKnobs = DEFAULT_KNOBS,
): YearContext {
  const wk = knobs.weekday;
  const ss = knobs.season;
  const slots = yearSlots(cal.startYear);
  const open = openSlots(cal);
  const n = open.length;
  const hazard = new Float32Array(n);
  const illness = new Float32Array(n);
  const weekday = new Uint8Array(n);
  const pm = new Uint8Array(n);
  const breakBefore = new Uint8Array(n);
  const halfTerm = new Uint8Array(n);
  const breaks: number[] = [];
  const halfStarts = cal.terms.map((t) => epochDay(t.halfTermStart));
  const sept1 = epochDay(`${cal.startYear}-09-01`);
  const flu = knobs.flu;
  const fluFrom = flu ? sept1 + flu.from : Infinity;
  const fluTo = flu ? fluFrom + flu.days : -Infinity;
  const firstWeekEnd = epochDay(cal.terms[0].start) + 7;
  let prevDay = -100;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = open[i];
    const day = slots.epochDays[s >> 1];
    const term = cal.termOfSlot[s];
    const ht = term * 2 + (day >= halfStarts[term] ? 1 : 0);
    const wd = weekdayOf(day);
    halfTerm[i] = ht;
    weekday[i] = wd;
    pm[i] = s & 1;
    if (day - prevDay > 3) {
      breakBefore[i] = 1;
      breaks.push(i);
    }
    prevDay = day;
    let h =
      strength(WEEKDAY[wd], wk) *
      strength(pm[i] ? (wd === 4 ? 1.09 : 1.03) : 0.97, wk) *
      strength(HALF_TERM_HAZARD[ht], ss);
    let ill = strength(HALF_TERM_ILLNESS[ht], ss);
    if (day < firstWeekEnd) h *= 0.75; // the first days back have the lowest absence of the year
    if (ht === 1 && ss > 0) h *= 1 + 0.1 * Math.min(1, Math.max(0, (day - halfStarts[0] - 14) / 40)); // illness builds to December
    if (flu && day >= fluFrom && day <= fluTo) {
      h *= flu.hazard;
      ill *= flu.illness;
    }
    hazard[i] = h;
    illness[i] = ill;
    sum += h;
  }
  // School-wide bad weeks: drawn only when asked for, so the default school's stream is unchanged.
  for (let k = 0; k < knobs.shocks; k++) {
    const at = rng.int(Math.max(1, n - 10)) & ~1;
    for (let i = at; i < Math.min(n, at + 10); i++) {
      sum += hazard[i] * (knobs.shockSize - 1);
      hazard[i] *= knobs.shockSize;
    }
  }
  for (let i = 0; i < n; i++) hazard[i] *= n / sum;
  // The week before a half term has more absence (holidays taken early): nudge it up.
  for (const b of breaks) for (let i = Math.max(0, b - 10); i < b; i++) hazard[i] *= 1.08;

  const tripDays = new Map<string, number[]>();
  const amIndices: number[] = [];
  for (let i = 20; i < n; i++) if (!pm[i]) amIndices.push(i);
  for (const g of yearGroups) {
    const days: number[] = [];
    for (let k = 0; k < 3; k++) days.push(amIndices[rng.int(amIndices.length)]);
    tripDays.set(g, days);
  }
  let workWeek = -1;
  if (workExperience) {
    const julyMon = epochDay(`${cal.startYear + 1}-07-01`);
    for (let i = 0; i < n; i++) {
      const day = slots.epochDays[open[i] >> 1];
      if (day >= julyMon && weekdayOf(day) === 0 && !pm[i]) {
        workWeek = i;
        break;
      }
    }
  }
  const otherByWeekday = OTHER_BY_WEEKDAY.map((x) => strength(x, wk));
  return {
    cal,
    open,
    hazard,
    illness,
    weekday,
    pm,
    breakBefore,
    breaks,
    halfTerm,
    tripDays,
    workWeek,
    knobs,
    otherByWeekday,
  };
}
