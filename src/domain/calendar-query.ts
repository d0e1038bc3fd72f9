/**
 * Questions asked of a school calendar: which half term a date is in, which weeks were school
 * weeks, how many sessions lie between two dates.
 */
import { epochDay, weekdayOf, yearSlots, type YearSlots } from './register';
import type { Period, SchoolCalendar } from './calendar';

/** Weekday index of a date, or of the next weekday when it falls at a weekend. */
export function dayOnOrAfter(year: YearSlots, iso: string): number {
  let off = epochDay(iso) - year.firstDay;
  if (off < 0) return 0;
  while (off < year.dayIndexByOffset.length && year.dayIndexByOffset[off] < 0) off++;
  return off >= year.dayIndexByOffset.length ? year.days.length : year.dayIndexByOffset[off];
}

/** Weekday index of a date, or of the previous weekday when it falls at a weekend. */
export function dayOnOrBefore(year: YearSlots, iso: string): number {
  let off = Math.min(epochDay(iso) - year.firstDay, year.dayIndexByOffset.length - 1);
  while (off >= 0 && year.dayIndexByOffset[off] < 0) off--;
  return off < 0 ? -1 : year.dayIndexByOffset[off];
}

/** The half term containing a date, if the date is in term. */
export function periodContaining(cal: SchoolCalendar, iso: string): Period | undefined {
  const di = dayOnOrBefore(yearSlots(cal.startYear), iso);
  if (di < 0) return undefined;
  const day = yearSlots(cal.startYear).days[di];
  if (day !== iso) return undefined; // weekends are in no period
  return cal.halfTerms.find((p) => di * 2 >= p.startSlot && di * 2 < p.endSlot);
}

export interface SchoolWeek {
  startSlot: number;
  /** Exclusive. */
  endSlot: number;
  /** ISO date of the week's Monday (may fall in August for the first week). */
  monday: string;
}

const weeksCache = new WeakMap<SchoolCalendar, SchoolWeek[]>();

/** Weeks with at least one open day, in order. */
export function schoolWeeks(cal: SchoolCalendar): SchoolWeek[] {
  const hit = weeksCache.get(cal);
  if (hit) return hit;
  const year = yearSlots(cal.startYear);
  const weeks: SchoolWeek[] = [];
  const n = year.days.length;
  for (let di = 0; di < n;) {
    const monday = year.epochDays[di] - weekdayOf(year.epochDays[di]);
    let end = di;
    let open = 0;
    while (end < n && year.epochDays[end] < monday + 7) open |= cal.openDay[end++];
    if (open) weeks.push({ startSlot: di * 2, endSlot: end * 2, monday: isoOf(monday) });
    di = end;
  }
  weeksCache.set(cal, weeks);
  return weeks;
}

const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Open sessions in slots [from, to). */
export function openSessionsIn(cal: SchoolCalendar, from: number, to: number): number {
  let s = 0;
  const end = Math.min(to, cal.openSession.length);
  for (let i = Math.max(0, from); i < end; i++) s += cal.openSession[i];
  return s;
}

/** Open sessions between two dates, both included. */
export function sessionsBetween(cal: SchoolCalendar, fromIso: string, toIso: string): number {
  const year = yearSlots(cal.startYear);
  const from = dayOnOrAfter(year, fromIso);
  const to = dayOnOrBefore(year, toIso);
  return to < from ? 0 : openSessionsIn(cal, from * 2, to * 2 + 2);
}
