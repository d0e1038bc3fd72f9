/**
 * The score worker: scoring, trajectories, backtests and in-browser training, off the main thread.
 * TensorFlow.js loads here only, on the first call. Models stay in the worker; only results cross.
 */
import { serve } from './serve';
import type { CallContext } from '../shared/protocol';
import type { Pupil, PupilYear } from '../../domain/register';
import { initBrowserBackend } from '../../model/tf-browser';
import { fetchModel, fromStored, toStored, SCHOOL_MODEL_ID } from '../../model/load';
import { scoreSchoolWith, riskByHalfTermWith, type ScoreSchoolArgs } from '../../model/score';
import { backtestWith, type BacktestReport } from '../../model/backtest';
import { trainOnSchoolHistoryWith } from '../../model/school';
import type { ModelMeta, RiskModel } from '../../model/net';
import type { HalfTermRisk, ModelChoice, PupilRisk } from '../../model/types';
import { recalibrationFor, withCalibration, type SavedRecalibration } from '../../model/recalibrate';
import { scoreTotalsOnly, withTotalsRisk } from '../../model/totals-risk';
import { deleteModel, getSetting, loadModel, loadPupils, loadTotals, loadYear, saveModel } from '../../store';

export type { ModelChoice };
/** The setting the page keeps the school's recalibration in (state/model-choice.svelte.ts writes it). */
const RECALIBRATION_KEY = 'recalibration';

/** Registers come either in the call, or from the store by school year. */
export interface RegisterArgs {
  years?: PupilYear[];
  priorYears?: PupilYear[];
  /** Load years (and startYear − 1 as prior) from the store instead. */
  startYear?: number;
}

/** Every call carries the shipped model's absolute URL (resolved by the page, see score-client). */
interface ModelArgs {
  modelUrl?: string;
}

let shipped: Promise<RiskModel> | null = null;
let school: Promise<RiskModel | null> | null = null;
let recalibrated: { madeAt: string; model: RiskModel } | null = null;

/** Loads the model the page named; which one to use is decided on the page (views/model-choice.ts). */
async function getModel(choice: ModelChoice = 'shipped', url?: string): Promise<RiskModel> {
  await initBrowserBackend();
  if (choice === 'recalibrated') {
    const saved = await getSetting<SavedRecalibration | null>(RECALIBRATION_KEY, null);
    if (!saved?.result) throw new Error('No recalibration on a previous year yet');
    if (recalibrated?.madeAt !== saved.madeAt)
      recalibrated = {
        madeAt: saved.madeAt,
        model: withCalibration(await getModel('shipped', url), saved.result.plattPA),
      };
    return recalibrated.model;
  }
  if (choice === 'school') {
    school ??= loadModel(SCHOOL_MODEL_ID).then((m) => (m ? fromStored(m.artifacts as never) : null));
    const m = await school;
    if (m) return m;
    throw new Error('No school-trained model yet: train one from a previous year first');
  }
  shipped ??= fetchModel(url).catch((e) => {
    shipped = null;
    throw e;
  });
  return shipped;
}

async function registers(a: RegisterArgs): Promise<{ years: PupilYear[]; priorYears?: PupilYear[] }> {
  if (a.years) return { years: a.years, priorYears: a.priorYears };
  if (a.startYear === undefined) throw new Error('Say which school year to use');
  const [years, priorYears] = await Promise.all([loadYear(a.startYear), loadYear(a.startYear - 1)]);
  return { years, priorYears };
}

/**
 * This year's and last year's period totals from the store, when the model can score them: never for registers
 * passed in the call (they come with no totals), and null when the year holds none.
 */
async function storedTotals(model: RiskModel, a: RegisterArgs) {
  if (a.years || a.startYear === undefined || !model.meta.totalsPA) return null;
  const [totals, priorTotals] = await Promise.all([loadTotals(a.startYear), loadTotals(a.startYear - 1)]);
  return totals.length ? { totals, priorTotals, startYear: a.startYear } : null;
}

/** Pupils the store holds only period totals for this year: scored over their totals (never for passed-in registers). */
async function totalsOnlyRisk(
  model: RiskModel,
  a: RegisterArgs & { asOf: string; pupilIds?: string[] },
  years: PupilYear[],
): Promise<PupilRisk[]> {
  const held = await storedTotals(model, a);
  if (!held) return [];
  // The whole school is scored (its rate is an input), then only the pupils asked for are returned.
  const all = scoreTotalsOnly(model.meta, { ...held, years, asOf: a.asOf });
  const wanted = a.pupilIds ? new Set(a.pupilIds) : null;
  return wanted ? all.filter((r) => wanted.has(r.pupilId)) : all;
}

const handlers = {
  async scoreSchool(
    a: RegisterArgs &
      ModelArgs & { asOf: string; model?: ModelChoice } & Pick<ScoreSchoolArgs, 'explain' | 'pupilIds'>,
    ctx: CallContext,
  ): Promise<PupilRisk[]> {
    const model = await getModel(a.model, a.modelUrl);
    const r = await registers(a);
    const args = { ...r, asOf: a.asOf, explain: a.explain, pupilIds: a.pupilIds };
    const scored = scoreSchoolWith(model, args, (done, total) =>
      ctx.progress({ stage: 'Scoring pupils', done, total }),
    );
    return [...scored, ...(await totalsOnlyRisk(model, a, r.years))];
  },
  /**
   * `periods`: the finished periods of a school with period totals only (the page's, named as its totals name
   * them); a school with marks is scored at its register's half terms, totals-only pupils included.
   */
  async riskByHalfTerm(
    a: RegisterArgs &
      ModelArgs & { asOf: string; model?: ModelChoice; periods?: { name: string; endDate: string }[] },
  ): Promise<HalfTermRisk> {
    const model = await getModel(a.model, a.modelUrl);
    const r = await registers(a);
    const marks = riskByHalfTermWith(model, { ...r, asOf: a.asOf });
    const held = await storedTotals(model, a);
    return held ? withTotalsRisk(model.meta, marks, { ...held, years: r.years }, a.periods) : marks;
  },
  async backtest(
    a: RegisterArgs & ModelArgs & { model?: ModelChoice; pupils?: Pupil[] },
  ): Promise<BacktestReport> {
    const model = await getModel(a.model, a.modelUrl);
    const pupils = a.pupils ?? (a.years ? undefined : await loadPupils());
    return backtestWith(model, { ...(await registers(a)), pupils });
  },
  /**
   * Recalibrates the shipped model on a completed year held in the store (its year before as prior), as a
   * backtest over every school week; the page keeps the result and decides whether to use it.
   */
  async recalibrate(a: ModelArgs & { startYear: number; dataKey: string }): Promise<SavedRecalibration> {
    const model = await getModel('shipped', a.modelUrl);
    const { years, priorYears } = await registers({ startYear: a.startYear });
    return recalibrationFor(model, { years, priorYears }, a.startYear, a.dataKey);
  },
  /** Trains on a completed year and saves it as the school model; the shipped model stays available. */
  async trainOnSchoolHistory(
    a: RegisterArgs & ModelArgs & { pupils?: Pupil[]; save?: boolean },
    ctx: CallContext,
  ) {
    await initBrowserBackend();
    const base = await getModel('shipped', a.modelUrl).catch(() => undefined);
    const pupils = a.pupils ?? (a.years ? undefined : await loadPupils());
    const r = await trainOnSchoolHistoryWith(
      { ...(await registers(a)), pupils },
      (p) => ctx.progress(p),
      base,
      ctx.signal,
    );
    if (a.save !== false) {
      const stored = await toStored(r.model);
      await saveModel(SCHOOL_MODEL_ID, stored.artifacts as never, stored.meta);
      school = Promise.resolve(r.model);
    }
    return { meta: r.model.meta, report: r.report };
  },
  async modelInfo(
    a: ModelArgs,
  ): Promise<{ backend: string; shipped: ModelMeta | null; school: ModelMeta | null }> {
    const backend = await initBrowserBackend();
    const s = await getModel('shipped', a.modelUrl).catch(() => null);
    const c = await getModel('school').catch(() => null);
    return { backend, shipped: s?.meta ?? null, school: c?.meta ?? null };
  },
  async deleteSchoolModel(): Promise<void> {
    await deleteModel(SCHOOL_MODEL_ID);
    school = null;
  },
};

export type ScoreHandlers = typeof handlers;

serve(handlers);
