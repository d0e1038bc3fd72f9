/**
 * Risk for schools that import only period totals (no session marks): a logistic model over what
 * totals can say — absence to date, the latest period's absence, last year's, the school's — fitted on
 * the same wide family of simulated schools as the network, at every half-term end. Fewer inputs than
 * the register model (no spells, weekdays or reasons), so it is labelled as a model over totals.
 */
import { inferCalendar } from '../domain/calendar';
import { CAT, CATEGORY_OF } from '../domain/codes';
import type { PupilYear } from '../domain/register';
import { SESSIONS_PER_YEAR, schoolSessions, yearTotals } from './features';
import { priorIndex, yearOutcome, type SchoolHistory } from './dataset';
import { fitLogistic, sigmoid } from './calibrate';
import { sessionsBefore } from './score';

/** What a summary export gives for one pupil as of a date. */
export interface PupilTotals {
  /** Possible sessions and absences this year to date. */
  possible: number;
  absent: number;
  /** The same over the latest period (e.g. the last half term); absent: the whole year to date. */
  lastPossible?: number;
  lastAbsent?: number;
  /** Last year's whole-year totals, when held. */
  priorPossible?: number;
  priorAbsent?: number;
}

/** Everything a school-wide score needs: the pupils' totals and the share of the year gone. */
export interface TotalsContext {
  /** School sessions so far / 380 (the summary's period dates say it). */
  yearGone: number;
  /** The whole school's absence rate to date (from the same totals when not given). */
  schoolRate?: number;
}

export const TOTALS_INPUTS = [
  'bias',
  'logitToDate',
  'yearGone',
  'logitToDate×yearGone',
  'latestPeriodMinusToDate',
  'logitPrior',
  'hasPrior',
  'relativeToSchool',
  'cushion', // future absence rate that would make the pupil PA by year end
] as const;

/** Coefficients, one per input (fitted by fitTotalsModel; stored in the model's metadata). */
export type TotalsCoefficients = number[];

const smoothLogit = (a: number, p: number) => Math.log((a + 0.5) / (p - a + 0.5));

function inputs(t: PupilTotals, ctx: TotalsContext, schoolRate: number, out: Float64Array): void {
  const g = Math.min(1, Math.max(0, ctx.yearGone));
  const rate = t.absent / t.possible;
  const z = smoothLogit(t.absent, t.possible);
  const lastRate = t.lastPossible ? (t.lastAbsent ?? 0) / t.lastPossible : rate;
  const hasPrior = !!t.priorPossible;
  const remaining =
    Math.max(0, SESSIONS_PER_YEAR * (1 - g)) * Math.min(1, t.possible / Math.max(1, g * SESSIONS_PER_YEAR));
  const total = t.possible + remaining;
  out[0] = 1;
  out[1] = z;
  out[2] = g;
  out[3] = z * g;
  out[4] = lastRate - rate;
  out[5] = hasPrior ? smoothLogit(t.priorAbsent ?? 0, t.priorPossible!) : 0;
  out[6] = hasPrior ? 1 : 0;
  out[7] = Math.log((rate + 0.005) / (schoolRate + 0.005));
  out[8] =
    remaining > 0
      ? Math.max(-1, Math.min(1, (0.1 * total - t.absent) / remaining))
      : t.absent >= 0.1 * total
        ? -1
        : 1;
}

function schoolRateOf(pupils: readonly PupilTotals[]): number {
  let a = 0;
  let p = 0;
  for (const t of pupils) {
    a += t.absent;
    p += t.possible;
  }
  return p ? a / p : 0;
}

/** P(year-end PA) per pupil from totals alone; NaN for a pupil with no possible session. */
export function scoreTotals(
  coef: TotalsCoefficients,
  pupils: readonly PupilTotals[],
  ctx: TotalsContext,
): Float64Array {
  const school = ctx.schoolRate ?? schoolRateOf(pupils);
  const x = new Float64Array(TOTALS_INPUTS.length);
  return Float64Array.from(pupils, (t) => {
    if (!(t.possible > 0)) return NaN;
    inputs(t, ctx, school, x);
    let s = 0;
    for (let j = 0; j < x.length; j++) s += coef[j] * x[j];
    return sigmoid(s);
  });
}

/** Counts possible sessions and absences in school sessions [from, to). */
function countIn(
  py: PupilYear,
  sessions: Int32Array,
  from: number,
  to: number,
): { possible: number; absent: number } {
  let possible = 0;
  let absent = 0;
  for (let i = Math.max(0, from); i < to; i++) {
    const k = CATEGORY_OF[py.marks[sessions[i]]];
    if (k >= CAT.present && k <= CAT.unauthorised) {
      possible++;
      if (k >= CAT.authorised) absent++;
    }
  }
  return { possible, absent };
}

/**
 * What a summary export of this register would say at the end of each half term (but the last): the
 * totals to date, the half term's own totals and last year's; with the year-end outcome.
 */
export function totalsAtHalfTerms(h: SchoolHistory): {
  name: string;
  ctx: TotalsContext;
  pupils: PupilTotals[];
  pa: number[];
}[] {
  const years = h.years.filter((py) => yearOutcome(py));
  if (!years.length) return [];
  const sessions = schoolSessions(years);
  const priors = priorIndex(years, h.priorYears);
  const cal = inferCalendar(
    years[0].startYear,
    years.map((p) => p.marks),
  );
  const out = [];
  let from = 0;
  for (const ht of cal.halfTerms.slice(0, -1)) {
    const upTo = sessionsBefore(sessions, ht.endSlot);
    const pupils: PupilTotals[] = [];
    const pa: number[] = [];
    for (const py of years) {
      const to = countIn(py, sessions, 0, upTo);
      if (!to.possible) continue;
      const last = countIn(py, sessions, from, upTo);
      const t: PupilTotals = { ...to, lastPossible: last.possible, lastAbsent: last.absent };
      const prior = priors.get(py.pupilId);
      if (prior) {
        const y = yearTotals(prior.marks);
        t.priorPossible = y.possible;
        t.priorAbsent = y.absent;
      }
      pupils.push(t);
      pa.push(yearOutcome(py)!.pa);
    }
    out.push({ name: ht.name, ctx: { yearGone: upTo / SESSIONS_PER_YEAR }, pupils, pa });
    from = upTo;
  }
  return out;
}

/** Fits the coefficients on completed years (every half-term end of every school-year). */
export function fitTotalsModel(histories: readonly SchoolHistory[]): TotalsCoefficients {
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  for (const h of histories)
    for (const c of totalsAtHalfTerms(h)) {
      const school = schoolRateOf(c.pupils);
      c.pupils.forEach((t, i) => {
        const x = new Float64Array(TOTALS_INPUTS.length);
        inputs(t, c.ctx, school, x);
        rows.push(x);
        labels.push(c.pa[i]);
      });
    }
  const k = TOTALS_INPUTS.length;
  return fitLogistic(rows.length, k, (i, x) => x.set(rows[i]), labels, new Array(k).fill(0), 30);
}
