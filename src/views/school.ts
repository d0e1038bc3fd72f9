/**
 * The school as loaded: one row per pupil in the chosen year, with every figure the screens need computed
 * once per data load (never per render), so switching views stays instant. Pupils are sorted once into
 * on roll now, left (their record is final: no risk, no runway) and not yet on roll, and every screen
 * counts from these lists (`rollCounts`).
 */
import { inferCalendar, type Period, type SchoolCalendar } from '../domain/calendar';
import {
  onRollRange,
  pupilMetrics,
  coreFromTally,
  type CoreMetrics,
  type PupilMetrics,
} from '../domain/metrics';
import { slotEndOfDate, yearSlots, type Pupil, type PupilYear, type SenStatus } from '../domain/register';
import type { NamedPeriodTotals } from '../domain/summary';
import { tallyMarks } from '../domain/tally';
import { pupilName } from './format';
import { lastTotalsDay, totalsMetricsAt, totalsPeriods, totalsRow } from './school-totals';

/** One period of a totals-only pupil, as the export gave it. */
export interface PeriodTotalsLine {
  label: string;
  from: string;
  to: string;
  metrics: CoreMetrics;
}

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
  /** Figures to date at the end of each started half term (as-of for the current one): what was known then. */
  atHalfTermEnd: PupilMetrics[];
  /** The leaving date when the pupil left on or before as-of: the record is final. */
  left: string | null;
  /**
   * Null when the figures come from session marks. For a pupil the school holds only period totals for (a summary
   * export, a CTF without marks): those periods. Their figures have no spells, runway or recent-weeks counts
   * (metrics holds 0 there), so every screen checks this before showing them.
   */
  totals: PeriodTotalsLine[] | null;
}

/** What each count of pupils counts; every screen that shows a number of pupils takes it from here. */
export interface RollCounts {
  /** On roll at the as-of date with at least one possible session: the watch list, overview and groups. */
  onRoll: number;
  /** Left on or before the as-of date: final records, shown apart. */
  left: number;
  /** In this year's register but with no possible session yet (a later admission date, or no marks). */
  notYetOnRoll: number;
  /** Of onRoll, pupils the school holds only period totals for (no session marks). */
  fromTotals: number;
  /** Pupil records in the loaded school year: the three above added up. */
  records: number;
}

export interface School {
  startYear: number;
  asOf: string;
  calendar: SchoolCalendar;
  /**
   * Half terms that have started by as-of (the last one may be in progress). A school with no session marks at
   * all has its totals' own periods here instead (terms or half terms as the export named them): see periodKind.
   */
  halfTermsSoFar: Period[];
  /** What halfTermsSoFar holds: the register's half terms, or the periods of the imported totals. */
  periodKind: 'half term' | 'period';
  /** Every pupil shown has only period totals: no session marks at all. */
  totalsOnly: boolean;
  /** The date each of halfTermsSoFar's figures stand at: its end date, or as-of for the current one. */
  halfTermDates: string[];
  /** Pupils on roll now, with a possible session: the only ones given a risk. */
  rows: PupilRow[];
  byId: Map<string, PupilRow>;
  /** Pupils who left on or before as-of, with their final figures. */
  leavers: PupilRow[];
  leaverById: Map<string, PupilRow>;
  counts: RollCounts;
  years: Map<string, PupilYear>;
  /** Period totals of the pupils with no marks this year (rows with `totals`), by pupil. */
  totalsOf: Map<string, NamedPeriodTotals[]>;
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

/**
 * The school from its registers and, for pupils with no marks this year, their period totals (a summary export, a
 * CTF without marks). A school with totals only is shown by the periods its totals cover, as of the last one's end.
 */
export function buildSchool(
  pupils: readonly Pupil[],
  years: readonly PupilYear[],
  asOf?: string,
  totals: readonly NamedPeriodTotals[] = [],
): School | null {
  const startYear = years[0]?.startYear ?? totals[0]?.startYear;
  if (startYear === undefined) return null;
  const own = years.filter((y) => y.startYear === startYear);
  const marked = new Set(own.map((y) => y.pupilId));
  const totalsByPupil = new Map<string, NamedPeriodTotals[]>();
  for (const t of totals) {
    if (t.startYear !== startYear || marked.has(t.pupilId)) continue;
    const list = totalsByPupil.get(t.pupilId);
    if (list) list.push(t);
    else totalsByPupil.set(t.pupilId, [t]);
  }
  const calendar = inferCalendar(
    startYear,
    own.map((y) => y.marks),
  );
  const totalsOnly = own.length === 0;
  const at = totalsOnly ? lastTotalsDay(totals, startYear) : asOfWithin(calendar, asOf);
  const slots = yearSlots(startYear);
  const asOfEnd = slotEndOfDate(slots, at);
  const halfTermsSoFar = totalsOnly
    ? totalsPeriods(totals, startYear)
    : calendar.halfTerms.filter((p) => p.startSlot < asOfEnd);
  const halfTermDates = halfTermsSoFar.map((p) => (p.endSlot >= asOfEnd ? at : p.endDate));
  const pupilById = new Map(pupils.map((p) => [p.id, p]));
  const rows: PupilRow[] = [];
  const yearById = new Map<string, PupilYear>();
  for (const py of own) {
    const p = pupilById.get(py.pupilId) ?? { id: py.pupilId };
    const metrics = pupilMetrics(py, calendar, at);
    const halfTermAbsence: (number | null)[] = [];
    const cumulativeAbsence: (number | null)[] = [];
    const atHalfTermEnd: PupilMetrics[] = [];
    halfTermsSoFar.forEach((period, h) => {
      const end = Math.min(period.endSlot, asOfEnd);
      const [from, to] = onRollRange(py, period.startSlot, end);
      halfTermAbsence.push(coreFromTally(tallyMarks(py.marks, from, to)).absencePct);
      const then = h === halfTermsSoFar.length - 1 ? metrics : pupilMetrics(py, calendar, halfTermDates[h]);
      cumulativeAbsence.push(then.absencePct);
      atHalfTermEnd.push(then);
    });
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
      atHalfTermEnd,
      left: py.leavingDate && py.leavingDate <= at ? py.leavingDate : null,
      totals: null,
    });
  }
  for (const [id, list] of totalsByPupil) {
    const p = pupilById.get(id) ?? { id };
    rows.push(totalsRow(p, list, at, halfTermsSoFar, halfTermDates));
  }
  const leavers = rows.filter((r) => r.left !== null);
  // Pupils with no possible session yet (future joiners) would only add noise to every list.
  const onRoll = rows.filter((r) => r.left === null && r.metrics.tally.possible > 0);
  return {
    startYear,
    asOf: at,
    calendar,
    halfTermsSoFar,
    halfTermDates,
    rows: onRoll,
    byId: new Map(onRoll.map((r) => [r.id, r])),
    leavers,
    leaverById: new Map(leavers.map((r) => [r.id, r])),
    periodKind: totalsOnly ? 'period' : 'half term',
    totalsOnly,
    counts: {
      onRoll: onRoll.length,
      left: leavers.length,
      notYetOnRoll: rows.length - onRoll.length - leavers.length,
      records: rows.length,
      fromTotals: onRoll.filter((r) => r.totals).length,
    },
    years: yearById,
    totalsOf: totalsByPupil,
    pupils: pupilById,
    allDemo: onRoll.length > 0 && onRoll.every((r) => r.demo),
    anyDemo: onRoll.some((r) => r.demo),
  };
}

/** A pupil's figures to an earlier date, from their marks or their totals (what was known then). */
export function rowMetricsAt(school: School, row: PupilRow, date: string): PupilMetrics {
  const py = school.years.get(row.id);
  if (py) return pupilMetrics(py, school.calendar, date);
  return totalsMetricsAt(school.totalsOf.get(row.id) ?? [], row.id, date, true);
}

/** Year groups in school order: R, 1, 2 … 14, then anything else alphabetically. */
export function compareYearGroups(a: string, b: string): number {
  const rank = (s: string) => (s === 'R' ? 0 : /^\d+$/.test(s) ? Number(s) : 100);
  return rank(a) - rank(b) || a.localeCompare(b);
}

const n = (v: number) => v.toLocaleString('en-GB');

/** The roll counts in words, each saying what it counts, for every screen and message that counts pupils. */
export function rollCountWords(c: RollCounts): string {
  const parts = [`${n(c.onRoll)} pupils on roll now`];
  if (c.left) parts.push(`${n(c.left)} left this year (final figures, listed apart)`);
  if (c.notYetOnRoll) parts.push(`${n(c.notYetOnRoll)} not yet on roll (no possible session by this date)`);
  if (c.fromTotals)
    parts.push(
      c.fromTotals === c.onRoll
        ? 'all from period totals (no session marks)'
        : `${n(c.fromTotals)} of them from period totals only (no session marks)`,
    );
  return parts.join(' · ');
}
