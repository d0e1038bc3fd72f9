/** The model's public shapes, shared by the worker, the page and the headless scorer. */
import { isPersistentlyAbsent, isSeverelyAbsent } from '../domain/metrics';

export interface Driver {
  /** Plain English, e.g. "attendance over the last 4 weeks is 78%, down from 95%". */
  text: string;
  /** Signed change in P(PA) this input makes, found by occlusion (see explain.ts). */
  effect: number;
}

export type RiskBand = 'low' | 'rising' | 'high' | 'pa' | 'sa';

export interface PupilRisk {
  pupilId: string;
  /** Probability of ending the year persistently absent (≥ 10%) and severely absent (≥ 50%). */
  pPA: number;
  pSA: number;
  /** Expected year-end attendance (%), with an 80% range. */
  expectedAttendancePct: number;
  rangeLow: number;
  rangeHigh: number;
  band: RiskBand;
  drivers: Driver[];
  /** Figures to date, for tables and the headless scorer. */
  possibleSessions: number;
  attendancePct: number;
  /** 'totals': scored over period totals alone (no session marks; model/totals-risk.ts). Absent: over marks. */
  basis?: 'totals';
}

/** Bands: already SA / PA to date first; otherwise by P(PA). */
export const HIGH_RISK = 0.5; // more likely than not to end the year PA; also the lead-time flag
export const RISING_RISK = 0.2; // above the national PA rate (about 1 in 5), i.e. above-average risk

/**
 * The band of a pupil as of a date: already SA / PA by the domain's rule on the sessions so far, otherwise
 * from the chance of ending the year PA. Every screen, the half-term chart and the scorer band with this.
 */
export function bandOf(pPA: number, absent: number, possible: number): RiskBand {
  if (isSeverelyAbsent(absent, possible)) return 'sa';
  if (isPersistentlyAbsent(absent, possible)) return 'pa';
  if (pPA >= HIGH_RISK) return 'high';
  if (pPA >= RISING_RISK) return 'rising';
  return 'low';
}

export interface HalfTermRisk {
  halfTerms: { name: string; endDate: string }[];
  /** Per pupil, one value per half term so far (NaN when not on roll then). */
  pupils: { pupilId: string; pPA: number[]; pSA: number[] }[];
}

/** How far training has got, in the user's words; the score worker passes it to the page as it is. */
export interface TrainProgress {
  stage: string;
  done: number;
  total: number;
}

/**
 * Which model scores the school: the shipped one, the shipped one recalibrated on the school's previous year,
 * or one trained in the browser on that year. The page picks (src/views/model-choice.ts); the worker loads it.
 */
export type ModelChoice = 'shipped' | 'recalibrated' | 'school';
