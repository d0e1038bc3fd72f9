/**
 * Risk as the screens show it. The model (src/workers/page/score-client.ts) gives probabilities; until it
 * has loaded, or if it cannot run, a transparent rule on the register so far stands in and says so.
 */
import {
  isPersistentlyAbsent,
  isSeverelyAbsent,
  PENALTY_UNAUTHORISED_SESSIONS,
  type PupilMetrics,
} from '../domain/metrics';
import { bandOf } from '../model/types';

export type RiskBand = 'low' | 'rising' | 'high' | 'pa' | 'sa';
export const RISK_BANDS: readonly RiskBand[] = ['low', 'rising', 'high', 'pa', 'sa'];
export const BAND_LABEL: Record<RiskBand, string> = {
  low: 'Low',
  rising: 'Rising',
  high: 'High',
  pa: 'Already PA',
  sa: 'Already SA',
};
/** Bands that put a pupil on the watch list's "flagged" filter and count as "at risk". */
export const FLAGGED: ReadonlySet<RiskBand> = new Set(['high', 'pa', 'sa']);
/** Bands of pupils trending toward PA but not there yet: the ones a year-to-date threshold list misses. */
export const TRENDING: ReadonlySet<RiskBand> = new Set(['rising', 'high']);

export interface Driver {
  text: string;
  /** Positive pushes risk up. */
  effect: number;
}

/** Shaped like the model's PupilRisk, with probabilities null when a rule made the estimate. */
export interface RiskView {
  pupilId: string;
  band: RiskBand;
  pPA: number | null;
  pSA: number | null;
  /** Year-end attendance %, expected and a plausible range. */
  expectedAttendancePct: number | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  drivers: Driver[];
  /** 'totals': the model over period totals, for a pupil with no session marks (model/totals-risk.ts). */
  source: 'model' | 'rule' | 'totals';
}

/** How a totals-only pupil's risk is labelled wherever it is shown. */
export const TOTALS_RISK_LABEL = 'risk from period totals (no session marks)';

/** Absence % thresholds of the rule bands below PA: 5–7.5 rising, 7.5–10 high ("approaching" is 5–10%). */
export const RULE_RISING = 5;
export const RULE_HIGH = 7.5;

/**
 * The rule fallback's band from the sessions so far: PA and SA by the domain's one rule, then the
 * "approaching" bands by absence %, or high when the penalty-notice count is reached.
 */
export function ruleBand(absent: number, possible: number, unauthorisedLast10Weeks = 0): RiskBand {
  if (isSeverelyAbsent(absent, possible)) return 'sa';
  if (isPersistentlyAbsent(absent, possible)) return 'pa';
  if (absent * 100 >= RULE_HIGH * possible && possible > 0) return 'high';
  if (unauthorisedLast10Weeks >= PENALTY_UNAUTHORISED_SESSIONS) return 'high';
  if (absent * 100 >= RULE_RISING * possible && possible > 0) return 'rising';
  return 'low';
}

/**
 * A pupil's band as it stood on an earlier date, by the same rules as today's: the model's band (bandOf) from
 * its P(PA) as of that date when there is one, else the rule on the figures to that date.
 */
export function bandThen(
  then: Pick<PupilMetrics, 'tally' | 'unauthorisedLast10Weeks'>,
  pPAThen: number | null | undefined,
): RiskBand {
  return pPAThen === null || pPAThen === undefined || Number.isNaN(pPAThen)
    ? ruleBandOf(then)
    : bandOf(pPAThen, then.tally.absent, then.tally.possible);
}

/** ruleBand for a pupil's figures as of a date. */
export const ruleBandOf = (m: Pick<PupilMetrics, 'tally' | 'unauthorisedLast10Weeks'>): RiskBand =>
  ruleBand(m.tally.absent, m.tally.possible, m.unauthorisedLast10Weeks);

/**
 * The rule estimate: the band from absence so far, and a year-end range from "attends every remaining
 * session" (best) to "keeps missing at twice the current rate" (worst); the middle keeps the current rate.
 */
export function ruleRisk(m: PupilMetrics): RiskView {
  const { possible, absent, unauthorised } = m.tally;
  const remaining = m.runway.remainingSessions;
  const total = possible + remaining;
  const rate = possible > 0 ? absent / possible : 0;
  const att = (missed: number) => (total > 0 ? 100 * (1 - missed / total) : null);
  const drivers: Driver[] = [];
  if (m.absencePct !== null && m.absencePct >= RULE_RISING)
    drivers.push({
      text: `Absent for ${m.absencePct.toFixed(1)}% of sessions so far (the PA line is 10%)`,
      effect: m.absencePct / 10,
    });
  if (m.unauthorisedLast10Weeks >= 4)
    drivers.push({
      text: `${m.unauthorisedLast10Weeks} unauthorised absences in the last 10 school weeks`,
      effect: m.unauthorisedLast10Weeks / 10,
    });
  if (m.spells >= 4)
    drivers.push({ text: `${m.spells} separate spells of absence this year`, effect: m.spells / 10 });
  if (unauthorised > 0 && absent > 0 && unauthorised / absent >= 0.5)
    drivers.push({ text: 'Most absence is unauthorised', effect: 0.3 });
  if (!m.pa && remaining > 0 && m.runway.canMiss <= 5)
    drivers.push({
      text: `Can miss only ${m.runway.canMiss} more sessions this year and stay below 10%`,
      effect: 0.5,
    });
  if (!drivers.length) drivers.push({ text: 'Attendance so far is good', effect: -0.5 });
  drivers.sort((a, b) => b.effect - a.effect);
  return {
    pupilId: m.pupilId,
    band: ruleBandOf(m),
    pPA: null,
    pSA: null,
    expectedAttendancePct: att(absent + rate * remaining),
    rangeLow: att(absent + Math.min(1, 2 * rate) * remaining),
    rangeHigh: att(absent),
    drivers,
    source: 'rule',
  };
}

/**
 * The chance in words, agreeing with the band: a pupil already PA is told apart from one who may become PA
 * ("PA now; 17% chance of still being PA in July", i.e. at the year's end), since one over the line in October can
 * still recover by July. Null when a rule made the estimate (no probability to state).
 */
export function chanceWords(band: RiskBand, pPA: number | null): string | null {
  if (pPA === null || Number.isNaN(pPA)) return null;
  const p = `${Math.round(pPA * 100)}%`;
  if (band === 'sa') return `SA now; ${p} chance of still being PA in July`;
  if (band === 'pa') return `PA now; ${p} chance of still being PA in July`;
  return `${p} chance of being PA in July`;
}

/** Risk for every pupil from the register rule (the estimate shown until the model answers). */
export function ruleRiskMap(
  rows: readonly { id: string; metrics: PupilMetrics }[],
): ReadonlyMap<string, RiskView> {
  return new Map(rows.map((r) => [r.id, ruleRisk(r.metrics)]));
}

/** The model's answer in the shape the screens use. */
export function modelRiskMap(
  scored: readonly (Omit<RiskView, 'source'> & { basis?: 'totals' })[],
): ReadonlyMap<string, RiskView> {
  return new Map(
    scored.map((s) => [
      s.pupilId,
      {
        pupilId: s.pupilId,
        band: s.band,
        pPA: s.pPA,
        pSA: s.pSA,
        expectedAttendancePct: s.expectedAttendancePct,
        rangeLow: s.rangeLow,
        rangeHigh: s.rangeHigh,
        drivers: s.drivers,
        source: s.basis === 'totals' ? 'totals' : 'model',
      },
    ]),
  );
}

/** The model's P(PA) per half term, keyed by half-term name so two calendars never get out of step silently. */
export function halfTermRiskMap(r: {
  halfTerms: readonly { name: string }[];
  pupils: readonly { pupilId: string; pPA: readonly number[] }[];
}): ReadonlyMap<string, Record<string, number>> {
  return new Map(
    r.pupils.map((p) => [p.pupilId, Object.fromEntries(r.halfTerms.map((h, i) => [h.name, p.pPA[i]]))]),
  );
}

export const NO_RISK: ReadonlyMap<string, RiskView> = new Map();
export const NO_PUPILS: ReadonlySet<string> = new Set();
