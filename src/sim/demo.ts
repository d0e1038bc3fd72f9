/**
 * The built-in demo school: about 1,000 secondary pupils, last year complete and this year up to
 * the last Friday on or before `today` (kept inside term), so a trainer's demo always looks current.
 * Fixed seed: the same `today` always gives the same school. Names are obviously made up and
 * every pupil is flagged demo, so demo data can never be mistaken for, or mixed with, real pupils.
 */
import { epochDay, isoFromEpochDay, schoolYearOf, weekdayOf, yearSlots } from '../domain/register';
import { DAY, schoolCalendar } from './calendar';
import { simulateSchool, type SimSchool } from './simulate';

export const DEMO_SEED = 20_261_123;
export const DEMO_DEFAULT_TODAY = '2026-11-23';
export const DEMO_PUPILS = 1000;

/** The date the demo's current year runs to: the last Friday on or before today, clamped into term. */
export function demoThroughDate(today: string = DEMO_DEFAULT_TODAY): string {
  const startYear = schoolYearOf(today);
  const cal = schoolCalendar(startYear);
  const slots = yearSlots(startYear);
  let firstOpen = -1;
  let lastOpen = -1;
  for (let s = 0; s < cal.dayKind.length; s += 2) {
    if (cal.dayKind[s] !== DAY.open) continue;
    const day = slots.epochDays[s >> 1];
    if (firstOpen < 0) firstOpen = day;
    lastOpen = day;
  }
  const t = epochDay(today);
  const friday = t - ((weekdayOf(t) - 4 + 7) % 7);
  // Before the first Friday of term: show the first week; in the summer holiday: the whole year.
  const firstFriday = firstOpen + ((4 - weekdayOf(firstOpen) + 7) % 7);
  return isoFromEpochDay(Math.min(lastOpen, Math.max(friday, firstFriday)));
}

export function demoSchool(opts: { today?: string } = {}): SimSchool {
  const through = demoThroughDate(opts.today ?? DEMO_DEFAULT_TODAY);
  return simulateSchool({
    seed: DEMO_SEED,
    phase: 'secondary',
    pupils: DEMO_PUPILS,
    years: 2,
    lastStartYear: schoolYearOf(through),
    throughDate: through,
    demo: true,
  });
}
