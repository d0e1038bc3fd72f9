/**
 * National benchmark figures for England, for views to compare a school against.
 * Copied from ../shared/domain/attendance.md (DfE "Pupil absence in schools in England" census
 * releases and the DfE daily "Pupil attendance in schools" collection). All figures are percentages.
 * Census rates are over the full year of enrolments; daily-collection figures are year to date.
 */
import { epochDay, schoolYearOf, weekdayOf } from './register';

export type Phase = 'primary' | 'secondary' | 'special';

export interface Source {
  name: string;
  year: string;
}
export const CENSUS_2022_23: Source = {
  name: 'DfE Pupil absence in schools in England (census)',
  year: '2022/23',
};
export const CENSUS_2023_24: Source = {
  name: 'DfE Pupil absence in schools in England (census)',
  year: '2023/24',
};
export const CENSUS_2018_19: Source = {
  name: 'DfE Pupil absence in schools in England (census)',
  year: '2018/19',
};
export const DAILY_2024_25: Source = {
  name: 'DfE Pupil attendance in schools (daily collection)',
  year: '2024/25',
};

export interface OverallFigures {
  source: Source;
  absence: number;
  authorised?: number;
  unauthorised?: number;
  illness?: number;
  pa: number;
  sa?: number;
}

/** All schools, England. */
export const NATIONAL_OVERALL: readonly OverallFigures[] = [
  { source: CENSUS_2018_19, absence: 4.7, pa: 10.9, sa: 0.85 },
  {
    source: CENSUS_2022_23,
    absence: 7.4,
    authorised: 5.0,
    unauthorised: 2.4,
    illness: 3.7,
    pa: 21.2,
    sa: 2.03,
  },
  {
    source: CENSUS_2023_24,
    absence: 7.1,
    authorised: 4.7,
    unauthorised: 2.5,
    illness: 3.5,
    pa: 20.0,
    sa: 2.3,
  },
  { source: DAILY_2024_25, absence: 6.87, authorised: 4.54, unauthorised: 2.33, illness: 3.24, pa: 18.7 },
];

export interface PhaseFigures {
  source: Source;
  phase: Phase;
  absence?: number;
  pa: number;
  sa?: number;
}

export const NATIONAL_BY_PHASE: readonly PhaseFigures[] = [
  { source: CENSUS_2022_23, phase: 'primary', pa: 16.2, sa: 0.75 },
  { source: CENSUS_2022_23, phase: 'secondary', pa: 26.5, sa: 3.4 },
  { source: CENSUS_2022_23, phase: 'special', pa: 38.3, sa: 6.24 },
  { source: DAILY_2024_25, phase: 'primary', absence: 5.25, pa: 13.5 },
  { source: DAILY_2024_25, phase: 'secondary', absence: 8.59, pa: 24.3 },
  { source: DAILY_2024_25, phase: 'special', absence: 12.88, pa: 35.8 },
];

/** % of enrolments in each 5-point absence-rate band (0–5, 5–10, …, 45–50, ≥ 50%), 2022/23 census. */
export const ABSENCE_BANDS_2022_23: { source: Source; byPhase: Record<Phase, readonly number[]> } = {
  source: CENSUS_2022_23,
  byPhase: {
    primary: [56.1, 27.7, 9.2, 3.2, 1.4, 0.7, 0.4, 0.3, 0.2, 0.1, 0.75],
    secondary: [46.3, 27.2, 11.0, 4.8, 2.6, 1.6, 1.1, 0.8, 0.7, 0.5, 3.4],
    special: [35.3, 26.4, 13.6, 7.1, 4.0, 2.5, 1.7, 1.3, 1.0, 0.9, 6.2],
  },
};

export interface GroupFigures {
  source: Source;
  phase: 'primary' | 'secondary';
  group: 'FSM' | 'non-FSM' | 'any SEN' | 'no SEN' | 'FSM with SEN';
  pa: number;
  sa: number;
}

export const NATIONAL_BY_FSM_SEN: readonly GroupFigures[] = [
  { source: CENSUS_2022_23, phase: 'primary', group: 'FSM', pa: 29.4, sa: 1.07 },
  { source: CENSUS_2022_23, phase: 'primary', group: 'non-FSM', pa: 11.2, sa: 0.3 },
  { source: CENSUS_2022_23, phase: 'primary', group: 'any SEN', pa: 25.7, sa: 1.52 },
  { source: CENSUS_2022_23, phase: 'primary', group: 'no SEN', pa: 13.9, sa: 0.29 },
  { source: CENSUS_2022_23, phase: 'secondary', group: 'FSM', pa: 45.0, sa: 6.97 },
  { source: CENSUS_2022_23, phase: 'secondary', group: 'non-FSM', pa: 20.2, sa: 1.83 },
  { source: CENSUS_2022_23, phase: 'secondary', group: 'any SEN', pa: 39.1, sa: 7.56 },
  { source: CENSUS_2022_23, phase: 'secondary', group: 'no SEN', pa: 23.8, sa: 2.24 },
  { source: CENSUS_2022_23, phase: 'secondary', group: 'FSM with SEN', pa: 53.9, sa: 11.8 },
];

/** PA by national curriculum year, 2022/23 census (Reception is outside the statistics). */
export const PA_BY_YEAR_GROUP_2022_23: { source: Source; pa: Readonly<Record<string, number>> } = {
  source: CENSUS_2022_23,
  pa: {
    '1': 19.2,
    '2': 16.3,
    '3': 15.2,
    '4': 15.3,
    '5': 15.7,
    '6': 15.7,
    '7': 19.9,
    '8': 25.4,
    '9': 28.9,
    '10': 29.7,
    '11': 30.4,
  },
};

/**
 * Absence and PA measured within each term, 2024/25. PA over one term runs higher than over the
 * year (a short window is noisier), so compare a term's PA with these, not with the year figure.
 */
export const NATIONAL_BY_TERM_2024_25: {
  source: Source;
  terms: Readonly<Record<'Autumn' | 'Spring' | 'Summer' | 'Year', { absence: number; pa: number }>>;
} = {
  source: DAILY_2024_25,
  terms: {
    Autumn: { absence: 6.52, pa: 19.1 },
    Spring: { absence: 6.94, pa: 20.2 },
    Summer: { absence: 7.25, pa: 24.0 },
    Year: { absence: 6.87, pa: 18.7 },
  },
};

/** Pupils with an education, health and care plan (approximate). */
export const EHCP_APPROX = { source: CENSUS_2022_23, absence: 12, pa: 35 } as const;

/**
 * Year-to-date PA % by week of the school year, England, 2024/25 daily collection (DfE "Pupil attendance
 * in schools", as kept in ../shared/domain/data/weekly_ytd_pa_2425_national.csv). Week 1 is the week of
 * Monday 2 September 2024; the weeks run on through holidays (16–17 are Christmas, hence no figure), so
 * week 8 is the week before October half term and week 30 the week of 24 March 2025. A school's PA so far
 * is compared with the figure for its own week of the year, never with a full-year figure.
 */
export const NATIONAL_YTD_PA_BY_WEEK_2024_25: {
  source: Source;
  weeks: readonly ({ week: number } & Record<Phase | 'all', number>)[];
} = {
  source: DAILY_2024_25,
  weeks: [
    { week: 8, all: 18.82, primary: 14.95, secondary: 22.84, special: 36.02 },
    { week: 10, all: 18.39, primary: 14.41, secondary: 22.56, special: 35.64 },
    { week: 12, all: 18.15, primary: 14.06, secondary: 22.45, special: 35.51 },
    { week: 14, all: 18.38, primary: 14.15, secondary: 22.86, special: 35.8 },
    { week: 15, all: 18.35, primary: 14.1, secondary: 22.83, special: 35.73 },
    { week: 18, all: 18.1, primary: 13.76, secondary: 22.7, special: 35.42 },
    { week: 20, all: 17.99, primary: 13.41, secondary: 22.89, special: 35.31 },
    { week: 21, all: 18.16, primary: 13.42, secondary: 23.25, special: 35.38 },
    { week: 24, all: 18.37, primary: 13.57, secondary: 23.54, special: 35.55 },
    { week: 26, all: 18.34, primary: 13.46, secondary: 23.58, special: 35.6 },
    { week: 28, all: 18.42, primary: 13.41, secondary: 23.84, special: 35.66 },
    { week: 30, all: 18.7, primary: 13.5, secondary: 24.32, special: 35.8 },
  ],
};

/**
 * Week of the school year of an ISO date, counted as the national series counts it: week 1 is the
 * Monday-to-Sunday week holding the first weekday of September.
 */
export function weekOfSchoolYear(date: string): number {
  const sep1 = epochDay(`${schoolYearOf(date)}-09-01`);
  const firstWeekday = weekdayOf(sep1) >= 5 ? sep1 + 7 - weekdayOf(sep1) : sep1;
  const monday = firstWeekday - weekdayOf(firstWeekday);
  return Math.floor((epochDay(date) - monday) / 7) + 1;
}

export interface NationalYtdPa {
  pa: number;
  /** The week of the national figure, and the school's own week of the year. */
  week: number;
  schoolWeek: number;
  /** The national figure is for the school's own week; false when the nearest earlier (or first) week stands in. */
  sameWeek: boolean;
  /** For the screen: "England secondary, PA year to date at week 8 of 2024/25". */
  label: string;
}

/** National year-to-date PA for the same week of the year as `date` (the nearest published week at or before it). */
export function nationalYtdPa(phase: Phase | 'all', date: string): NationalYtdPa {
  const schoolWeek = weekOfSchoolYear(date);
  const weeks = NATIONAL_YTD_PA_BY_WEEK_2024_25.weeks;
  let best = weeks[0];
  for (const w of weeks) if (w.week <= schoolWeek) best = w;
  const who = phase === 'all' ? 'England, all schools' : `England, ${phase} schools`;
  const when =
    best.week === schoolWeek
      ? `week ${best.week} of ${NATIONAL_YTD_PA_BY_WEEK_2024_25.source.year}`
      : schoolWeek < best.week
        ? `week ${best.week} of ${NATIONAL_YTD_PA_BY_WEEK_2024_25.source.year} (the first published; the school is at week ${schoolWeek})`
        : `week ${best.week} of ${NATIONAL_YTD_PA_BY_WEEK_2024_25.source.year} (the nearest published before week ${schoolWeek})`;
  return {
    pa: best[phase],
    week: best.week,
    schoolWeek,
    sameWeek: best.week === schoolWeek,
    label: `${who}, PA year to date at ${when}`,
  };
}
