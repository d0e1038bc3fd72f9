/**
 * Scoring a school as of a date: features → network → calibrated probabilities, expected year-end
 * attendance with its range, a band, and drivers found by occlusion.
 */
import { slotEndOfDate, weekdayOf, yearSlots, type PupilYear } from '../domain/register';
import { inferCalendar } from '../domain/calendar';
import {
  FEATURE_COUNT,
  SESSIONS_PER_YEAR,
  pupilFeatures,
  schoolProfile,
  schoolSessions,
  type PupilFacts,
  type SchoolProfile,
} from './features';
import { priorIndex } from './dataset';
import { runNet, standardise, type RiskModel } from './net';
import { applyPlatt, plattSlope } from './calibrate';
import { residualBin } from './train';
import { GROUPS, driversFor } from './explain';
import { bandOf, RISING_RISK, type HalfTermRisk, type PupilRisk } from './types';
import { isPersistentlyAbsent } from '../domain/metrics';
import { predictive } from './predictive';

/** Pupils scored per batch: bounds memory when occlusion multiplies the rows by 12. */
const CHUNK = 4096;

/** Number of school sessions that fall before a slot. */
export function sessionsBefore(sessions: Int32Array, slot: number): number {
  let lo = 0;
  let hi = sessions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sessions[mid] < slot) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Drivers cost one extra network pass per input group. By default they are worked out for pupils in the
 * "rising" band or above (and everyone already PA); below it, pupils get none unless asked for by id (the
 * pupil page does). At 0.05 two thirds of a school were explained, a quarter of the time to score 50,000.
 */
export const EXPLAIN_FROM = RISING_RISK;

export interface ScoreOptions {
  /** Work out drivers: for every pupil scored, or only those at some risk (see EXPLAIN_FROM). */
  explain?: boolean | 'at-risk';
  /** School sessions (from schoolSessions), when the caller already has them. */
  sessions?: Int32Array;
  /** The school's running totals (from schoolProfile), when the caller already has them. */
  profile?: SchoolProfile;
  onChunk?: (done: number, total: number) => void;
}

export interface RawScores {
  pupilIds: string[];
  pPA: Float32Array;
  pSA: Float32Array;
  rate: Float32Array;
  toDate: Float32Array;
  possible: Int32Array;
  /** 1 when already persistently absent to date (the one rule in src/domain/metrics.ts). */
  paNow: Uint8Array;
  facts: (PupilFacts | null)[];
  drivers?: PupilRisk['drivers'][];
}

/** Probabilities for every pupil as of school session index `upTo`; pupils with no possible session get NaN. */
export function scoreAtSession(
  model: RiskModel,
  years: readonly PupilYear[],
  priorYears: readonly PupilYear[] | undefined,
  upTo: number,
  opts: ScoreOptions = {},
): RawScores {
  const sessions = opts.sessions ?? schoolSessions(years);
  const priors = priorIndex(years, priorYears);
  const profile = opts.profile ?? schoolProfile(years, sessions);
  const n = years.length;
  const res: RawScores = {
    pupilIds: years.map((p) => p.pupilId),
    pPA: new Float32Array(n).fill(NaN),
    pSA: new Float32Array(n).fill(NaN),
    rate: new Float32Array(n).fill(NaN),
    toDate: new Float32Array(n).fill(NaN),
    possible: new Int32Array(n),
    paNow: new Uint8Array(n),
    facts: new Array(n).fill(null),
    drivers: opts.explain ? new Array(n).fill([]) : undefined,
  };
  const firstWeekday = years.length ? weekdayOf(yearSlots(years[0].startYear).epochDays[0]) : 0;
  const G = GROUPS.length;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const raw = new Float32Array((end - start) * FEATURE_COUNT);
    const idx: number[] = [];
    for (let i = start; i < end; i++) {
      const facts = pupilFeatures(
        years[i],
        priors.get(years[i].pupilId),
        sessions,
        upTo,
        raw,
        idx.length * FEATURE_COUNT,
        profile,
      );
      if (!facts) continue;
      res.facts[i] = facts;
      idx.push(i);
    }
    const rows = idx.length;
    const x = raw.slice(0, rows * FEATURE_COUNT);
    standardise(model.meta, x);
    const out = runNet(model.net, x, rows);
    const { plattPA, plattSA } = model.meta;
    const gone = Math.min(1, Math.min(upTo, sessions.length) / SESSIONS_PER_YEAR);
    const explainRows: number[] = [];
    for (let r = 0; r < rows; r++) {
      const i = idx[r];
      const facts = res.facts[i]!;
      res.pPA[i] = applyPlatt(plattPA, out.logitPA[r], gone);
      res.pSA[i] = applyPlatt(plattSA, out.logitSA[r]);
      res.rate[i] = out.rate[r];
      res.possible[i] = facts.possible;
      res.toDate[i] = facts.absent / facts.possible;
      res.paNow[i] = isPersistentlyAbsent(facts.absent, facts.possible) ? 1 : 0;
      if (
        opts.explain === true ||
        (opts.explain === 'at-risk' && (res.pPA[i] >= EXPLAIN_FROM || res.paNow[i]))
      )
        explainRows.push(r);
    }
    if (explainRows.length) {
      // Copy g: the pupil's inputs with group g set to the training average (0 once standardised).
      const m = explainRows.length;
      const xo = new Float32Array(m * G * FEATURE_COUNT);
      for (let g = 0; g < G; g++)
        for (let k = 0; k < m; k++) {
          const at = (g * m + k) * FEATURE_COUNT;
          xo.set(x.subarray(explainRows[k] * FEATURE_COUNT, (explainRows[k] + 1) * FEATURE_COUNT), at);
          for (const f of GROUPS[g].features) xo[at + f] = 0;
        }
      const occluded = runNet(model.net, xo, m * G);
      const effects = new Float64Array(G);
      const logitEffects = new Float64Array(G);
      for (let k = 0; k < m; k++) {
        const r = explainRows[k];
        const i = idx[r];
        for (let g = 0; g < G; g++) {
          const z = occluded.logitPA[g * m + k];
          effects[g] = res.pPA[i] - applyPlatt(plattPA, z, gone);
          logitEffects[g] = plattSlope(plattPA, gone) * (out.logitPA[r] - z);
        }
        res.drivers![i] = driversFor(
          effects,
          logitEffects,
          res.facts[i]!,
          raw,
          r * FEATURE_COUNT,
          firstWeekday,
        );
      }
    }
    opts.onChunk?.(end, n);
  }
  return res;
}

export interface ScoreSchoolArgs {
  years: PupilYear[];
  priorYears?: PupilYear[];
  /** ISO date: marks after it are ignored. */
  asOf: string;
  /**
   * Drivers for every pupil ('all'), or only pupils at some risk ('at-risk', the default: P(PA) ≥ 5%
   * or already PA), which keeps 50,000 pupils inside the time budget.
   */
  explain?: 'all' | 'at-risk';
  /** Only return these pupils (the whole school is still read, for school-wide figures). */
  pupilIds?: string[];
}

/** Risk for every pupil with a possible session by the as-of date, with drivers. */
export function scoreSchoolWith(
  model: RiskModel,
  args: ScoreSchoolArgs,
  onChunk?: ScoreOptions['onChunk'],
): PupilRisk[] {
  if (!args.years.length) return [];
  const sessions = schoolSessions(args.years);
  const slot = slotEndOfDate(yearSlots(args.years[0].startYear), args.asOf);
  const upTo = sessionsBefore(sessions, slot);
  const wanted = args.pupilIds ? new Set(args.pupilIds) : null;
  const years = wanted ? args.years.filter((p) => wanted.has(p.pupilId)) : args.years;
  const profile = schoolProfile(args.years, sessions);
  const explain = args.explain === 'all' ? true : 'at-risk';
  const s = scoreAtSession(model, years, args.priorYears, upTo, { explain, sessions, profile, onChunk });
  const gone = Math.min(1, upTo / SESSIONS_PER_YEAR);
  const spread = model.meta.residualBins[residualBin(gone)] ?? { q10: -0.05, q90: 0.05 };
  const out: PupilRisk[] = [];
  for (let i = 0; i < s.pupilIds.length; i++) {
    const facts = s.facts[i];
    if (!facts) continue;
    const d = predictive({
      pPA: s.pPA[i],
      rate: s.rate[i],
      spread,
      absent: facts.absent,
      possible: facts.possible,
      remaining: remainingSessions(years[i], args.asOf, upTo),
    });
    out.push({
      pupilId: s.pupilIds[i],
      pPA: d.pPA,
      pSA: d.pSA,
      expectedAttendancePct: d.expectedAttendancePct,
      rangeLow: d.rangeLow,
      rangeHigh: d.rangeHigh,
      band: bandOf(d.pPA, facts.absent, facts.possible),
      drivers: s.drivers![i],
      possibleSessions: s.possible[i],
      attendancePct: 100 * (1 - s.toDate[i]),
    });
  }
  return out;
}

/**
 * School sessions still to come for a pupil after `upTo` of the year's sessions: none once they have left
 * (their record is final), otherwise the rest of a 380-session year, as the model was trained.
 */
function remainingSessions(py: PupilYear, asOf: string, upTo: number): number {
  if (py.leavingDate && py.leavingDate <= asOf) return 0;
  return Math.max(0, SESSIONS_PER_YEAR - upTo);
}

/** The risk as it stood at the end of each half term that has ended by the as-of date. */
export function riskByHalfTermWith(model: RiskModel, args: ScoreSchoolArgs): HalfTermRisk {
  if (!args.years.length) return { halfTerms: [], pupils: [] };
  const cal = inferCalendar(
    args.years[0].startYear,
    args.years.map((p) => p.marks),
  );
  const sessions = schoolSessions(args.years);
  const asOfSlot = slotEndOfDate(yearSlots(args.years[0].startYear), args.asOf);
  const ends = cal.halfTerms.filter((h) => h.endSlot <= asOfSlot && sessionsBefore(sessions, h.endSlot) > 0);
  const pupils = args.years.map((p) => ({ pupilId: p.pupilId, pPA: [] as number[], pSA: [] as number[] }));
  const profile = schoolProfile(args.years, sessions);
  for (const h of ends) {
    const upTo = sessionsBefore(sessions, h.endSlot);
    const s = scoreAtSession(model, args.years, args.priorYears, upTo, { sessions, profile });
    const spread = model.meta.residualBins[residualBin(Math.min(1, upTo / SESSIONS_PER_YEAR))] ?? {
      q10: -0.05,
      q90: 0.05,
    };
    for (let i = 0; i < pupils.length; i++) {
      const facts = s.facts[i];
      // The same distribution as today's score, as of the half term's end, so its band and P(PA) agree.
      const d = facts
        ? predictive({
            pPA: s.pPA[i],
            rate: s.rate[i],
            spread,
            absent: facts.absent,
            possible: facts.possible,
            remaining: remainingSessions(args.years[i], h.endDate, upTo),
          })
        : { pPA: NaN, pSA: NaN };
      pupils[i].pPA.push(d.pPA);
      pupils[i].pSA.push(d.pSA);
    }
  }
  return { halfTerms: ends.map((h) => ({ name: h.name, endDate: h.endDate })), pupils };
}
