/**
 * Risk for pupils the school holds only period totals for (a summary export, a CTF without marks): the totals
 * model's P(PA) (totals.ts) read through the same predictive distribution as the register model's, so P(PA),
 * P(SA), the band and the year-end range agree exactly as they do for pupils with marks. The app's score worker
 * and the headless scorer both call `scoreTotalsOnly`, so a totals-only pupil gets one score everywhere.
 */
import { inferCalendar, type SchoolCalendar } from '../domain/calendar';
import { slotEndOfDate, yearSlots, type PupilYear } from '../domain/register';
import { combineTotals, totalsAsOf, type PupilPeriodTotals } from '../domain/summary';
import { tallyMarks } from '../domain/tally';
import { onRollRange } from '../domain/metrics';
import { SESSIONS_PER_YEAR } from './features';
import type { ModelMeta } from './net';
import { predictive } from './predictive';
import { residualBin } from './train';
import { scoreTotals, type PupilTotals } from './totals';
import { bandOf, type Driver, type HalfTermRisk, type PupilRisk } from './types';

/** Said first in every totals-only pupil's reasons, so every screen and the scorer's CSV label the score. */
export const TOTALS_BASIS = 'Risk from period totals (no session marks)';

/** The totals model's inputs for one pupil: the year to date, the latest period, and last year when held. */
export function pupilTotalsOf(
  rows: readonly PupilPeriodTotals[],
  prior: readonly PupilPeriodTotals[] = [],
): PupilTotals | null {
  const all = combineTotals(rows);
  if (!all || all.possible <= 0) return null;
  const t: PupilTotals = { possible: all.possible, absent: all.authorised + all.unauthorised };
  if (rows.length > 1) {
    const last = latestPeriod(rows);
    t.lastPossible = last.possible;
    t.lastAbsent = last.authorised + last.unauthorised;
  }
  const p = combineTotals(prior);
  if (p && p.possible > 0) {
    t.priorPossible = p.possible;
    t.priorAbsent = p.authorised + p.unauthorised;
  }
  return t;
}

const calendars = new Map<number, SchoolCalendar>();
/** The share of a typical year's 380 sessions gone by `asOf` (the totals do not say which days were open). */
export function yearGoneAt(asOf: string, startYear: number): number {
  let cal = calendars.get(startYear);
  if (!cal) calendars.set(startYear, (cal = inferCalendar(startYear, [])));
  const slots = yearSlots(startYear);
  const end = asOf < slots.days[0] ? 0 : slotEndOfDate(slots, asOf);
  let open = 0;
  for (let i = 0; i < end; i++) open += cal.openSession[i];
  return Math.min(1, open / SESSIONS_PER_YEAR);
}

export interface TotalsOnlyArgs {
  /** This school year's period totals (any pupils; those with marks are skipped). */
  totals: readonly PupilPeriodTotals[];
  /** Last year's period totals, when held. */
  priorTotals?: readonly PupilPeriodTotals[];
  /** Pupils with marks this year: scored by the register model, not here; their absence sets the school's rate. */
  years?: readonly PupilYear[];
  asOf: string;
  startYear: number;
  /** Count only periods that have ended by as-of (what was known that day), not those started by then. */
  ended?: boolean;
}

const pct = (a: number, p: number) => `${((100 * a) / p).toFixed(1)}%`;

/** P(PA), P(SA), band, year-end range and reasons for every pupil with totals and no marks this year. */
export function scoreTotalsOnly(
  meta: Pick<ModelMeta, 'totalsPA' | 'residualBins'>,
  a: TotalsOnlyArgs,
): PupilRisk[] {
  const coef = meta.totalsPA;
  if (!coef) throw new Error('This model has no totals model: retrain it with npm run train');
  const marked = new Set((a.years ?? []).map((y) => y.pupilId));
  const byPupil = groupByPupil(a.totals.filter((t) => !marked.has(t.pupilId)));
  const priorBy = groupByPupil(a.priorTotals ?? []);
  const ids: string[] = [];
  const pupils: PupilTotals[] = [];
  const labels: string[] = [];
  let lastDay = '';
  for (const [id, rows] of byPupil) {
    const counted = totalsAsOf(rows, a.asOf, a.ended);
    const t = pupilTotalsOf(counted, priorBy.get(id));
    if (!t) continue;
    for (const r of counted) if ((r.to ?? '') > lastDay) lastDay = r.to ?? '';
    ids.push(id);
    pupils.push(t);
    labels.push(counted.length > 1 ? (latestPeriod(counted).periodLabel ?? '') : '');
  }
  // The totals speak for the school year up to the end of their latest period, or to as-of when that is earlier
  // (a period still running, or an export that gives no end date).
  const yearGone = yearGoneAt(lastDay && lastDay < a.asOf ? lastDay : a.asOf, a.startYear);
  const p = scoreTotals(coef, pupils, { yearGone, schoolRate: schoolRate(pupils, a) });
  const spread = meta.residualBins[residualBin(yearGone)] ?? { q10: -0.05, q90: 0.05 };
  return pupils.map((t, i) => {
    // The pupil's expected remaining sessions, as the totals model's cushion reads them.
    const remaining =
      Math.max(0, SESSIONS_PER_YEAR * (1 - yearGone)) *
      Math.min(1, t.possible / Math.max(1, yearGone * SESSIONS_PER_YEAR));
    const d = predictive({
      pPA: p[i],
      rate: t.absent / t.possible,
      spread,
      absent: t.absent,
      possible: t.possible,
      remaining,
    });
    return {
      pupilId: ids[i],
      pPA: d.pPA,
      pSA: d.pSA,
      expectedAttendancePct: d.expectedAttendancePct,
      rangeLow: d.rangeLow,
      rangeHigh: d.rangeHigh,
      band: bandOf(d.pPA, t.absent, t.possible),
      drivers: totalsDrivers(t, labels[i]),
      possibleSessions: t.possible,
      attendancePct: 100 * (1 - t.absent / t.possible),
      basis: 'totals',
    };
  });
}

/**
 * Totals-only pupils' P(PA) and P(SA) as they stood at the end of each period: the same score over the totals that
 * had ended by then, so each period's band agrees with the PA reached by then (views/overview.ts bands with it).
 */
export function totalsRiskAt(
  meta: Pick<ModelMeta, 'totalsPA' | 'residualBins'>,
  a: Omit<TotalsOnlyArgs, 'asOf' | 'ended'>,
  ends: readonly { name: string; endDate: string }[],
): HalfTermRisk {
  const byId = new Map<string, HalfTermRisk['pupils'][number]>();
  ends.forEach((e, i) => {
    for (const r of scoreTotalsOnly(meta, { ...a, asOf: e.endDate, ended: true })) {
      let p = byId.get(r.pupilId);
      if (!p) {
        p = { pupilId: r.pupilId, pPA: ends.map(() => NaN), pSA: ends.map(() => NaN) };
        byId.set(r.pupilId, p);
      }
      p.pPA[i] = r.pPA;
      p.pSA[i] = r.pSA;
    }
  });
  return { halfTerms: ends.map((e) => ({ name: e.name, endDate: e.endDate })), pupils: [...byId.values()] };
}

/**
 * The register model's half-term risk with the totals-only pupils' added: at the register's half terms, or, for a
 * school with no marks, at the finished periods its totals name (`periods`). What the score worker returns.
 */
export function withTotalsRisk(
  meta: Pick<ModelMeta, 'totalsPA' | 'residualBins'>,
  marks: HalfTermRisk,
  a: Omit<TotalsOnlyArgs, 'asOf' | 'ended'>,
  periods: readonly { name: string; endDate: string }[] = [],
): HalfTermRisk {
  const ends = a.years?.length ? marks.halfTerms : periods;
  return { halfTerms: [...ends], pupils: [...marks.pupils, ...totalsRiskAt(meta, a, ends).pupils] };
}

/** The period ending last (summaries list terms in any order). */
function latestPeriod(rows: readonly PupilPeriodTotals[]): PupilPeriodTotals {
  return rows.reduce((a, b) => ((b.to ?? '') > (a.to ?? '') ? b : a));
}

function groupByPupil(rows: readonly PupilPeriodTotals[]): Map<string, PupilPeriodTotals[]> {
  const m = new Map<string, PupilPeriodTotals[]>();
  for (const r of rows) {
    const list = m.get(r.pupilId);
    if (list) list.push(r);
    else m.set(r.pupilId, [r]);
  }
  return m;
}

/** The whole school's absence rate to date: the totals pupils with the marked pupils' registers to `asOf`. */
function schoolRate(pupils: readonly PupilTotals[], a: TotalsOnlyArgs): number {
  let absent = 0;
  let possible = 0;
  for (const t of pupils) {
    absent += t.absent;
    possible += t.possible;
  }
  if (a.years?.length) {
    const end = slotEndOfDate(yearSlots(a.startYear), a.asOf);
    for (const py of a.years) {
      const [from, to] = onRollRange(py, 0, end);
      const tally = tallyMarks(py.marks, from, to);
      absent += tally.absent;
      possible += tally.possible;
    }
  }
  return possible ? absent / possible : 0;
}

/** What the totals say, in words: the basis first, then the latest period and last year when known. */
function totalsDrivers(t: PupilTotals, latest: string): Driver[] {
  const out: Driver[] = [
    {
      text: `${TOTALS_BASIS}: absent ${t.absent} of ${t.possible} possible sessions (${pct(t.absent, t.possible)}) to date`,
      effect: t.absent / t.possible,
    },
  ];
  if (t.lastPossible)
    out.push({
      text: `${latest ? `Latest period (${latest})` : 'Latest period'}: ${pct(t.lastAbsent ?? 0, t.lastPossible)} absence`,
      effect: (t.lastAbsent ?? 0) / t.lastPossible - t.absent / t.possible,
    });
  if (t.priorPossible)
    out.push({
      text: `Last year: ${pct(t.priorAbsent ?? 0, t.priorPossible)} absence`,
      effect: (t.priorAbsent ?? 0) / t.priorPossible - 0.1,
    });
  return out;
}
