/**
 * A plausible England school calendar for one school year: three terms with half terms,
 * Easter where it falls, bank holidays, INSET days, and 190 pupil days (380 sessions).
 * Real term dates differ by local authority; these follow the common pattern.
 */
import { epochDay, isoFromEpochDay, weekdayOf, yearSlots } from '../domain/register';
import { easterSunday } from '../domain/standard-year';

export { easterSunday };

export type TermName = 'autumn' | 'spring' | 'summer';

export interface SimTerm {
  name: TermName;
  /** First and last weekday of the term (ISO dates), INSET days included. */
  start: string;
  end: string;
  /** The half-term holiday week inside the term. */
  halfTermStart: string;
  halfTermEnd: string;
}

/** What kind of day a slot falls on. */
export const DAY = { noSchool: 0, open: 1, inset: 2, closed: 3 } as const;

export interface SimCalendar {
  startYear: number;
  terms: SimTerm[];
  /** Planned closures for staff training, marked '#'. */
  insetDays: string[];
  /** Unexpected whole-site closures (variant 'closure-week'), marked Y4. */
  closureDays: string[];
  /** Per slot: DAY.noSchool (holidays, bank holidays), open, inset or closed. */
  dayKind: Uint8Array;
  /** Per slot: term index 0–2 while the school is in term, else -1. */
  termOfSlot: Int8Array;
  /** Sessions the school was open for pupils (the 380 target). */
  openSessions: number;
}

const PUPIL_DAYS = 190;

const ymd = (y: number, m: number, d: number) =>
  epochDay(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
/** First day on or after `day` with the given weekday (0 = Monday). */
const onOrAfter = (day: number, weekday: number) => day + ((weekday - weekdayOf(day) + 7) % 7);
const onOrBefore = (day: number, weekday: number) => day - ((weekdayOf(day) - weekday + 7) % 7);
const MON = 0;
const FRI = 4;

export interface CalendarOptions {
  /** Mark the school closed (Y4) for one week of the spring term. */
  closureWeek?: boolean;
}

export function schoolCalendar(startYear: number, opts: CalendarOptions = {}): SimCalendar {
  const y1 = startYear + 1;
  // Autumn: starts the first weekday from 2 September (a Friday start moves to Monday).
  let autumnStart = ymd(startYear, 9, 2);
  if (weekdayOf(autumnStart) >= FRI) autumnStart = onOrAfter(autumnStart, MON);
  const octHalf = onOrAfter(ymd(startYear, 10, 21), MON);
  const autumnEnd = onOrAfter(ymd(startYear, 12, 16), FRI);
  // Spring: from 3 January; a Thursday/Friday/weekend start moves to the next Monday.
  let springStart = ymd(y1, 1, 3);
  if (weekdayOf(springStart) >= 3) springStart = onOrAfter(springStart, MON);
  const febHalf = onOrAfter(ymd(y1, 2, 12), MON);
  const easter = easterSunday(y1);
  const springEnd = easter - 9; // the Friday before Holy Week
  const summerStart = easter + 8; // the Monday after Easter week
  const earlyMayBank = onOrAfter(ymd(y1, 5, 1), MON);
  const mayHalf = onOrBefore(ymd(y1, 5, 31), MON);

  const holidays = new Set<number>([earlyMayBank]);
  for (const mon of [octHalf, febHalf, mayHalf]) for (let i = 0; i < 5; i++) holidays.add(mon + i);
  // Four of the five INSET days are written as '#'; the fifth is simply a day off.
  const inset = new Set<number>([autumnStart, octHalf - 3, springStart, summerStart]);
  const closed = new Set<number>();
  if (opts.closureWeek) {
    const mon = onOrAfter(springStart + 14, MON);
    for (let i = 0; i < 5; i++) closed.add(mon + i);
  }

  // Summer ends once the year has 190 pupil days (a Friday-ish date in late July).
  const ranges: [number, number][] = [
    [autumnStart, autumnEnd],
    [springStart, springEnd],
  ];
  let pupilDays = 0;
  const isSchoolDay = (d: number) => weekdayOf(d) < 5 && !holidays.has(d);
  for (const [a, b] of ranges) for (let d = a; d <= b; d++) if (isSchoolDay(d) && !inset.has(d)) pupilDays++;
  const latestEnd = ymd(y1, 7, 24);
  let summerEnd = summerStart;
  for (let d = summerStart; d <= latestEnd; d++) {
    if (!isSchoolDay(d)) continue;
    summerEnd = d;
    if (inset.has(d)) continue;
    if (++pupilDays >= PUPIL_DAYS) break;
  }
  ranges.push([summerStart, summerEnd]);

  const slots = yearSlots(startYear);
  const dayKind = new Uint8Array(slots.slotCount);
  const termOfSlot = new Int8Array(slots.slotCount).fill(-1);
  let openSessions = 0;
  ranges.forEach(([a, b], term) => {
    for (let d = a; d <= b; d++) {
      const di = slots.dayIndexByOffset[d - slots.firstDay];
      if (di < 0 || holidays.has(d)) continue;
      const kind = inset.has(d) ? DAY.inset : closed.has(d) ? DAY.closed : DAY.open;
      for (const s of [di * 2, di * 2 + 1]) {
        dayKind[s] = kind;
        termOfSlot[s] = term;
        if (kind === DAY.open) openSessions++;
      }
    }
  });

  const iso = isoFromEpochDay;
  const names: TermName[] = ['autumn', 'spring', 'summer'];
  const halves = [octHalf, febHalf, mayHalf];
  return {
    startYear,
    terms: ranges.map(([a, b], i) => ({
      name: names[i],
      start: iso(a),
      end: iso(b),
      halfTermStart: iso(halves[i]),
      halfTermEnd: iso(halves[i] + 4),
    })),
    insetDays: [...inset].sort((a, b) => a - b).map(iso),
    closureDays: [...closed].sort((a, b) => a - b).map(iso),
    dayKind,
    termOfSlot,
    openSessions,
  };
}

/** Open slots (pupil sessions) in order: the simulator's inner loops walk these only. */
export function openSlots(cal: SimCalendar): Int32Array {
  const out: number[] = [];
  for (let s = 0; s < cal.dayKind.length; s++) if (cal.dayKind[s] === DAY.open) out.push(s);
  return Int32Array.from(out);
}
