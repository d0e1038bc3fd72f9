/**
 * Model inputs computed from the compact register, as of a slot. Pure: no tfjs, no DOM.
 *
 * Windows ("last 4 weeks") are counted in the school's own sessions, not calendar days, so a
 * half-term holiday never empties a window. A session counts as a school session when a fair share
 * of pupils have a mark other than planned closure (#): this needs no term dates to be known.
 */
import { CAT, CATEGORY_OF, CODE_BY_ID, type CodeReason } from '../domain/codes';
import type { PupilYear } from '../domain/register';

/** Sessions a school is open in a year: the denominator for "fraction of the year gone". */
export const SESSIONS_PER_YEAR = 380;
export const SESSIONS_PER_WEEK = 10;

const REASON_CODE: Record<CodeReason, number> = {
  present: 0,
  late: 1,
  aea: 0,
  illness: 2,
  medical: 3,
  holiday: 4,
  exclusion: 5,
  'other-authorised': 3,
  'other-unauthorised': 6,
  'no-reason': 6,
  'not-counted': 0,
  closure: 0,
};
/** Per mark id: 1 late, 2 illness, 3 other authorised/medical, 4 holiday, 5 exclusion, 6 unauthorised other. */
const REASON_OF: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let id = 1; id < 256; id++) {
    const c = CODE_BY_ID[id];
    if (c) t[id] = REASON_CODE[c.reason];
  }
  return t;
})();
const CLOSURE_ID = CODE_BY_ID.findIndex((c) => c?.reason === 'closure');

/** The slots the school was in session, in order, from every pupil-year of one school year. */
/** Pupils looked at for school-wide figures: an even sample is exact enough and keeps 50,000 pupils fast. */
const SCHOOL_SAMPLE = 3000;
function sample(years: readonly PupilYear[]): readonly PupilYear[] {
  if (years.length <= SCHOOL_SAMPLE) return years;
  const step = years.length / SCHOOL_SAMPLE;
  return Array.from({ length: SCHOOL_SAMPLE }, (_, i) => years[Math.floor(i * step)]);
}

export function schoolSessions(all: readonly PupilYear[]): Int32Array {
  if (all.length === 0) return new Int32Array(0);
  const years = sample(all);
  const n = years[0].marks.length;
  const counts = new Uint32Array(n);
  for (const py of years) {
    const m = py.marks;
    for (let s = 0; s < n; s++) {
      const id = m[s];
      if (id !== 0 && id !== CLOSURE_ID) counts[s]++;
    }
  }
  // A fifth of pupils marked is a school session; a few stray marks on a closed day are not.
  const need = Math.max(1, Math.ceil(years.length * 0.2));
  const out: number[] = [];
  for (let s = 0; s < n; s++) if (counts[s] >= need) out.push(s);
  return Int32Array.from(out);
}

/** Running totals of the whole school's possible sessions and absences, per school session. */
export interface SchoolProfile {
  /** cumPossible[i] = possible sessions, all pupils, in school sessions [0, i). */
  cumPossible: Float64Array;
  cumAbsent: Float64Array;
}

export function schoolProfile(all: readonly PupilYear[], sessions: Int32Array): SchoolProfile {
  const years = sample(all);
  const n = sessions.length;
  const possible = new Float64Array(n + 1);
  const absent = new Float64Array(n + 1);
  for (const py of years) {
    const m = py.marks;
    for (let i = 0; i < n; i++) {
      const k = CATEGORY_OF[m[sessions[i]]];
      if (k >= CAT.present && k <= CAT.unauthorised) {
        possible[i + 1]++;
        if (k >= CAT.authorised) absent[i + 1]++;
      }
    }
  }
  for (let i = 1; i <= n; i++) {
    possible[i] += possible[i - 1];
    absent[i] += absent[i - 1];
  }
  return { cumPossible: possible, cumAbsent: absent };
}

function schoolRate(p: SchoolProfile, from: number, to: number): number {
  const f = Math.max(0, Math.min(from, p.cumPossible.length - 1));
  const t = Math.max(0, Math.min(to, p.cumPossible.length - 1));
  const poss = p.cumPossible[t] - p.cumPossible[f];
  return poss > 0 ? (p.cumAbsent[t] - p.cumAbsent[f]) / poss : 0;
}

/** Feature names, in model input order. Rates are fractions of the pupil's possible sessions. */
export const FEATURE_NAMES = [
  'yearGone', // school sessions so far / 380
  'absenceToDate',
  'absenceLast2w',
  'absenceLast4w',
  'absenceLast6w',
  'trend', // last 4 weeks minus the weeks before them
  'paCushion', // future absence rate that would make the pupil PA by year end
  'saCushion',
  'unauthorisedToDate',
  'illnessToDate',
  'holidayToDate',
  'exclusionToDate',
  'latesToDate', // lates (L and U) per possible session
  'spellsPer100', // separate absence spells per 100 possible sessions
  'meanSpellLength', // sessions, / 10
  'longestSpellShare', // longest spell / all absence sessions
  'weekdayPeak', // worst weekday's absence rate minus overall
  'unauthLast4w',
  'onRollShare', // possible sessions / school sessions so far
  'priorAbsence',
  'priorUnauthorised',
  'hasPrior',
  'yearGroup', // 0 (Reception) … 13, / 13; 0.5 when unknown
  // The whole school's absence over the same sessions: a flu wave or a bad week lifts everyone,
  // and a pupil's absence then says less about the rest of their year.
  'schoolToDate',
  'schoolLast4w',
  // Scale-free: the pupil's absence relative to the school's over the same sessions (log ratio), so a
  // school with more absence overall than any trained on still reads "twice the school's rate" alike.
  'relativeToDate',
  'relativeLast4w',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;
export const F = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, i])) as Record<FeatureName, number>;

/** Figures an explanation quotes, computed alongside the features. */
export interface PupilFacts {
  possible: number;
  absent: number;
  /** Absence rate over the 4 school weeks before, for "down from" phrasing. */
  absencePrev4w: number;
  spells: number;
  worstWeekday: number;
  worstWeekdayAbsent: number;
  worstWeekdayOf: number;
  unauthorised: number;
  illness: number;
  holiday: number;
  lates: number;
}

function yearGroupValue(g: string | undefined): number {
  if (!g) return 0.5;
  if (/^r/i.test(g)) return 0;
  const n = parseInt(g.replace(/\D/g, ''), 10);
  return Number.isFinite(n) ? Math.min(13, Math.max(0, n)) / 13 : 0.5;
}

export interface YearTotals {
  possible: number;
  absent: number;
  unauthorised: number;
}
/** A prior year is read at every as-of point of every pupil: remember its totals per marks array. */
const totalsCache = new WeakMap<Uint8Array, YearTotals>();

/** Absence and unauthorised rates over a whole prior year (its outcome). */
export function yearTotals(marks: Uint8Array): YearTotals {
  const hit = totalsCache.get(marks);
  if (hit) return hit;
  let possible = 0;
  let absent = 0;
  let unauthorised = 0;
  for (let s = 0; s < marks.length; s++) {
    const k = CATEGORY_OF[marks[s]];
    if (k >= CAT.present && k <= CAT.unauthorised) {
      possible++;
      if (k >= CAT.authorised) absent++;
      if (k === CAT.unauthorised) unauthorised++;
    }
  }
  const t = { possible, absent, unauthorised };
  totalsCache.set(marks, t);
  return t;
}

const rate = (a: number, b: number) => (b > 0 ? a / b : 0);

/**
 * Writes one pupil's features as of school session index `upTo` (exclusive: sessions[0..upTo))
 * into out[offset…]. Returns the facts behind them, or null when the pupil had no possible session.
 */
export function pupilFeatures(
  py: PupilYear,
  prior: PupilYear | undefined,
  sessions: Int32Array,
  upTo: number,
  out: Float32Array,
  offset = 0,
  school?: SchoolProfile,
): PupilFacts | null {
  const m = py.marks;
  const end = Math.min(upTo, sessions.length);
  let possible = 0;
  let absent = 0;
  const byReason = new Float64Array(7);
  let spells = 0;
  let longest = 0;
  let run = 0;
  const w2 = end - 2 * SESSIONS_PER_WEEK;
  const w4 = end - 4 * SESSIONS_PER_WEEK;
  const w6 = end - 6 * SESSIONS_PER_WEEK;
  const w8 = end - 8 * SESSIONS_PER_WEEK;
  let p2 = 0,
    a2 = 0,
    p4 = 0,
    a4 = 0,
    p6 = 0,
    a6 = 0,
    p8 = 0,
    a8 = 0,
    u4 = 0;
  const dayPossible = new Float64Array(5);
  const dayAbsent = new Float64Array(5);
  for (let i = 0; i < end; i++) {
    const slot = sessions[i];
    const id = m[slot];
    const k = CATEGORY_OF[id];
    if (k < CAT.present || k > CAT.unauthorised) continue; // not a possible session: spells run on
    possible++;
    const isAbs = k >= CAT.authorised ? 1 : 0;
    const r = REASON_OF[id];
    if (r === 1) byReason[1]++; // lates, including U
    if (isAbs) {
      absent++;
      if (k === CAT.unauthorised) byReason[0]++;
      if (r >= 2) byReason[r]++;
      if (run === 0) spells++;
      run++;
      if (run > longest) longest = run;
    } else run = 0;
    const wd = (slot >> 1) % 5; // slot / 2 = weekday index; 1 September's weekday is offset below
    dayPossible[wd]++;
    dayAbsent[wd] += isAbs;
    if (i >= w8) {
      p8++;
      a8 += isAbs;
      if (i >= w6) {
        p6++;
        a6 += isAbs;
        if (i >= w4) {
          p4++;
          a4 += isAbs;
          if (k === CAT.unauthorised) u4++;
          if (i >= w2) {
            p2++;
            a2 += isAbs;
          }
        }
      }
    }
  }
  if (possible === 0) return null;
  const o = offset;
  const gone = Math.min(1, end / SESSIONS_PER_YEAR);
  const toDate = absent / possible;
  const remaining = Math.max(SESSIONS_PER_YEAR - end, 0) * Math.min(1, possible / Math.max(end, 1));
  const total = possible + remaining;
  // Unknown recent windows (pupil just joined) fall back to the rate to date.
  const r4 = p4 ? a4 / p4 : toDate;
  const before4 = p8 - p4 > 0 ? (a8 - a4) / (p8 - p4) : r4;
  let peak = 0;
  let peakDay = 0;
  for (let d = 0; d < 5; d++) {
    const dr = rate(dayAbsent[d], dayPossible[d]) - toDate;
    if (dayPossible[d] >= 4 && dr > peak) {
      peak = dr;
      peakDay = d;
    }
  }
  out[o + F.yearGone] = gone;
  out[o + F.absenceToDate] = toDate;
  out[o + F.absenceLast2w] = p2 ? a2 / p2 : toDate;
  out[o + F.absenceLast4w] = r4;
  out[o + F.absenceLast6w] = p6 ? a6 / p6 : toDate;
  out[o + F.trend] = r4 - before4;
  out[o + F.paCushion] =
    remaining > 0 ? clamp((0.1 * total - absent) / remaining, -1, 1) : absent >= 0.1 * total ? -1 : 1;
  out[o + F.saCushion] =
    remaining > 0 ? clamp((0.5 * total - absent) / remaining, -1, 1) : absent >= 0.5 * total ? -1 : 1;
  out[o + F.unauthorisedToDate] = byReason[0] / possible;
  out[o + F.illnessToDate] = byReason[2] / possible;
  out[o + F.holidayToDate] = byReason[4] / possible;
  out[o + F.exclusionToDate] = byReason[5] / possible;
  out[o + F.latesToDate] = byReason[1] / possible;
  out[o + F.spellsPer100] = (100 * spells) / possible / 10;
  out[o + F.meanSpellLength] = spells ? absent / spells / 10 : 0;
  out[o + F.longestSpellShare] = absent ? longest / absent : 0;
  out[o + F.weekdayPeak] = peak;
  out[o + F.unauthLast4w] = p4 ? u4 / p4 : 0;
  out[o + F.onRollShare] = end ? possible / end : 0;
  if (prior) {
    const t = yearTotals(prior.marks);
    out[o + F.priorAbsence] = rate(t.absent, t.possible);
    out[o + F.priorUnauthorised] = rate(t.unauthorised, t.possible);
    out[o + F.hasPrior] = t.possible > 0 ? 1 : 0;
  } else {
    out[o + F.priorAbsence] = 0;
    out[o + F.priorUnauthorised] = 0;
    out[o + F.hasPrior] = 0;
  }
  out[o + F.yearGroup] = yearGroupValue(py.yearGroup);
  const profile = school ?? schoolProfile([py], sessions);
  out[o + F.schoolToDate] = schoolRate(profile, 0, end);
  out[o + F.schoolLast4w] = schoolRate(profile, end - 4 * SESSIONS_PER_WEEK, end);
  out[o + F.relativeToDate] = logRatio(toDate, out[o + F.schoolToDate]);
  out[o + F.relativeLast4w] = logRatio(r4, out[o + F.schoolLast4w]);

  // The worst weekday over its last 8 occurrences, counted in days with any absence.
  let wdDays = 0;
  let wdAbsentDays = 0;
  for (let i = end - 1; i >= 0 && wdDays < 8; i--) {
    const slot = sessions[i];
    if ((slot >> 1) % 5 !== peakDay || (slot & 1) === 1) continue; // visit each day once, at AM
    const am = CATEGORY_OF[m[slot]];
    const pm = CATEGORY_OF[m[slot + 1]];
    const poss =
      (am >= CAT.present && am <= CAT.unauthorised) || (pm >= CAT.present && pm <= CAT.unauthorised);
    if (!poss) continue;
    wdDays++;
    if (am === CAT.authorised || am === CAT.unauthorised || pm === CAT.authorised || pm === CAT.unauthorised)
      wdAbsentDays++;
  }
  return {
    possible,
    absent,
    absencePrev4w: before4,
    spells,
    worstWeekday: peakDay,
    worstWeekdayAbsent: wdAbsentDays,
    worstWeekdayOf: wdDays,
    unauthorised: byReason[0],
    illness: byReason[2],
    holiday: byReason[4],
    lates: byReason[1],
  };
}

/** log((a + ε) / (b + ε)); ε (half a percent) keeps a pupil with no absence yet finite. */
function logRatio(a: number, b: number): number {
  return Math.log((a + 0.005) / (b + 0.005));
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
