/**
 * One pupil's marks for one year. Absence comes in spells: on each open session not already in a
 * spell, a new one starts with a hazard chosen so the pupil's yearly rate p is kept
 * (p = hL / (1 + hL) for mean spell length L). Holidays (G), trips and lates are laid on top.
 * Everything writes straight into the Uint8Array: no object per session.
 */
import { markId } from '../domain/codes';
import { yearSlots } from '../domain/register';
import { DAY } from './calendar';
import { logit, sigmoid, type Rng } from './random';
import type { YearContext } from './season';

const id = markId;
export const MARK = {
  am: id('/'),
  pm: id('\\'),
  late: id('L'),
  lateAfterClose: id('U'),
  illness: id('I'),
  other: id('O'),
  medical: id('M'),
  noReason: id('N'),
  exceptional: id('C'),
  religious: id('R'),
  suspended: id('E'),
  holiday: id('G'),
  trip: id('V'),
  offSite: id('B'),
  sport: id('P'),
  work: id('W'),
  study: id('S'),
  partTime: id('C2'),
  underFive: id('X'),
  notOnRoll: id('Z'),
  closure: id('#'),
  siteClosed: id('Y4'),
} as const;

/** A kind of absence spell: its share of sessions nationally (2024/25) and its length in days. */
interface SpellKind {
  mark: number;
  /** % of possible sessions nationally. */
  share: number;
  /** Chance the spell is a single session. */
  single: number;
  days: number[];
  dayWeights: number[];
  /** Longer for pupils with high absence. */
  scaled: boolean;
}

const kind = (
  mark: number,
  share: number,
  single: number,
  days: number[],
  dayWeights: number[],
  scaled = false,
): SpellKind => ({
  mark,
  share,
  single,
  days,
  dayWeights,
  scaled,
});

// Order matters: 0 illness, 1 other unauthorised, 2 suspension; the rest are fixed in weight.
const KINDS: SpellKind[] = [
  kind(MARK.illness, 3.24, 0.08, [1, 2, 3, 4, 5, 7, 10, 15], [50, 22, 12, 6, 5, 3, 1.5, 0.5], true),
  kind(MARK.other, 1.6, 0.3, [1, 2, 3, 4, 5], [64, 9, 9, 9, 9], true),
  kind(MARK.suspended, 0.16, 0, [1, 2, 3, 5], [40, 20, 20, 20]),
  kind(MARK.medical, 0.32, 1, [1], [1]),
  kind(MARK.noReason, 0.06, 0.6, [1], [1]),
  kind(MARK.exceptional, 0.41, 0, [1, 2, 3, 4, 5], [60, 25, 5, 5, 5]),
  kind(MARK.religious, 0.1, 0, [1], [1]),
];

function meanDays(k: SpellKind): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < k.days.length; i++) {
    s += k.days[i] * k.dayWeights[i];
    w += k.dayWeights[i];
  }
  return s / w;
}
const MEAN_DAYS = KINDS.map(meanDays);
const meanSessionsOf = (meanDays: readonly number[], i: number, scale: number) =>
  KINDS[i].single + (1 - KINDS[i].single) * 2 * meanDays[i] * (KINDS[i].scaled ? scale : 1);
const meanSessions = (i: number, scale: number) => meanSessionsOf(MEAN_DAYS, i, scale);

/** Illness day weights with spells of a week or more `factor` times as common (1: the national mix). */
function illnessMix(factor: number): { dayWeights: number[]; meanDays: number[] } {
  if (factor === 1) return { dayWeights: KINDS[0].dayWeights, meanDays: MEAN_DAYS };
  const ill = KINDS[0];
  const dayWeights = ill.dayWeights.map((w, j) => (ill.days[j] >= 5 ? w * factor : w));
  return { dayWeights, meanDays: [meanDays({ ...ill, dayWeights }), ...MEAN_DAYS.slice(1)] };
}

export interface PupilYearPlan {
  yearGroup: string;
  secondary: boolean;
  fsm: boolean;
  /** Logit of the pupil's absence propensity this year (holidays excluded). */
  logitRate: number;
  /** Relative weight of 'O' spells for the phase. */
  otherUnauthorised: number;
  holidayBlocks: number;
  /** Open index of admission (0 = from the start) and of leaving (exclusive; open.length = stays). */
  admitIndex: number;
  leaveIndex: number;
  /** Open index where drift starts (-1 none) and its size on the logit scale (+ worse, - better). */
  driftStart: number;
  driftDelta: number;
  receptionPartTime: boolean;
}

export function simulateMarks(ctx: YearContext, plan: PupilYearPlan, rng: Rng): Uint8Array {
  const { open, cal } = ctx;
  const n = open.length;
  const slotCount = yearSlots(cal.startYear).slotCount;
  const marks = new Uint8Array(slotCount);
  const from = plan.admitIndex;
  const to = plan.leaveIndex;
  const fromSlot = from > 0 ? open[from] : 0;
  const toSlot = to < n ? open[to] : slotCount;

  // Closures apply to every pupil on roll; sessions before admission are Z (not yet on roll).
  for (let s = fromSlot; s < toSlot; s++) {
    const k = cal.dayKind[s];
    if (k === DAY.inset) marks[s] = MARK.closure;
    else if (k === DAY.closed) marks[s] = MARK.siteClosed;
  }
  for (let i = 0; i < from; i++) marks[open[i]] = MARK.notOnRoll;

  const p = sigmoid(plan.logitRate);
  const put = (i: number, mark: number) => {
    if (i >= from && i < to && marks[open[i]] === 0) marks[open[i]] = mark;
  };
  placeActivities(ctx, plan, rng, put);
  placeHolidays(ctx, plan, p, rng, put);
  if (plan.secondary && p > 0.3 && rng.chance(0.2)) {
    // A part-time timetable: afternoons off (C2) for a few weeks.
    const start = from + rng.int(Math.max(1, to - from));
    const len = 20 + rng.int(60);
    for (let i = start; i < Math.min(to, start + len); i++) if (ctx.pm[i]) put(i, MARK.partTime);
  }

  // Spell mix for this pupil: higher propensity means more unauthorised absence and suspensions.
  // The school's spell length multiplies the pupil's; the hazard below keeps the yearly rate.
  const scale = (1 + 5 * Math.max(0, p - 0.15)) * ctx.knobs.spellLength;
  const mix = illnessMix(ctx.knobs.longIllness);
  const lift = plan.logitRate - logit(0.06);
  const weights = KINDS.map((k, i) => k.share / meanSessions(i, 1));
  weights[1] *=
    (plan.otherUnauthorised / 1.6) * clamp(Math.exp(0.45 * lift), 0.4, 2.5) * (plan.fsm ? 1.3 : 1);
  weights[2] *= (plan.secondary ? 1 : 0.3) * clamp(Math.exp(0.8 * lift), 0.2, 5);
  let wSum = 0;
  let lenSum = 0;
  for (let i = 0; i < KINDS.length; i++) {
    wSum += weights[i];
    lenSum += weights[i] * meanSessionsOf(mix.meanDays, i, scale);
  }
  const meanLen = lenSum / wSum;
  const hazardFor = (rate: number) => Math.min(0.95, rate / (meanLen * (1 - rate)));
  const baseHazard = hazardFor(Math.min(p, 0.97));

  // Lates: a pupil habit, more common among frequent absentees.
  const lateRate = Math.min(0.5, 0.042 * (rng.gamma(0.8) / 0.8) * (0.6 + 5 * p));
  const lateAfterClose = Math.min(0.3, 0.003 * (rng.gamma(0.5) / 0.5) * (0.4 + 10 * p));

  let remaining = 0;
  let spellMark = 0;
  for (let i = from; i < to; i++) {
    if (ctx.breakBefore[i]) remaining = 0;
    const s = open[i];
    if (marks[s] !== 0) continue;
    if (remaining > 0) {
      marks[s] = spellMark;
      remaining--;
      continue;
    }
    let h = baseHazard;
    if (plan.driftStart >= 0 && i >= plan.driftStart) {
      const ramp = Math.min(1, (i - plan.driftStart) / 20);
      h = hazardFor(Math.min(0.97, sigmoid(plan.logitRate + plan.driftDelta * ramp)));
    }
    if (rng.next() < h * ctx.hazard[i]) {
      const k = pickKind(weights, wSum, ctx.illness[i], ctx.otherByWeekday[ctx.weekday[i]], rng);
      const spell = KINDS[k];
      let len = 1;
      if (!rng.chance(spell.single)) {
        const days = spell.days[rng.weighted(k === 0 ? mix.dayWeights : spell.dayWeights)];
        const d = spell.scaled ? Math.max(1, Math.round(days * scale)) : days;
        // A spell that starts in the afternoon (sent home, say) runs on into the next day.
        len = ctx.pm[i] ? (d > 1 ? 2 * d - 1 : 3) : 2 * d;
      }
      marks[s] = spell.mark;
      spellMark = spell.mark;
      remaining = len - 1;
      continue;
    }
    if (ctx.pm[i]) {
      marks[s] = plan.receptionPartTime && i < 20 ? MARK.underFive : MARK.pm;
    } else {
      const r = rng.next();
      marks[s] =
        r < lateAfterClose ? MARK.lateAfterClose : r < lateAfterClose + lateRate ? MARK.late : MARK.am;
    }
  }
  return marks;
}

function pickKind(weights: number[], wSum: number, illness: number, otherDay: number, rng: Rng): number {
  const wIll = weights[0] * illness;
  const wOther = weights[1] * otherDay;
  let r = rng.next() * (wSum - weights[0] - weights[1] + wIll + wOther);
  if ((r -= wIll) < 0) return 0;
  if ((r -= wOther) < 0) return 1;
  for (let k = 2; k < weights.length; k++) if ((r -= weights[k]) < 0) return k;
  return weights.length - 1;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Trips (V), other off-site (B), sport (P), work experience (W) and Year 11 study leave (S). */
function placeActivities(
  ctx: YearContext,
  plan: PupilYearPlan,
  rng: Rng,
  put: (i: number, mark: number) => void,
) {
  const n = ctx.open.length;
  for (const d of ctx.tripDays.get(plan.yearGroup) ?? []) {
    if (rng.chance(0.45)) {
      put(d, MARK.trip);
      put(d + 1, MARK.trip);
    }
  }
  for (let k = rng.poisson(0.8); k > 0; k--) put(rng.int(n), MARK.offSite);
  for (let k = rng.poisson(plan.secondary ? 0.5 : 0.3); k > 0; k--) put(rng.int(n) | 1, MARK.sport);
  if (plan.yearGroup === '10' && ctx.workWeek >= 0 && rng.chance(0.4)) {
    for (let i = ctx.workWeek; i < Math.min(n, ctx.workWeek + 10); i++) put(i, MARK.work);
  }
  if (plan.yearGroup === '11') {
    const mayStart = ctx.halfTerm.indexOf(4);
    for (let k = rng.poisson(1); k > 0 && mayStart >= 0; k--) {
      const d = (mayStart + rng.int(60)) & ~1;
      put(d, MARK.study);
      put(d + 1, MARK.study);
    }
  }
}

/** Term-time holidays (G) in blocks, next to half terms or at the end of the summer term. */
function placeHolidays(
  ctx: YearContext,
  plan: PupilYearPlan,
  p: number,
  rng: Rng,
  put: (i: number, mark: number) => void,
) {
  const n = ctx.open.length;
  const mean = plan.holidayBlocks * (rng.gamma(0.5) / 0.5) * (0.7 + 3 * p);
  for (let b = rng.poisson(mean); b > 0; b--) {
    const sessions = 2 * Math.min(10, 2 + rng.poisson(2.5));
    const r = rng.next();
    let start: number;
    if (r < 0.45 && ctx.breaks.length > 1) {
      const brk = ctx.breaks[1 + rng.int(ctx.breaks.length - 1)];
      start = rng.chance(0.6) ? brk - sessions : brk; // just before or just after a holiday
    } else if (r < 0.8) {
      start = n - sessions - 2 * rng.int(10); // the last weeks of the summer term
    } else {
      start = rng.int(n) & ~1;
    }
    for (let i = Math.max(0, start); i < Math.min(n, start + sessions); i++) put(i, MARK.holiday);
  }
}
