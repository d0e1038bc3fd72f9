/**
 * Writing marks by date: used by tests, the simulator and importers that receive dated marks,
 * so nobody computes slot numbers by hand.
 */
import { markId } from './codes';
import { epochDay, slotOf, weekdayOf, yearSlots, type Session } from './register';

/** Writes one mark (by register symbol) for a date and session; returns false for weekends or other years. */
export function setMark(
  marks: Uint8Array,
  startYear: number,
  iso: string,
  session: Session,
  symbol: string,
): boolean {
  const slot = slotOf(yearSlots(startYear), iso, session);
  if (slot < 0) return false;
  marks[slot] = markId(symbol);
  return true;
}

/**
 * Writes the same AM and PM marks on every weekday from `from` to `to` inclusive.
 * pm defaults to the AM symbol, except '/' whose PM form is '\'.
 */
export function fillMarks(
  marks: Uint8Array,
  startYear: number,
  from: string,
  to: string,
  am: string,
  pm: string = am === '/' ? '\\' : am,
): number {
  const year = yearSlots(startYear);
  const amId = markId(am);
  const pmId = markId(pm);
  let days = 0;
  for (let d = epochDay(from), last = epochDay(to); d <= last; d++) {
    if (weekdayOf(d) >= 5) continue;
    const off = d - year.firstDay;
    if (off < 0 || off >= year.dayIndexByOffset.length) continue;
    const di = year.dayIndexByOffset[off];
    marks[di * 2] = amId;
    marks[di * 2 + 1] = pmId;
    days++;
  }
  return days;
}
