/**
 * National absence week by week, autumn term 2024, England, state-funded schools: overall absence as % of
 * possible sessions, all schools and by phase. From the DfE "Pupil attendance in schools" weekly series
 * (`../shared/domain/data/weekly_aut2024.csv`, national rows, `overall_absence_perc` rounded to 2 places).
 * Weeks are ISO week numbers; week 44 was half term. Only the autumn term is published in the series we hold.
 */
import { epochDay, isoFromEpochDay, weekdayOf } from './register';
import type { Phase } from './national';

export const WEEKLY_SOURCE = {
  name: 'DfE Pupil attendance in schools (weekly, national)',
  year: 'autumn 2024',
} as const;

export interface NationalWeek {
  isoWeek: number;
  monday: string;
  /** Overall absence %, all schools and by phase. */
  all: number;
  byPhase: Record<Phase, number>;
}

const ROWS: [number, string, number, number, number, number][] = [
  [37, '2024-09-09', 4.75, 3.81, 5.67, 10.14],
  [38, '2024-09-16', 5.66, 4.47, 6.88, 11.58],
  [39, '2024-09-23', 5.94, 4.41, 7.56, 12.21],
  [40, '2024-09-30', 5.99, 4.48, 7.58, 12.22],
  [41, '2024-10-07', 5.83, 4.44, 7.28, 12.06],
  [42, '2024-10-14', 6.27, 4.94, 7.65, 12.44],
  [43, '2024-10-21', 6.97, 5.61, 8.4, 12.91],
  [45, '2024-11-04', 6.03, 4.69, 7.44, 11.84],
  [46, '2024-11-11', 5.88, 4.49, 7.34, 11.92],
  [47, '2024-11-18', 7.03, 5.74, 8.33, 13.58],
  [48, '2024-11-25', 7.06, 5.77, 8.38, 13.57],
  [49, '2024-12-02', 7.31, 5.83, 8.86, 13.78],
];

export const NATIONAL_WEEKS: readonly NationalWeek[] = ROWS.map(([isoWeek, monday, all, p, s, sp]) => ({
  isoWeek,
  monday,
  all,
  byPhase: { primary: p, secondary: s, special: sp },
}));

/** ISO 8601 week number of a date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(iso: string): number {
  const day = epochDay(iso);
  const thursday = day - weekdayOf(day) + 3;
  const jan1 = epochDay(`${isoFromEpochDay(thursday).slice(0, 4)}-01-01`);
  return Math.floor((thursday - jan1) / 7) + 1;
}

/** The national week with the same ISO week number as a school week's Monday, when the series has one. */
export function nationalWeekFor(monday: string): NationalWeek | undefined {
  const w = isoWeekOf(monday);
  return NATIONAL_WEEKS.find((n) => n.isoWeek === w);
}
