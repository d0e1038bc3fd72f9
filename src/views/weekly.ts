/**
 * The school's attendance week by week beside the national figure for the same week of the year, and the same
 * point last year beside this year.
 */
import { schoolWeeks } from '../domain/calendar';
import { coreFromTally, onRollRange, poolMetrics } from '../domain/metrics';
import { nationalWeekFor } from '../domain/national-weekly';
import type { Phase } from '../domain/national';
import {
  epochDay,
  isoFromEpochDay,
  slotEndOfDate,
  yearSlots,
  type Pupil,
  type PupilYear,
} from '../domain/register';
import { addTally, emptyTally, tallyMarks } from '../domain/tally';
import { buildSchool, type School } from './school';

export interface WeekLine {
  monday: string;
  possible: number;
  /** The school's attendance in that week alone. */
  attendancePct: number | null;
  /** National attendance (100 − overall absence) in the same ISO week of autumn 2024, for the school's phase. */
  nationalPct: number | null;
}

/**
 * Every school week up to as-of; a week cut by as-of counts its sessions so far. Pupils with marks only: period
 * totals say nothing of single weeks, so a school with totals only has no weeks.
 */
export function weeklyAttendance(school: School, phase: Phase): WeekLine[] {
  if (school.totalsOnly) return [];
  const year = yearSlots(school.startYear);
  const end = slotEndOfDate(year, school.asOf);
  const weeks = schoolWeeks(school.calendar).filter((w) => w.startSlot < end);
  const totals = weeks.map(() => emptyTally());
  for (const py of school.years.values()) {
    if (!school.byId.has(py.pupilId)) continue;
    weeks.forEach((w, i) => {
      const [f, t] = onRollRange(py, w.startSlot, Math.min(w.endSlot, end));
      if (t > f) addTally(totals[i], tallyMarks(py.marks, f, t));
    });
  }
  return weeks.map((w, i) => {
    const n = nationalWeekFor(w.monday);
    return {
      monday: w.monday,
      possible: totals[i].possible,
      attendancePct: coreFromTally(totals[i]).attendancePct,
      nationalPct: n ? 100 - n.byPhase[phase] : null,
    };
  });
}

/** The same date one year earlier (29 February becomes 28 February). */
export function sameDateLastYear(iso: string): string {
  const y = +iso.slice(0, 4) - 1;
  const md = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return isoFromEpochDay(epochDay(`${y}-${md}`));
}

export interface PointFigures {
  asOf: string;
  pupils: number;
  attendancePct: number | null;
  paPct: number | null;
  saPct: number | null;
}

/** The school's figures to a date: attendance over every possible session, and PA and SA as shares of pupils. */
export function figuresOf(school: School): PointFigures {
  const g = poolMetrics(school.rows.map((r) => r.metrics));
  const n = school.rows.length;
  return {
    asOf: school.asOf,
    pupils: n,
    attendancePct: g.attendancePct,
    paPct: n ? (100 * school.rows.filter((r) => r.metrics.pa).length) / n : null,
    saPct: n ? (100 * school.rows.filter((r) => r.metrics.sa).length) / n : null,
  };
}

/** Last year's school as it stood on the same date, when the store holds last year's registers. */
export function lastYearAt(
  pupils: readonly Pupil[],
  prior: readonly PupilYear[],
  asOf: string,
): School | null {
  if (!prior.length) return null;
  const then = sameDateLastYear(asOf);
  const school = buildSchool(pupils, prior, then);
  // The registers of last year must reach that date, or the comparison is with a different point in the year.
  return school && school.asOf === then ? school : null;
}
