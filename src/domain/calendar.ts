/**
 * The school calendar, inferred from the registers themselves: which days were open, where the
 * holidays fell, and the six half terms. Dates the registers do not cover (the rest of the year
 * after the latest import, or before the first) follow a typical England year (standard-year.ts)
 * and are flagged `assumed`, so remaining sessions and year-end projections are always defined.
 */
import { CAT, CATEGORY_OF, markId } from './codes';
import { yearSlots, type YearSlots } from './register';
import { standardYear, type Break } from './standard-year';
import { dayOnOrAfter, dayOnOrBefore } from './calendar-query';

export * from './calendar-query';

export type TermName = 'Autumn' | 'Spring' | 'Summer';
export type HalfTermName = 'Autumn 1' | 'Autumn 2' | 'Spring 1' | 'Spring 2' | 'Summer 1' | 'Summer 2';
export const HALF_TERM_NAMES: readonly HalfTermName[] = [
  'Autumn 1',
  'Autumn 2',
  'Spring 1',
  'Spring 2',
  'Summer 1',
  'Summer 2',
];

export interface Period {
  name: string;
  term: TermName;
  /** First and last weekday of the period (inclusive), ISO dates. */
  startDate: string;
  endDate: string;
  startSlot: number;
  /** Exclusive. */
  endSlot: number;
  /** True when any part of the period comes from the typical pattern or lies outside the data. */
  assumed: boolean;
}
export type Term = Period;

export interface CalendarOverrides {
  /** The user's own half-term dates (inclusive), replacing the inferred ones. */
  halfTerms?: Partial<Record<HalfTermName, { startDate: string; endDate: string }>>;
}

export interface SchoolCalendar {
  startYear: number;
  /** Per weekday index: 1 when the school was (or is expected to be) open for at least one session. */
  openDay: Uint8Array;
  /** Per slot: 1 when that session is (expected to be) a possible session for pupils on roll. */
  openSession: Uint8Array;
  /** Per weekday index: 1 for a planned whole-school closure (# marks, no session open). */
  closureDay: Uint8Array;
  terms: Term[];
  halfTerms: Period[];
  /** Open sessions in the whole year: observed where there is data, assumed elsewhere. */
  plannedSessions: number;
  firstMarkedDay: string | null;
  lastMarkedDay: string | null;
  source: 'inferred' | 'user';
}

const CLOSURE = markId('#');
/** Data starting this early in September is taken to be the real start of term. */
const START_KNOWN_BEFORE = '-09-22';
/** Data reaching this far into July is taken to be a complete year. */
const END_KNOWN_FROM = '-07-15';
/** How far (days) a holiday's middle may be from the typical one and still be that holiday. */
const TOLERANCE: Record<Break['name'], number> = {
  'October half term': 18,
  Christmas: 21,
  'February half term': 18,
  Easter: 28,
  'May half term': 18,
};

interface Gap {
  start: number;
  end: number;
}

/** Runs of weekdays with no mark at all, strictly between marked days. */
function gapsBetween(marked: Uint8Array, first: number, last: number): Gap[] {
  const gaps: Gap[] = [];
  for (let di = first; di <= last; di++) {
    if (marked[di]) continue;
    const start = di;
    while (di <= last && !marked[di]) di++;
    gaps.push({ start, end: di - 1 });
  }
  return gaps;
}

export function inferCalendar(
  startYear: number,
  registers: Iterable<Uint8Array>,
  overrides?: CalendarOverrides,
): SchoolCalendar {
  const year = yearSlots(startYear);
  const n = year.days.length;
  const openSession = new Uint8Array(n * 2);
  const marked = new Uint8Array(n);
  const hasClosure = new Uint8Array(n);
  const cat = CATEGORY_OF;
  const [lo, hi, closure] = [CAT.present, CAT.unauthorised, CLOSURE];
  for (const marks of registers) {
    const len = Math.min(marks.length, n * 2);
    for (let i = 0; i < len; i++) {
      const id = marks[i];
      if (id === 0) continue;
      marked[i >> 1] = 1;
      const k = cat[id];
      if (k >= lo && k <= hi) openSession[i] = 1;
      else if (id === closure) hasClosure[i >> 1] = 1;
    }
  }
  let first = -1;
  let last = -1;
  for (let di = 0; di < n; di++) {
    if (!marked[di]) continue;
    if (first < 0) first = di;
    last = di;
  }
  const std = standardYear(startYear);
  // The range of days the registers speak for; outside it, the pattern is assumed.
  const knownFrom = first < 0 ? n : year.days[first] < `${startYear}${START_KNOWN_BEFORE}` ? 0 : first;
  const knownTo = last < 0 ? -1 : year.days[last] >= `${startYear + 1}${END_KNOWN_FROM}` ? n - 1 : last;

  const breaks = placeBreaks(year, std.breaks, marked, first, last, knownFrom, knownTo);
  const termStart = knownFrom === 0 ? first : std.termStart;
  const termEnd = knownTo === n - 1 ? last : Math.max(std.termEnd, last);
  const bounds: { start: number; end: number; assumed: boolean }[] = [];
  for (let h = 0; h < 6; h++) {
    const start = h === 0 ? termStart : breaks[h - 1].end + 1;
    const end = h === 5 ? termEnd : breaks[h].start - 1;
    const boundaryAssumed =
      (h === 0 && knownFrom !== 0) ||
      (h === 5 && knownTo !== n - 1) ||
      (h > 0 && breaks[h - 1].assumed) ||
      (h < 5 && breaks[h].assumed);
    bounds.push({ start, end, assumed: boundaryAssumed || start < knownFrom || end > knownTo });
  }
  let source: SchoolCalendar['source'] = 'inferred';
  for (const [h, name] of HALF_TERM_NAMES.entries()) {
    const o = overrides?.halfTerms?.[name];
    if (!o || o.endDate < o.startDate) continue;
    bounds[h] = {
      start: dayOnOrAfter(year, o.startDate),
      end: dayOnOrBefore(year, o.endDate),
      assumed: false,
    };
    source = 'user';
  }

  // Days outside the data: open when inside a half term and not a bank holiday or pattern INSET day.
  const inset = new Set(std.insetDays);
  for (const b of bounds) {
    for (let di = Math.max(0, b.start); di <= b.end && di < n; di++) {
      if (di >= knownFrom && di <= knownTo) continue;
      if (std.bankHolidays.has(di) || inset.has(di)) continue;
      openSession[di * 2] = 1;
      openSession[di * 2 + 1] = 1;
    }
  }
  const openDay = new Uint8Array(n);
  const closureDay = new Uint8Array(n);
  let planned = 0;
  for (let di = 0; di < n; di++) {
    openDay[di] = openSession[di * 2] | openSession[di * 2 + 1];
    closureDay[di] = hasClosure[di] && !openDay[di] ? 1 : 0;
    planned += openSession[di * 2] + openSession[di * 2 + 1];
  }

  const period = (name: string, term: TermName, start: number, end: number, assumed: boolean): Period => ({
    name,
    term,
    startDate: year.days[start],
    endDate: year.days[end],
    startSlot: start * 2,
    endSlot: end * 2 + 2,
    assumed,
  });
  const termOf = (h: number): TermName => (h < 2 ? 'Autumn' : h < 4 ? 'Spring' : 'Summer');
  const halfTerms = bounds.map((b, h) => period(HALF_TERM_NAMES[h], termOf(h), b.start, b.end, b.assumed));
  const terms = [0, 2, 4].map((h) =>
    period(
      termOf(h),
      termOf(h),
      bounds[h].start,
      bounds[h + 1].end,
      bounds[h].assumed || bounds[h + 1].assumed,
    ),
  );
  return {
    startYear,
    openDay,
    openSession,
    closureDay,
    terms,
    halfTerms,
    plannedSessions: planned,
    firstMarkedDay: first < 0 ? null : year.days[first],
    lastMarkedDay: last < 0 ? null : year.days[last],
    source,
  };
}

interface PlacedBreak {
  start: number;
  /** May be start - 1 when an assumed break had to shrink to nothing around observed school days. */
  end: number;
  assumed: boolean;
}

/**
 * Matches the holidays seen in the data to the five expected breaks. A gap of 5+ weekdays is a
 * holiday; a gap of 3–4 weekdays only counts near the October, February or May half-term weeks
 * (otherwise it is INSET days or a bank holiday inside term). Unmatched breaks fall back to the
 * pattern, trimmed so they never cover a day with marks.
 */
function placeBreaks(
  year: YearSlots,
  expected: Break[],
  marked: Uint8Array,
  first: number,
  last: number,
  knownFrom: number,
  knownTo: number,
): PlacedBreak[] {
  const ep = year.epochDays;
  const mid = (s: number, e: number) => (ep[s] + ep[e]) / 2;
  const gaps = first < 0 ? [] : gapsBetween(marked, first, last);
  const used = new Set<Gap>();
  return expected.map((b) => {
    const shortOk = b.name !== 'Christmas' && b.name !== 'Easter';
    let best: Gap | undefined;
    for (const g of gaps) {
      if (used.has(g)) continue;
      const len = g.end - g.start + 1;
      if (len < 3 || (len < 5 && !shortOk)) continue;
      if (Math.abs(mid(g.start, g.end) - mid(b.startDay, b.endDay)) > TOLERANCE[b.name]) continue;
      if (len < 5 && (ep[g.start] < ep[b.startDay] - 7 || ep[g.end] > ep[b.endDay] + 7)) continue;
      if (!best || len > best.end - best.start) best = g;
    }
    if (best) {
      used.add(best);
      return { start: best.start, end: best.end, assumed: false };
    }
    let { startDay: start, endDay: end } = b;
    // Never let an assumed holiday swallow days the registers show as school days.
    while (start <= end && start >= knownFrom && start <= knownTo && marked[start]) start++;
    while (end >= start && end >= knownFrom && end <= knownTo && marked[end]) end--;
    return { start, end, assumed: true };
  });
}
