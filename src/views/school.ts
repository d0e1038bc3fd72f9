/**
 * The school as loaded: one row per pupil on roll in the chosen year, with every figure the screens
 * need computed once per data load (never per render), so switching views stays instant.
 */
import { inferCalendar, type Period, type SchoolCalendar } from '../domain/calendar';
import { onRollRange, pupilMetrics, coreFromTally, type PupilMetrics } from '../domain/metrics';
import { slotEndOfDate, yearSlots, type Pupil, type PupilYear, type SenStatus } from '../domain/register';
import { tallyMarks } from '../domain/tally';
import { pupilName } from './format';

export interface PupilRow {
  id: string;
  name: string;
  yearGroup: string;
  regGroup: string;
  fsm: boolean | null;
  sen: SenStatus | null;
  demo: boolean;
  metrics: PupilMetrics;
  /** Absence % within each half term that has started by as-of; null when no possible sessions. */
  halfTermAbsence: (number | null)[];
  /** Cumulative absence % at the end of each started half term (or as-of for the current one). */
  cumulativeAbsence: (number | null)[];
}

export interface School {
  startYear: number;
  asOf: string;
  calendar: SchoolCalendar;
  /** Half terms that have started by as-of (the last one may be in progress). */
  halfTermsSoFar: Period[];
  rows: PupilRow[];
  byId: Map<string, PupilRow>;
  years: Map<string, PupilYear>;
  pupils: Map<string, Pupil>;
  /** Every pupil is demo data. */
  allDemo: boolean;
  anyDemo: boolean;
}

/** The last date with marks, the natural "as of" for a register export. */
export function defaultAsOf(cal: SchoolCalendar): string {
  return cal.lastMarkedDay ?? yearSlots(cal.startYear).days[0];
}

/**
 * The date to show the school as of: the one asked for when it lies within the registers (first to last marked
 * day), else the last register date. A date past the last register would count unmarked sessions as missing.
 */
export function asOfWithin(cal: SchoolCalendar, asked?: string): string {
  const last = defaultAsOf(cal);
  return asked && cal.firstMarkedDay && asked >= cal.firstMarkedDay && asked <= last ? asked : last;
}

export function buildSchool(
  pupils: readonly Pupil[],
  years: readonly PupilYear[],
  asOf?: string,
): School | null {
  if (!years.length) return null;
  const startYear = years[0].startYear;
  const own = years.filter((y) => y.startYear === startYear);
  const calendar = inferCalendar(
    startYear,
    own.map((y) => y.marks),
  );
  const at = asOfWithin(calendar, asOf);
  const slots = yearSlots(startYear);
  const asOfEnd = slotEndOfDate(slots, at);
  const halfTermsSoFar = calendar.halfTerms.filter((p) => p.startSlot < asOfEnd);
  const pupilById = new Map(pupils.map((p) => [p.id, p]));
  const rows: PupilRow[] = [];
  const yearById = new Map<string, PupilYear>();
  for (const py of own) {
    const p = pupilById.get(py.pupilId) ?? { id: py.pupilId };
    const metrics = pupilMetrics(py, calendar, at);
    const halfTermAbsence: (number | null)[] = [];
    const cumulativeAbsence: (number | null)[] = [];
    for (const period of halfTermsSoFar) {
      const end = Math.min(period.endSlot, asOfEnd);
      const [from, to] = onRollRange(py, period.startSlot, end);
      halfTermAbsence.push(coreFromTally(tallyMarks(py.marks, from, to)).absencePct);
      const [cf, ct] = onRollRange(py, 0, end);
      cumulativeAbsence.push(coreFromTally(tallyMarks(py.marks, cf, ct)).absencePct);
    }
    yearById.set(py.pupilId, py);
    rows.push({
      id: py.pupilId,
      name: pupilName(p),
      yearGroup: py.yearGroup ?? '',
      regGroup: py.regGroup ?? '',
      fsm: p.fsm ?? null,
      sen: p.sen ?? null,
      demo: p.demo === true,
      metrics,
      halfTermAbsence,
      cumulativeAbsence,
    });
  }
  // Pupils with no possible session yet (future joiners) would only add noise to every list.
  const onRoll = rows.filter((r) => r.metrics.tally.possible > 0);
  return {
    startYear,
    asOf: at,
    calendar,
    halfTermsSoFar,
    rows: onRoll,
    byId: new Map(onRoll.map((r) => [r.id, r])),
    years: yearById,
    pupils: pupilById,
    allDemo: onRoll.length > 0 && onRoll.every((r) => r.demo),
    anyDemo: onRoll.some((r) => r.demo),
  };
}

/** Year groups in school order: R, 1, 2 … 14, then anything else alphabetically. */
export function compareYearGroups(a: string, b: string): number {
  const rank = (s: string) => (s === 'R' ? 0 : /^\d+$/.test(s) ? Number(s) : 100);
  return rank(a) - rank(b) || a.localeCompare(b);
}
