/**
 * The compact register shared by store, metrics, model and views.
 *
 * A school year runs 1 September to 31 August. Every weekday (Mon–Fri) of that year has two slots,
 * AM then PM, whether or not the school was open: slot = weekdayIndex * 2 + (PM ? 1 : 0).
 * Fixed slots mean a partial re-import never shifts earlier marks, and every pupil's marks line up.
 * A pupil's year is one Uint8Array of mark ids (codes.ts); 0 = no mark (holiday, not on roll, not recorded).
 */

export type Session = 'AM' | 'PM';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date (yyyy-mm-dd), in UTC so clocks and time zones never matter. */
export function epochDay(iso: string): number {
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  const d = +iso.slice(8, 10);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function isoFromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: number): number {
  return (day + 3) % 7; // 1970-01-01 was a Thursday
}

/** The school year (its starting calendar year) a date belongs to: 2024 for 2024-09-01 … 2025-08-31. */
export function schoolYearOf(iso: string): number {
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  return m >= 9 ? y : y - 1;
}

export function schoolYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export interface YearSlots {
  startYear: number;
  /** Epoch day of 1 September. */
  firstDay: number;
  /** ISO dates of every weekday in the year, in order; index = weekday index. */
  days: readonly string[];
  /** Epoch day of each weekday index. */
  epochDays: Int32Array;
  /** Number of slots: days.length * 2. */
  slotCount: number;
  /** Weekday index for each epoch day offset from firstDay; -1 for weekends. */
  dayIndexByOffset: Int16Array;
}

const yearCache = new Map<number, YearSlots>();

export function yearSlots(startYear: number): YearSlots {
  const cached = yearCache.get(startYear);
  if (cached) return cached;
  const firstDay = epochDay(`${startYear}-09-01`);
  const lastDay = epochDay(`${startYear + 1}-08-31`);
  const dayIndexByOffset = new Int16Array(lastDay - firstDay + 1).fill(-1);
  const epochDays: number[] = [];
  const days: string[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    if (weekdayOf(d) < 5) {
      dayIndexByOffset[d - firstDay] = days.length;
      epochDays.push(d);
      days.push(isoFromEpochDay(d));
    }
  }
  const slots: YearSlots = {
    startYear,
    firstDay,
    days,
    epochDays: Int32Array.from(epochDays),
    slotCount: days.length * 2,
    dayIndexByOffset,
  };
  yearCache.set(startYear, slots);
  return slots;
}

/** Slot for a date and session, or -1 if the date is a weekend or outside that school year. */
export function slotOf(year: YearSlots, iso: string, session: Session | 0 | 1): number {
  const off = epochDay(iso) - year.firstDay;
  if (off < 0 || off >= year.dayIndexByOffset.length) return -1;
  const di = year.dayIndexByOffset[off];
  if (di < 0) return -1;
  return di * 2 + (session === 'PM' || session === 1 ? 1 : 0);
}

export function slotDate(year: YearSlots, slot: number): { date: string; session: Session } {
  return { date: year.days[slot >> 1], session: slot & 1 ? 'PM' : 'AM' };
}

/** Slot just after the end of a date (exclusive bound for "as of" that date, both sessions included). */
export function slotEndOfDate(year: YearSlots, iso: string): number {
  const off = Math.min(epochDay(iso) - year.firstDay, year.dayIndexByOffset.length - 1);
  if (off < 0) return 0;
  for (let o = off; o >= 0; o--) {
    const di = year.dayIndexByOffset[o];
    if (di >= 0) return di * 2 + 2;
  }
  return 0;
}

export type SenStatus = 'none' | 'support' | 'ehcp';

/** A pupil as the school knows them. Optional fields are only present when an export carried them. */
export interface Pupil {
  /** The id used to match files: UPN when present, else the MIS id, trimmed. */
  id: string;
  upn?: string;
  misId?: string;
  forename?: string;
  surname?: string;
  sex?: 'F' | 'M' | 'other';
  fsm?: boolean;
  sen?: SenStatus;
  dob?: string;
  /** True for demo-school pupils, so demo data is always labelled and removable. */
  demo?: boolean;
}

/** One pupil's register for one school year. */
export interface PupilYear {
  pupilId: string;
  startYear: number;
  /** 'R' for Reception, '1'…'14'; as written by the export when not a number. */
  yearGroup?: string;
  regGroup?: string;
  admissionDate?: string;
  leavingDate?: string;
  /** Mark id per slot, length yearSlots(startYear).slotCount. */
  marks: Uint8Array;
}

export function emptyMarks(startYear: number): Uint8Array {
  return new Uint8Array(yearSlots(startYear).slotCount);
}
