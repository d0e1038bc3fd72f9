/**
 * Each group beside the same group at the same point last year (the school's registers on the same date a year
 * earlier: views/weekly.ts lastYearAt), and the figures the Groups chart draws. A group is matched by kind and
 * name: last year's Year 9 is last year's Year 9 pupils (another cohort), as the national tables compare years.
 */
import type { GroupMetrics } from '../domain/metrics';
import type { Phase } from '../domain/national';
import { groupLines, type GroupLine } from './groups';
import type { School } from './school';

export interface GroupCompare {
  line: GroupLine;
  /** The same group on the same date last year; null when the store does not hold last year to that date. */
  lastYear: GroupMetrics | null;
}

/** What the Groups chart draws for one group (src/charts/group-bars.ts). */
export interface GroupBar {
  /** The group as the table names it ("Year 9", "FSM", "7A"). */
  name: string;
  pupils: number;
  /** PA rate so far, % of pupils with a possible session; null when none had one. */
  paRate: number | null;
  nationalPa: number | null;
  /** The same group's PA rate on the same date last year, or null. */
  lastYearPa: number | null;
}

const key = (l: Pick<GroupLine, 'kind' | 'name'>) => `${l.kind}\u0000${l.name}`;

/** This year's groups, each with last year's figures for the same group when last year's school is known. */
export function compareGroups(
  now: readonly GroupLine[],
  lastYear: School | null,
  phase: Phase,
): GroupCompare[] {
  const then = new Map<string, GroupMetrics>();
  // Risk is not needed for last year's figures: an empty map leaves only the register's own counts.
  if (lastYear)
    for (const l of groupLines(lastYear.rows, new Map(), phase, lastYear.asOf)) then.set(key(l), l.figures);
  return now.map((line) => ({ line, lastYear: then.get(key(line)) ?? null }));
}

export function groupBars(rows: readonly GroupCompare[]): GroupBar[] {
  return rows.map(({ line, lastYear }) => ({
    name: line.name,
    pupils: line.figures.pupils,
    paRate: line.figures.paRate,
    nationalPa: line.nationalPa,
    lastYearPa: lastYear?.paRate ?? null,
  }));
}
