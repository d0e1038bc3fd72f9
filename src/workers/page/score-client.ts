/** Page side of the risk model: typed calls into the score worker. Importing this file loads nothing heavy. */
import { WorkerBridge, type CallOptions } from './bridge';
import type { ScoreHandlers } from '../worker/score.worker';
import { SHIPPED_MODEL_URL } from '../../model/paths';

export type { ModelChoice, RegisterArgs } from '../worker/score.worker';
export type { PupilRisk, Driver, RiskBand, HalfTermRisk } from '../../model/types';
export type { BacktestReport } from '../../model/backtest';

/**
 * The worker (and TensorFlow.js inside it) starts on the first call; after ten idle minutes it stops and frees the
 * model's memory, and the next call starts it again (the models reload from the store and the cache).
 */
const bridge = new WorkerBridge<ScoreHandlers>(
  () => new Worker(new URL('../worker/score.worker.ts', import.meta.url), { type: 'module', name: 'score' }),
  { idleMs: 10 * 60_000 },
);

/**
 * Stop the worker after this tab replaced or deleted the data: its store connection still holds the old data's
 * generation and would refuse to save (store/generation.ts); the next call starts a fresh one.
 */
export function restartScoreWorker(): void {
  if (bridge.started) bridge.terminate();
}

type Args<K extends keyof ScoreHandlers> = Omit<Parameters<ScoreHandlers[K]>[0], 'modelUrl'>;

/**
 * Where the shipped model lives, resolved against the page (the worker's own URL is under assets/).
 * The build copies the top-level models/ folder into dist/models/.
 */
let modelUrl: string | undefined;
export function setShippedModelUrl(url: string): void {
  modelUrl = new URL(url, document.baseURI).href;
}
const withModel = <T extends object>(args: T) => ({
  ...args,
  modelUrl: modelUrl ?? new URL(SHIPPED_MODEL_URL, document.baseURI).href,
});

/** Risk for every pupil as of a date: P(PA), P(SA), expected attendance with range, band, drivers. */
export const scoreSchool = (args: Args<'scoreSchool'>, o?: CallOptions) =>
  bridge.call('scoreSchool', withModel(args), o);
/** The risk at the end of each half term so far, per pupil. */
export const riskByHalfTerm = (args: Args<'riskByHalfTerm'>, o?: CallOptions) =>
  bridge.call('riskByHalfTerm', withModel(args), o);
/** The model run as it would have run at each half term of a completed year, beside the rule baselines. */
export const backtest = (args: Args<'backtest'>, o?: CallOptions) =>
  bridge.call('backtest', withModel(args), o);
/** Recalibrate the shipped model on a completed year in the store (a backtest over every school week). */
export const recalibrate = (args: Args<'recalibrate'>, o?: CallOptions) =>
  bridge.call('recalibrate', withModel(args), o);
/** Train on a completed year of this school's registers (progress via o.onProgress); saved as the 'school' model. */
export const trainOnSchoolHistory = (args: Args<'trainOnSchoolHistory'>, o?: CallOptions) =>
  bridge.call('trainOnSchoolHistory', withModel(args), o);
export const modelInfo = (o?: CallOptions) => bridge.call('modelInfo', withModel({}), o);
export const deleteSchoolModel = (o?: CallOptions) => bridge.call('deleteSchoolModel', undefined, o);
