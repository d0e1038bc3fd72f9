/**
 * A typical England school year, used only where the registers cannot tell us (dates after the last
 * mark, or before the first): term starts early September, half-term weeks at the end of October,
 * mid-February and end of May, two weeks at Christmas and Easter, 5 INSET days, and a summer term
 * that ends when 190 open days (the legal 380 sessions) are reached — about 20 July.
 * Local authorities differ by a week or so; the user can correct any half term.
 */
import { epochDay, weekdayOf, yearSlots } from './register';

export type BreakName = 'October half term' | 'Christmas' | 'February half term' | 'Easter' | 'May half term';

/** A holiday between two half terms, as weekday indices of the school year (inclusive). */
export interface Break {
  name: BreakName;
  startDay: number;
  endDay: number;
}

export interface StandardYear {
  startYear: number;
  /** Weekday index of the first and last day of term. */
  termStart: number;
  termEnd: number;
  /** The five breaks in date order. */
  breaks: Break[];
  /** Weekday indices the pattern treats as closed inside term (INSET days). */
  insetDays: number[];
  /** Weekday indices of England bank holidays in this school year. */
  bankHolidays: Set<number>;
  /** Open days in the pattern (190 unless the year is unusual). */
  openDays: number;
}

/** Easter Sunday (Gregorian, anonymous algorithm) as an epoch day. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return epochDay(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const ymd = (y: number, m: number, d: number) =>
  epochDay(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
/** The Monday on or before an epoch day. */
const mondayOnOrBefore = (d: number) => d - weekdayOf(d);
/** The Monday on or after an epoch day. */
const mondayOnOrAfter = (d: number) => d + ((7 - weekdayOf(d)) % 7);

/** England bank holidays falling in the school year starting 1 September of startYear, as epoch days. */
export function bankHolidayDays(startYear: number): number[] {
  const y2 = startYear + 1;
  const taken = new Set<number>();
  // Christmas, Boxing Day and New Year move to the next free weekday when they fall at a weekend.
  const substitute = (d: number) => {
    while (weekdayOf(d) >= 5 || taken.has(d)) d++;
    taken.add(d);
  };
  substitute(ymd(startYear, 12, 25));
  substitute(ymd(startYear, 12, 26));
  substitute(ymd(y2, 1, 1));
  const easter = easterSunday(y2);
  taken.add(easter - 2); // Good Friday
  taken.add(easter + 1); // Easter Monday
  taken.add(mondayOnOrAfter(ymd(y2, 5, 1))); // early May
  taken.add(mondayOnOrBefore(ymd(y2, 5, 31))); // spring
  taken.add(mondayOnOrBefore(ymd(y2, 8, 31))); // summer
  return [...taken].sort((a, b) => a - b);
}

const cache = new Map<number, StandardYear>();

export function standardYear(startYear: number): StandardYear {
  const hit = cache.get(startYear);
  if (hit) return hit;
  const year = yearSlots(startYear);
  const idx = (d: number) => year.dayIndexByOffset[d - year.firstDay];
  const y2 = startYear + 1;

  let start = ymd(startYear, 9, 2);
  while (weekdayOf(start) >= 5) start++;
  if (weekdayOf(start) === 4) start += 3; // few schools start on a Friday
  const octMon = mondayOnOrBefore(ymd(startYear, 10, 28));
  const springStart = mondayOnOrAfter(ymd(y2, 1, 4));
  const febMon = mondayOnOrAfter(ymd(y2, 2, 12));
  const easter = easterSunday(y2);
  const mayMon = mondayOnOrBefore(ymd(y2, 5, 31));
  const breaks: Break[] = [
    { name: 'October half term', startDay: idx(octMon), endDay: idx(octMon + 4) },
    { name: 'Christmas', startDay: idx(springStart - 14), endDay: idx(springStart - 3) },
    { name: 'February half term', startDay: idx(febMon), endDay: idx(febMon + 4) },
    { name: 'Easter', startDay: idx(easter - 6), endDay: idx(easter + 5) },
    { name: 'May half term', startDay: idx(mayMon), endDay: idx(mayMon + 4) },
  ];
  const termStart = idx(start);
  const insetDays = [
    termStart,
    termStart + 1,
    breaks[0].endDay + 1,
    breaks[1].endDay + 1,
    breaks[4].endDay + 1,
  ];
  const bankHolidays = new Set(
    bankHolidayDays(startYear)
      .map((d) => d - year.firstDay)
      .filter((o) => o >= 0 && o < year.dayIndexByOffset.length)
      .map((o) => year.dayIndexByOffset[o]),
  );
  const inBreak = (di: number) => breaks.some((b) => di >= b.startDay && di <= b.endDay);
  const inset = new Set(insetDays);
  let open = 0;
  let termEnd = termStart;
  const lastJuly = idx(mondayOnOrBefore(ymd(y2, 7, 31)) + 4) ?? year.days.length - 1;
  for (let di = termStart; di <= lastJuly; di++) {
    if (inBreak(di) || inset.has(di) || bankHolidays.has(di)) continue;
    open++;
    termEnd = di;
    if (open === 190) break;
  }
  const sy: StandardYear = { startYear, termStart, termEnd, breaks, insetDays, bankHolidays, openDays: open };
  cache.set(startYear, sy);
  return sy;
}
