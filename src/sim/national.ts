/**
 * The national figures the simulator is calibrated against, picked from src/domain/national.ts
 * (one source of truth with the views). Reference year: the 2022/23 census (PA, SA, bands, FSM,
 * SEN, year groups); shapes only (terms, weekdays, code mix) and phase absence from 2024/25.
 */
import {
  ABSENCE_BANDS_2022_23,
  CENSUS_2022_23,
  DAILY_2024_25,
  NATIONAL_BY_FSM_SEN,
  NATIONAL_BY_PHASE,
  NATIONAL_BY_TERM_2024_25,
  PA_BY_YEAR_GROUP_2022_23,
  type Source,
} from '../domain/national';
import type { Phase } from './params';

export const REFERENCE_YEAR = `${CENSUS_2022_23.year} census`;

export interface PhaseReference {
  pa: number;
  sa: number;
  /** NaN where the census figure is not in our notes (special schools). */
  paFsm: number;
  paNonFsm: number;
  paSen: number;
  paNoSen: number;
  /** % of enrolments in absence bands 0–5, 5–10, …, 45–50, ≥ 50. */
  bands: readonly number[];
  /** Overall absence from the 2024/25 daily collection (no census figure by phase in our notes). */
  absence2425: number;
}

const same = (a: Source, b: Source) => a.name === b.name && a.year === b.year;
const byPhase = (phase: Phase, source: Source) =>
  NATIONAL_BY_PHASE.find((f) => f.phase === phase && same(f.source, source));
const group = (phase: Phase, g: string) =>
  NATIONAL_BY_FSM_SEN.find((f) => f.phase === phase && f.group === g && same(f.source, CENSUS_2022_23))?.pa ??
  NaN;

function reference(phase: Phase): PhaseReference {
  const census = byPhase(phase, CENSUS_2022_23);
  return {
    pa: census?.pa ?? NaN,
    sa: census?.sa ?? NaN,
    paFsm: group(phase, 'FSM'),
    paNonFsm: group(phase, 'non-FSM'),
    paSen: group(phase, 'any SEN'),
    paNoSen: group(phase, 'no SEN'),
    bands: ABSENCE_BANDS_2022_23.byPhase[phase],
    absence2425: byPhase(phase, DAILY_2024_25)?.absence ?? NaN,
  };
}

export const NATIONAL: Record<Phase, PhaseReference> = {
  primary: reference('primary'),
  secondary: reference('secondary'),
  special: reference('special'),
};

/** PA % by year group, 2022/23 census ('1'…'11'). */
export const NATIONAL_PA_BY_YEAR_GROUP: Readonly<Record<string, number>> = PA_BY_YEAR_GROUP_2022_23.pa;

const terms = NATIONAL_BY_TERM_2024_25.terms;
/** Shapes (2024/25): absence by term relative to the year, and Friday against Monday–Thursday. */
export const NATIONAL_SHAPES = {
  termRatio: [terms.Autumn.absence, terms.Spring.absence, terms.Summer.absence].map(
    (t) => t / terms.Year.absence,
  ),
  /** attendance.md: Friday absence about 1.5 points (about 20%) above Monday–Thursday. */
  fridayRatio: 1.2,
};
