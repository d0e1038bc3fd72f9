/**
 * Honest accuracy: run the model as it would have run at each half term of a completed year, and
 * week by week for lead time, beside the rules schools use today ("absence to date ≥ 10%" / "≥ 5%").
 * Collection (per school) and summary (pooled) are apart so the eval script can pool many schools.
 */
import type { Pupil, PupilYear } from '../domain/register';
import { inferCalendar } from '../domain/calendar';
import { SESSIONS_PER_WEEK, schoolProfile, schoolSessions } from './features';
import { yearOutcome } from './dataset';
import { scoreAtSession, sessionsBefore } from './score';
import type { RiskModel } from './net';
import { atTop, auc, ece, median, ruleAccuracy, type TopK } from './metrics';
import { HIGH_RISK } from './types';

export interface BacktestArgs {
  /** A completed past year. */
  years: PupilYear[];
  priorYears?: PupilYear[];
  /** Demographics for the fairness panel only; never model inputs. */
  pupils?: Pupil[];
}

/** Scores and outcomes at one checkpoint, for pupils on roll then with a year-end outcome. */
export interface CheckpointData {
  name: string;
  endDate: string;
  pPA: number[];
  pSA: number[];
  toDate: number[];
  pa: number[];
  sa: number[];
  groups: string[][];
}

export interface BacktestData {
  checkpoints: CheckpointData[];
  /** Per pupil ending the year PA: weeks the model flagged them before the ≥ 10% rule did. */
  leadForGood: number[];
  leadFirst: number[];
  /** leadForGood for pupils the rule had not flagged for good by week 4: where warning early is possible. */
  leadLate: number[];
  modelNeverFlagged: number;
}

export function collectBacktest(model: RiskModel, args: BacktestArgs): BacktestData {
  const years = args.years.filter((p) => yearOutcome(p));
  const outcomes = years.map((p) => yearOutcome(p)!);
  const cal = inferCalendar(
    years[0].startYear,
    years.map((p) => p.marks),
  );
  const sessions = schoolSessions(years);
  const profile = schoolProfile(years, sessions);
  const byId = new Map((args.pupils ?? []).map((p) => [p.id, p]));
  const groupsOf = years.map((py) => groupLabels(byId.get(py.pupilId)));
  const checkpoints: CheckpointData[] = [];
  for (const h of cal.halfTerms.slice(0, -1)) {
    const upTo = sessionsBefore(sessions, h.endSlot);
    if (upTo < SESSIONS_PER_WEEK) continue;
    const s = scoreAtSession(model, years, args.priorYears, upTo, { sessions, profile });
    const c: CheckpointData = {
      name: h.name,
      endDate: h.endDate,
      pPA: [],
      pSA: [],
      toDate: [],
      pa: [],
      sa: [],
      groups: [],
    };
    for (let i = 0; i < years.length; i++) {
      if (!Number.isFinite(s.pPA[i])) continue;
      c.pPA.push(s.pPA[i]);
      c.pSA.push(s.pSA[i]);
      c.toDate.push(s.toDate[i]);
      c.pa.push(outcomes[i].pa);
      c.sa.push(outcomes[i].sa);
      c.groups.push(groupsOf[i]);
    }
    checkpoints.push(c);
  }
  // Week by week: when did the model (p ≥ 0.5) and the rule (to date ≥ 10%) flag each pupil?
  const weeks = Math.floor(sessions.length / SESSIONS_PER_WEEK);
  const n = years.length;
  const modelFlags: Uint8Array[] = [];
  const ruleFlags: Uint8Array[] = [];
  for (let w = 1; w <= weeks; w++) {
    const s = scoreAtSession(model, years, args.priorYears, w * SESSIONS_PER_WEEK, { sessions, profile });
    const mf = new Uint8Array(n);
    const rf = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      mf[i] = s.pPA[i] >= HIGH_RISK ? 1 : 0;
      rf[i] = s.toDate[i] >= 0.1 ? 1 : 0;
    }
    modelFlags.push(mf);
    ruleFlags.push(rf);
  }
  const leadForGood: number[] = [];
  const leadFirst: number[] = [];
  const leadLate: number[] = [];
  let never = 0;
  for (let i = 0; i < n; i++) {
    if (!outcomes[i].pa) continue;
    const col = (f: Uint8Array[]) => f.map((a) => a[i]);
    const m = col(modelFlags);
    const r = col(ruleFlags);
    const rFirst = firstWeek(r);
    const rGood = forGoodWeek(r);
    if (rFirst < 0) continue; // left before crossing: no date to compare with
    const mFirst = firstWeek(m);
    const mGood = forGoodWeek(m);
    if (mFirst < 0) never++;
    // A pupil the model never flags counts as flagged after the last week: lead is then negative.
    leadFirst.push(rFirst - (mFirst < 0 ? weeks : mFirst));
    leadForGood.push(rGood - (mGood < 0 ? weeks : mGood));
    if (rGood >= 4) leadLate.push(rGood - (mGood < 0 ? weeks : mGood));
  }
  return { checkpoints, leadForGood, leadFirst, leadLate, modelNeverFlagged: never };
}

function firstWeek(f: ArrayLike<number>): number {
  for (let w = 0; w < f.length; w++) if (f[w]) return w;
  return -1;
}
/** First week from which the flag stays on to the end of the year. */
function forGoodWeek(f: ArrayLike<number>): number {
  if (!f.length || !f[f.length - 1]) return -1;
  let w = f.length - 1;
  while (w > 0 && f[w - 1]) w--;
  return w;
}

function groupLabels(p: Pupil | undefined): string[] {
  if (!p) return [];
  const g: string[] = [];
  if (p.fsm !== undefined) g.push(p.fsm ? 'FSM' : 'Not FSM');
  if (p.sen) g.push(p.sen === 'none' ? 'No SEN' : p.sen === 'support' ? 'SEN support' : 'EHC plan');
  if (p.sex === 'F' || p.sex === 'M') g.push(p.sex === 'F' ? 'Girls' : 'Boys');
  return g;
}

export function mergeBacktests(parts: readonly BacktestData[]): BacktestData {
  const byName = new Map<string, CheckpointData>();
  for (const part of parts)
    for (const c of part.checkpoints) {
      const had = byName.get(c.name);
      if (!had)
        byName.set(c.name, {
          ...c,
          pPA: [...c.pPA],
          pSA: [...c.pSA],
          toDate: [...c.toDate],
          pa: [...c.pa],
          sa: [...c.sa],
          groups: [...c.groups],
        });
      else
        for (const k of ['pPA', 'pSA', 'toDate', 'pa', 'sa', 'groups'] as const)
          (had[k] as unknown[]).push(...c[k]);
    }
  return {
    checkpoints: [...byName.values()],
    leadForGood: parts.flatMap((p) => p.leadForGood),
    leadFirst: parts.flatMap((p) => p.leadFirst),
    leadLate: parts.flatMap((p) => p.leadLate),
    modelNeverFlagged: parts.reduce((a, p) => a + p.modelNeverFlagged, 0),
  };
}

export interface Ranking {
  auc: number;
  /** AUC among pupils not yet PA at the checkpoint: the ones a threshold list misses. */
  aucNotYetPA: number;
  top10: TopK;
  top20: TopK;
}

export interface GroupRow {
  group: string;
  pupils: number;
  paRate: number;
  modelFlagRate: number;
  ruleFlagRate: number;
  auc: number;
}

export interface CheckpointReport {
  name: string;
  endDate: string;
  pupils: number;
  /** Share of these pupils who ended the year PA. */
  paRate: number;
  model: Ranking & { ece: number; eceSA: number; aucSA: number; flagged: TopK };
  absenceToDate: Ranking;
  rule10: TopK;
  rule5: TopK;
  /** The model flagging as many pupils as the ≥ 5% rule does. */
  modelAtRule5Rate: TopK;
  groups: GroupRow[];
}

export interface BacktestReport {
  checkpoints: CheckpointReport[];
  leadTime: {
    paPupils: number;
    /** Median weeks the model's flag (p ≥ 0.5) came before the ≥ 10% rule's, each counted from when it stayed on. */
    medianWeeksEarlier: number;
    /** The same, counting each flag from the first week it was ever raised. */
    medianWeeksEarlierFirstFlag: number;
    /** Among PA pupils the rule only flagged (for good) from week 4 on: how many, and the median lead. */
    latePupils: number;
    medianWeeksEarlierLate: number;
    meanWeeksEarlier: number;
    shareFlaggedEarlier: number;
    modelNeverFlagged: number;
  };
}

function ranking(score: number[], pa: number[], toDate: number[]): Ranking {
  const keep = toDate.map((t) => t < 0.1);
  return {
    auc: auc(score, pa),
    aucNotYetPA: auc(
      score.filter((_, i) => keep[i]),
      pa.filter((_, i) => keep[i]),
    ),
    top10: atTop(score, pa, 0.1),
    top20: atTop(score, pa, 0.2),
  };
}

export function summariseBacktest(d: BacktestData): BacktestReport {
  const checkpoints = d.checkpoints.map((c): CheckpointReport => {
    const rule5 = ruleAccuracy(
      c.toDate.map((t) => t >= 0.05),
      c.pa,
    );
    const names = [...new Set(c.groups.flat())];
    return {
      name: c.name,
      endDate: c.endDate,
      pupils: c.pa.length,
      paRate: c.pa.reduce((a, b) => a + b, 0) / c.pa.length,
      model: {
        ...ranking(c.pPA, c.pa, c.toDate),
        ece: ece(c.pPA, c.pa),
        eceSA: ece(c.pSA, c.sa),
        aucSA: auc(c.pSA, c.sa),
        flagged: ruleAccuracy(
          c.pPA.map((p) => p >= HIGH_RISK),
          c.pa,
        ),
      },
      absenceToDate: ranking(c.toDate, c.pa, c.toDate),
      rule10: ruleAccuracy(
        c.toDate.map((t) => t >= 0.1),
        c.pa,
      ),
      rule5,
      modelAtRule5Rate: atTop(c.pPA, c.pa, rule5.flagged / c.pa.length),
      groups: names.sort().map((g) => {
        const ix = c.groups.map((gs, i) => (gs.includes(g) ? i : -1)).filter((i) => i >= 0);
        const pick = (xs: number[]) => ix.map((i) => xs[i]);
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
        return {
          group: g,
          pupils: ix.length,
          paRate: mean(pick(c.pa)),
          modelFlagRate: mean(pick(c.pPA).map((p) => (p >= HIGH_RISK ? 1 : 0))),
          ruleFlagRate: mean(pick(c.toDate).map((t) => (t >= 0.1 ? 1 : 0))),
          auc: auc(pick(c.pPA), pick(c.pa)),
        };
      }),
    };
  });
  return {
    checkpoints,
    leadTime: {
      paPupils: d.leadForGood.length,
      medianWeeksEarlier: median(d.leadForGood),
      medianWeeksEarlierFirstFlag: median(d.leadFirst),
      latePupils: d.leadLate.length,
      medianWeeksEarlierLate: median(d.leadLate),
      meanWeeksEarlier: d.leadForGood.reduce((a, b) => a + b, 0) / (d.leadForGood.length || 1),
      shareFlaggedEarlier: d.leadForGood.filter((l) => l > 0).length / (d.leadForGood.length || 1),
      modelNeverFlagged: d.modelNeverFlagged,
    },
  };
}

export function backtestWith(model: RiskModel, args: BacktestArgs): BacktestReport {
  return summariseBacktest(collectBacktest(model, args));
}
