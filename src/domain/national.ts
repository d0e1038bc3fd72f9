/**
 * National benchmark figures for England, for views to compare a school against.
 * Copied from /work/shared/domain/attendance.md (DfE "Pupil absence in schools in England" census
 * releases and the DfE daily "Pupil attendance in schools" collection). All figures are percentages.
 * Census rates are over the full year of enrolments; daily-collection figures are year to date.
 */
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
