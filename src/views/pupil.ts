/** The pupil page: heat map cells, cumulative attendance, weekday pattern and codes (before/after each action: actions.ts). */
import { schoolWeeks, type SchoolCalendar } from '../domain/calendar';
import { CODE_BY_ID, CATEGORY_OF, CAT } from '../domain/codes';
import { coreFromTally, onRollRange } from '../domain/metrics';
import { slotEndOfDate, weekdayOf, yearSlots, type PupilYear } from '../domain/register';
import { codeCounts, tallyMarks } from '../domain/tally';

/** How a session reads on the heat map; each kind has its own colour and pattern. */
export type CellKind =
  'present' | 'late' | 'aea' | 'authorised' | 'unauthorised' | 'not-counted' | 'closed' | 'none';
export const CELL_LABEL: Record<CellKind, string> = {
  present: 'Present',
  late: 'Late (present)',
  aea: 'Approved activity',
  authorised: 'Authorised absence',
  unauthorised: 'Unauthorised absence',
  'not-counted': 'Not counted',
  closed: 'Closed / not on roll',
  none: 'No mark',
};

export interface HeatCell {
  slot: number;
  /** 0 = Monday … 4 = Friday. */
  weekday: number;
  pm: boolean;
  date: string;
  code: string;
  kind: CellKind;
}
export interface HeatWeek {
  monday: string;
  cells: HeatCell[];
}

export function cellKind(id: number): CellKind {
  if (id === 0) return 'none';
  const c = CODE_BY_ID[id];
  if (c?.reason === 'late' && CATEGORY_OF[id] === CAT.present) return 'late';
  switch (CATEGORY_OF[id]) {
    case CAT.present:
      return 'present';
    case CAT.aea:
      return 'aea';
    case CAT.authorised:
      return 'authorised';
    case CAT.unauthorised:
      return 'unauthorised';
    case CAT.notPossible:
      return 'not-counted';
    default:
      return 'closed';
  }
}

/** Every school week up to as-of, each with its sessions (AM and PM, Monday to Friday). */
export function heatWeeks(py: PupilYear, cal: SchoolCalendar, asOf: string): HeatWeek[] {
  const year = yearSlots(py.startYear);
  const end = slotEndOfDate(year, asOf);
  return schoolWeeks(cal)
    .filter((w) => w.startSlot < end)
    .map((w) => {
      const cells: HeatCell[] = [];
      for (let s = w.startSlot; s < Math.min(w.endSlot, end); s++) {
        const id = py.marks[s];
        cells.push({
          slot: s,
          weekday: weekdayOf(year.epochDays[s >> 1]),
          pm: (s & 1) === 1,
          date: year.days[s >> 1],
          code: CODE_BY_ID[id]?.code ?? '',
          kind: cellKind(id),
        });
      }
      return { monday: w.monday, cells };
    });
}

export interface CumulativePoint {
  /** Week index (0-based) and its Monday. */
  week: number;
  monday: string;
  attendancePct: number | null;
}

/** Attendance to date at the end of each school week up to as-of. */
export function cumulativeAttendance(py: PupilYear, cal: SchoolCalendar, asOf: string): CumulativePoint[] {
  const end = slotEndOfDate(yearSlots(py.startYear), asOf);
  return schoolWeeks(cal)
    .filter((w) => w.startSlot < end)
    .map((w, week) => {
      const [from, to] = onRollRange(py, 0, Math.min(w.endSlot, end));
      return {
        week,
        monday: w.monday,
        attendancePct: coreFromTally(tallyMarks(py.marks, from, to)).attendancePct,
      };
    });
}

export interface WeekdayPattern {
  weekday: string;
  possible: number;
  absent: number;
  absencePct: number | null;
}
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** Absence by day of the week: a Friday or Monday pattern is a common early sign. */
export function weekdayPattern(py: PupilYear, asOf: string): WeekdayPattern[] {
  const year = yearSlots(py.startYear);
  const [from, to] = onRollRange(py, 0, slotEndOfDate(year, asOf));
  const possible = [0, 0, 0, 0, 0];
  const absent = [0, 0, 0, 0, 0];
  for (let s = from; s < to; s++) {
    const k = CATEGORY_OF[py.marks[s]];
    if (k < CAT.present || k > CAT.unauthorised) continue;
    const wd = weekdayOf(year.epochDays[s >> 1]);
    possible[wd]++;
    if (k === CAT.authorised || k === CAT.unauthorised) absent[wd]++;
  }
  return WEEKDAYS.map((weekday, i) => ({
    weekday,
    possible: possible[i],
    absent: absent[i],
    absencePct: possible[i] ? (100 * absent[i]) / possible[i] : null,
  }));
}

export interface CodeLine {
  code: string;
  meaning: string;
  count: number;
}

/** Marks by code, most frequent first, year to date. */
export function codeBreakdown(py: PupilYear, asOf: string): CodeLine[] {
  const year = yearSlots(py.startYear);
  const [from, to] = onRollRange(py, 0, slotEndOfDate(year, asOf));
  const meaning = new Map<string, string>();
  for (const c of CODE_BY_ID) if (c) meaning.set(c.code, c.meaning);
  return [...codeCounts(py.marks, from, to)]
    .map(([code, count]) => ({ code, meaning: meaning.get(code) ?? 'Unknown code', count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
