/**
 * Honest accuracy: run the model as it would have run at each half term of a completed year, and
 * week by week for lead time, beside the rules schools use today ("absence to date ≥ 10%" / "≥ 5%").
 * Collection (per school) and summary (pooled) are apart so the eval script can pool many schools.
 */
import type { Pupil, PupilYear } from '../domain/register';
import { inferCalendar } from '../domain/calendar';
import { SESSIONS_PER_WEEK, schoolProfile, schoolSessions, type SchoolProfile } from './features';
import { yearOutcome } from './dataset';
import { scoreAtSession, sessionsBefore } from './score';
import type { RiskModel } from './net';
import { atTop, auc, ece, median, ruleAccuracy, type TopK } from './metrics';
import { HIGH_RISK, RISING_RISK } from './types';

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
  /** 1 when already PA at the checkpoint (the one rule in src/domain/metrics.ts, in whole numbers). */
  paNow: number[];
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
  /** The same two, with the model's flag at the UI's "rising" threshold (p ≥ 0.2) instead of 0.5. */
  leadRising: number[];
  leadRisingLate: number[];
  modelNeverFlagged: number;
}

/** Any scorer's P(PA), P(SA) and absence to date, per pupil of args.years, as of school session `upTo`. */
export type ScoreAt = (
  upTo: number,
  ctx: { years: PupilYear[]; sessions: Int32Array; profile: SchoolProfile },
) => {
  pPA: ArrayLike<number>;
  pSA: ArrayLike<number>;
  toDate: ArrayLike<number>;
  /** 1 when already PA to date, by isPersistentlyAbsent: the "≥ 10% so far" rule. */
  paNow: ArrayLike<number>;
};

export function collectBacktest(model: RiskModel, args: BacktestArgs): BacktestData {
  return collectBacktestBy(
    (upTo, { years, sessions, profile }) =>
      scoreAtSession(model, years, args.priorYears, upTo, { sessions, profile }),
    args,
  );
}

/** The backtest for any scorer (the shipped model, or the ceiling's oracle in scripts/ceiling.ts). */
export function collectBacktestBy(scoreAt: ScoreAt, args: BacktestArgs): BacktestData {
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
    const s = scoreAt(upTo, { years, sessions, profile });
    const c: CheckpointData = {
      name: h.name,
      endDate: h.endDate,
      pPA: [],
      pSA: [],
      toDate: [],
      paNow: [],
      pa: [],
      sa: [],
      groups: [],
    };
    for (let i = 0; i < years.length; i++) {
      if (!Number.isFinite(s.pPA[i])) continue;
      c.pPA.push(s.pPA[i]);
      c.pSA.push(s.pSA[i]);
      c.toDate.push(s.toDate[i]);
      c.paNow.push(s.paNow[i]);
      c.pa.push(outcomes[i].pa);
      c.sa.push(outcomes[i].sa);
      c.groups.push(groupsOf[i]);
    }
    checkpoints.push(c);
  }
  // Week by week: when did the model (p ≥ 0.5, and p ≥ 0.2 for the UI's "rising" band) and the rule
  // (to date ≥ 10%) flag each pupil? Week w is scored on the first w school weeks.
  const weeks = Math.floor(sessions.length / SESSIONS_PER_WEEK);
  const n = years.length;
  const modelFlags: Uint8Array[] = [];
  const risingFlags: Uint8Array[] = [];
  const ruleFlags: Uint8Array[] = [];
  for (let w = 1; w <= weeks; w++) {
    const s = scoreAt(w * SESSIONS_PER_WEEK, { years, sessions, profile });
    const mf = new Uint8Array(n);
    const rf = new Uint8Array(n);
    const sf = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      mf[i] = s.pPA[i] >= HIGH_RISK ? 1 : 0;
      sf[i] = s.pPA[i] >= RISING_RISK ? 1 : 0;
      rf[i] = s.paNow[i] ? 1 : 0;
    }
    modelFlags.push(mf);
    risingFlags.push(sf);
    ruleFlags.push(rf);
  }
  const out: BacktestData = {
    checkpoints,
    leadForGood: [],
    leadFirst: [],
    leadLate: [],
    leadRising: [],
    leadRisingLate: [],
    modelNeverFlagged: 0,
  };
  for (let i = 0; i < n; i++) {
    if (!outcomes[i].pa) continue;
    const col = (f: Uint8Array[]) => f.map((a) => a[i]);
    const r = col(ruleFlags);
    const rFirst = firstWeek(r);
    const rGood = forGoodWeek(r);
    if (rFirst < 0) continue; // left before crossing: no date to compare with
    const m = col(modelFlags);
    const mFirst = firstWeek(m);
    const mGood = forGoodWeek(m);
    const sGood = forGoodWeek(col(risingFlags));
    if (mFirst < 0) out.modelNeverFlagged++;
    // A pupil the model never flags counts as flagged after the last week: lead is then negative.
    const after = (w: number) => (w < 0 ? weeks : w);
    out.leadFirst.push(rFirst - after(mFirst));
    out.leadForGood.push(rGood - after(mGood));
    out.leadRising.push(rGood - after(sGood));
    if (rGood >= LATE_FROM_WEEK) {
      out.leadLate.push(rGood - after(mGood));
      out.leadRisingLate.push(rGood - after(sGood));
    }
  }
  return out;
}

/**
 * Pupils the rule already flags for good in the first weeks (an absence in week 1 is 10% of 10
 * sessions, and 40–45% of eventual PA pupils are over 10% from the first days and stay there) leave
 * no room for any earlier warning: their lead is at most 0 whatever the model does. The lead among
 * pupils the rule flags for good only from this school week on (index 4 = week 5) is where a model
 * can show what it adds; both figures are reported.
 */
export const LATE_FROM_WEEK = 4;

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
          paNow: [...c.paNow],
          pa: [...c.pa],
          sa: [...c.sa],
          groups: [...c.groups],
        });
      else
        for (const k of ['pPA', 'pSA', 'toDate', 'paNow', 'pa', 'sa', 'groups'] as const)
          (had[k] as unknown[]).push(...c[k]);
    }
  return {
    checkpoints: [...byName.values()],
    leadForGood: parts.flatMap((p) => p.leadForGood),
    leadFirst: parts.flatMap((p) => p.leadFirst),
    leadLate: parts.flatMap((p) => p.leadLate),
    leadRising: parts.flatMap((p) => p.leadRising),
    leadRisingLate: parts.flatMap((p) => p.leadRisingLate),
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
  /** flagged: p ≥ 0.5; rising: p ≥ 0.2 (the UI's "rising" band and above). */
  model: Ranking & { ece: number; eceSA: number; aucSA: number; flagged: TopK; rising: TopK };
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
    /** Shares of PA pupils the model flagged (for good) in the same week as the rule, and later. */
    shareSameWeek: number;
    shareFlaggedLater: number;
    modelNeverFlagged: number;
    /** Lead with the model's flag at p ≥ 0.2 (the "rising" band): all PA pupils, and the late ones. */
    risingMedianWeeksEarlier: number;
    risingMedianWeeksEarlierLate: number;
    risingShareFlaggedEarlier: number;
  };
}

function ranking(score: number[], pa: number[], paNow: number[]): Ranking {
  const keep = paNow.map((t) => !t);
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

const share = (xs: readonly number[], f: (x: number) => boolean) => xs.filter(f).length / (xs.length || 1);

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
        ...ranking(c.pPA, c.pa, c.paNow),
        ece: ece(c.pPA, c.pa),
        eceSA: ece(c.pSA, c.sa),
        aucSA: auc(c.pSA, c.sa),
        flagged: ruleAccuracy(
          c.pPA.map((p) => p >= HIGH_RISK),
          c.pa,
        ),
        rising: ruleAccuracy(
          c.pPA.map((p) => p >= RISING_RISK),
          c.pa,
        ),
      },
      absenceToDate: ranking(c.toDate, c.pa, c.paNow),
      rule10: ruleAccuracy(c.paNow, c.pa),
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
          ruleFlagRate: mean(pick(c.paNow)),
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
      shareFlaggedEarlier: share(d.leadForGood, (l) => l > 0),
      shareSameWeek: share(d.leadForGood, (l) => l === 0),
      shareFlaggedLater: share(d.leadForGood, (l) => l < 0),
      modelNeverFlagged: d.modelNeverFlagged,
      risingMedianWeeksEarlier: median(d.leadRising),
      risingMedianWeeksEarlierLate: median(d.leadRisingLate),
      risingShareFlaggedEarlier: share(d.leadRising, (l) => l > 0),
    },
  };
}

export function backtestWith(model: RiskModel, args: BacktestArgs): BacktestReport {
  return summariseBacktest(collectBacktest(model, args));
}
