/**
 * Attendance figures as an attendance officer reads them: rates over the pupil's own possible
 * sessions, persistent (>= 10%) and severe (>= 50%) absence, spells, the penalty-notice count, and
 * the PA runway (how many more sessions a pupil can miss this year and still end below 10%).
 * Thresholds are compared in whole numbers (absent * 10 >= possible) so exactly 10% is PA with no
 * floating-point doubt.
 */
import { CAT, CATEGORY_OF } from './codes';
import { slotEndOfDate, slotOf, yearSlots, type PupilYear } from './register';
import { schoolWeeks, type Period, type SchoolCalendar } from './calendar';
import { addTally, emptyTally, tallyMarks, type Tally } from './tally';

/** The figures shared by a pupil, a period and a set of summary totals. */
export interface CoreMetrics {
  tally: Tally;
  /** 0–100; null when there were no possible sessions. */
  attendancePct: number | null;
  absencePct: number | null;
  pa: boolean;
  sa: boolean;
}

export interface SpellMetrics extends CoreMetrics {
  /** Separate runs of absence; not-possible or unmarked sessions do not end a run, attendance does. */
  spells: number;
  /** Sessions in the longest run. */
  longestSpell: number;
}

export interface Runway {
  /** Open sessions left in the year after the as-of date (to the leaving date for leavers). */
  remainingSessions: number;
  /** More sessions the pupil can miss and still end the year below 10% absence. */
  canMiss: number;
  /** Even full attendance from now cannot bring year-end absence below 10%. */
  paUnavoidable: boolean;
}

export interface PupilMetrics extends SpellMetrics {
  pupilId: string;
  asOf: string;
  /** Unauthorised absence sessions in the last 10 school weeks up to as-of (penalty threshold 10). */
  unauthorisedLast10Weeks: number;
  /** Unmarked sessions on days the school was open, while the pupil was on roll. */
  missingOnOpenDays: number;
  runway: Runway;
}

// Local copies: hot loops below should not reach through module imports for constants.
const { present: PRESENT, aea: AEA, authorised: AUTHORISED, unauthorised: UNAUTHORISED } = CAT;

export const PA_THRESHOLD_PCT = 10;
export const SA_THRESHOLD_PCT = 50;
export const PENALTY_UNAUTHORISED_SESSIONS = 10;
export const PENALTY_WEEKS = 10;

/**
 * THE persistent-absence rule, used by every screen, the model's bands and the headless scorer: absent for
 * at least 10% of the pupil's own possible sessions, compared in whole numbers so exactly 10% is PA.
 * No minimum number of sessions: a pupil absent 1 of 6 sessions is PA, as the DfE counts it.
 */
export function isPersistentlyAbsent(absent: number, possible: number): boolean {
  return possible > 0 && absent * 100 >= PA_THRESHOLD_PCT * possible;
}

/** Severe absence: at least 50% of possible sessions, in whole numbers (SA pupils are also PA). */
export function isSeverelyAbsent(absent: number, possible: number): boolean {
  return possible > 0 && absent * 100 >= SA_THRESHOLD_PCT * possible;
}

export function coreFromTally(tally: Tally): CoreMetrics {
  const p = tally.possible;
  return {
    tally,
    attendancePct: p > 0 ? (100 * tally.attended) / p : null,
    absencePct: p > 0 ? (100 * tally.absent) / p : null,
    pa: isPersistentlyAbsent(tally.absent, p),
    sa: isSeverelyAbsent(tally.absent, p),
  };
}

/**
 * The part of slots [from, to) when the pupil was on roll: from the admission date, up to and
 * including the leaving date.
 */
export function onRollRange(py: PupilYear, from: number, to: number): [number, number] {
  const year = yearSlots(py.startYear);
  if (py.admissionDate) {
    const a = slotOf(year, py.admissionDate, 'AM');
    // A weekend admission date starts on the next weekday: the end of the previous weekday.
    from = Math.max(
      from,
      a >= 0 ? a : py.admissionDate < year.days[0] ? 0 : slotEndOfDate(year, py.admissionDate),
    );
  }
  if (py.leavingDate) to = Math.min(to, slotEndOfDate(year, py.leavingDate));
  return [from, Math.max(from, to)];
}

/** Counts absence spells in [from, to). */
export function absenceSpells(
  marks: Uint8Array,
  from: number,
  to: number,
): { spells: number; longestSpell: number } {
  const cat = CATEGORY_OF;
  let spells = 0;
  let longest = 0;
  let run = 0;
  for (let i = from; i < to; i++) {
    const k = cat[marks[i]];
    if (k === AUTHORISED || k === UNAUTHORISED) {
      if (run === 0) spells++;
      run++;
      if (run > longest) longest = run;
    } else if (k === PRESENT || k === AEA) run = 0;
  }
  return { spells, longestSpell: longest };
}

function spellMetrics(marks: Uint8Array, from: number, to: number): SpellMetrics {
  // Built as one literal (not spreads) so every result shares one shape: cheaper over 50,000 pupils.
  const c = coreFromTally(tallyMarks(marks, from, to));
  const s = absenceSpells(marks, from, to);
  return {
    tally: c.tally,
    attendancePct: c.attendancePct,
    absencePct: c.absencePct,
    pa: c.pa,
    sa: c.sa,
    spells: s.spells,
    longestSpell: s.longestSpell,
  };
}

/** Figures within one period (a term or half term), over the pupil's time on roll in it. */
export function metricsForPeriod(py: PupilYear, period: Period): SpellMetrics {
  const [from, to] = onRollRange(py, period.startSlot, period.endSlot);
  return spellMetrics(py.marks, from, to);
}

/** Figures for each half term (or term) of the calendar. */
export function periodMetrics(
  py: PupilYear,
  cal: SchoolCalendar,
  level: 'halfTerm' | 'term' = 'halfTerm',
): { period: Period; metrics: SpellMetrics }[] {
  return (level === 'term' ? cal.terms : cal.halfTerms).map((period) => ({
    period,
    metrics: metricsForPeriod(py, period),
  }));
}

/** How many more sessions can be missed with year-end absence still below 10%. */
export function paRunway(possible: number, absent: number, remaining: number): Runway {
  const total = possible + remaining;
  // Largest m with 100 * (absent + m) < PA_THRESHOLD_PCT * total.
  const slack = PA_THRESHOLD_PCT * total - 100 * absent;
  return {
    remainingSessions: remaining,
    canMiss: slack > 0 ? Math.min(remaining, Math.floor((slack - 1) / 100)) : 0,
    paUnavoidable: total > 0 && slack <= 0,
  };
}

interface CalendarIndex {
  /** openBefore[s] = open sessions in slots [0, s). */
  openBefore: Int32Array;
}
const indexCache = new WeakMap<SchoolCalendar, CalendarIndex>();
function calendarIndex(cal: SchoolCalendar): CalendarIndex {
  let idx = indexCache.get(cal);
  if (!idx) {
    const openBefore = new Int32Array(cal.openSession.length + 1);
    for (let i = 0; i < cal.openSession.length; i++) openBefore[i + 1] = openBefore[i] + cal.openSession[i];
    idx = { openBefore };
    indexCache.set(cal, idx);
  }
  return idx;
}

/** Slot where the last 10 school weeks up to `asOfEnd` (exclusive slot) begin. */
function last10WeeksStart(cal: SchoolCalendar, asOfEnd: number): number {
  const weeks = schoolWeeks(cal);
  let i = weeks.length - 1;
  while (i >= 0 && weeks[i].startSlot >= asOfEnd) i--;
  if (i < 0) return asOfEnd;
  return weeks[Math.max(0, i - (PENALTY_WEEKS - 1))].startSlot;
}

/** A pupil's figures for the year to date, `asOf` included. */
export function pupilMetrics(py: PupilYear, cal: SchoolCalendar, asOf: string): PupilMetrics {
  const year = yearSlots(py.startYear);
  const asOfEnd = asOf < year.days[0] ? 0 : slotEndOfDate(year, asOf);
  const [from, to] = onRollRange(py, 0, asOfEnd);
  const m = spellMetrics(py.marks, from, to);

  const cat = CATEGORY_OF;
  const marks = py.marks;
  const open = cal.openSession;
  let unauth10 = 0;
  for (let i = Math.max(from, last10WeeksStart(cal, asOfEnd)); i < to; i++) {
    if (cat[marks[i]] === UNAUTHORISED) unauth10++;
  }
  let missing = 0;
  for (let i = from; i < to; i++) if (marks[i] === 0 && open[i]) missing++;

  const { openBefore } = calendarIndex(cal);
  // Future sessions: after as-of, on roll (a leaver has none after leaving; a future joiner starts later).
  const [rFrom, rTo] = onRollRange(py, asOfEnd, year.slotCount);
  const remaining = openBefore[rTo] - openBefore[rFrom];
  return {
    tally: m.tally,
    attendancePct: m.attendancePct,
    absencePct: m.absencePct,
    pa: m.pa,
    sa: m.sa,
    spells: m.spells,
    longestSpell: m.longestSpell,
    pupilId: py.pupilId,
    asOf,
    unauthorisedLast10Weeks: unauth10,
    missingOnOpenDays: missing,
    runway: paRunway(m.tally.possible, m.tally.absent, remaining),
  };
}

export interface GroupMetrics extends Omit<CoreMetrics, 'pa' | 'sa'> {
  pupils: number;
  /** Pupils with at least one possible session: the denominator of the PA and SA rates. */
  pupilsWithSessions: number;
  paCount: number;
  /** 0–100, null when no pupil had a possible session. */
  paRate: number | null;
  saCount: number;
  saRate: number | null;
}

/** Pools a group's figures from per-pupil core metrics. */
export function poolMetrics(items: Iterable<CoreMetrics>): GroupMetrics {
  const tally = emptyTally();
  let pupils = 0;
  let withSessions = 0;
  let pa = 0;
  let sa = 0;
  for (const m of items) {
    pupils++;
    addTally(tally, m.tally);
    if (m.tally.possible > 0) withSessions++;
    if (m.pa) pa++;
    if (m.sa) sa++;
  }
  const core = coreFromTally(tally);
  return {
    tally,
    attendancePct: core.attendancePct,
    absencePct: core.absencePct,
    pupils,
    pupilsWithSessions: withSessions,
    paCount: pa,
    paRate: withSessions > 0 ? (100 * pa) / withSessions : null,
    saCount: sa,
    saRate: withSessions > 0 ? (100 * sa) / withSessions : null,
  };
}

/** Pooled figures for a group of pupils, year to date. */
export function groupMetrics(pys: Iterable<PupilYear>, cal: SchoolCalendar, asOf: string): GroupMetrics {
  const year = yearSlots(cal.startYear);
  const asOfEnd = asOf < year.days[0] ? 0 : slotEndOfDate(year, asOf);
  function* cores() {
    for (const py of pys) {
      const [from, to] = onRollRange(py, 0, asOfEnd);
      yield coreFromTally(tallyMarks(py.marks, from, to));
    }
  }
  return poolMetrics(cores());
}
