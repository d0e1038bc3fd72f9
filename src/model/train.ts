/**
 * Training: fit the network on simulated or school history, then calibrate on pupils held out of
 * the fit (Platt scaling) and measure the range of the year-end estimate on the same held-out rows.
 */
import * as tf from '@tensorflow/tfjs-core';
import { F, FEATURE_COUNT, FEATURE_NAMES } from './features';
import { buildRows, hash01, type RowOptions, type Rows, type SchoolHistory } from './dataset';
import { buildNet, featureStats, runNet, standardise, type ModelMeta, type RiskModel } from './net';
import { fitPlatt, fitPlattByDate } from './calibrate';
import { quantile } from './metrics';
import type { TrainProgress as Progress } from './types';

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  seed?: number;
  /** Share of pupils held out of the fit for calibration. */
  holdOut?: number;
  rows?: RowOptions;
  name?: string;
  trainedOn?: string;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export const RESIDUAL_BINS = 5;

export async function trainRiskModel(
  schools: readonly SchoolHistory[],
  opts: TrainOptions = {},
): Promise<RiskModel> {
  const holdOut = opts.holdOut ?? 0.25;
  const seed = opts.seed ?? 1;
  const progress = opts.onProgress ?? (() => {});
  progress({ stage: 'Working out inputs', done: 0, total: 1 });
  const fitRows = buildRows(schools, { ...opts.rows, include: (py) => hash01(py.pupilId, seed) >= holdOut });
  const calRows = calibrationRows(schools, opts);
  if (fitRows.count < 50 || calRows.count < 20)
    throw new Error('Not enough pupils with a full year of registers to train on');
  const stats = featureStats(fitRows.x, fitRows.count);
  const meta: ModelMeta = {
    name: opts.name ?? 'radar',
    version: '1',
    trainedAt: new Date().toISOString(),
    trainedOn: opts.trainedOn ?? `${schools.length} school-years`,
    featureNames: [...FEATURE_NAMES],
    mean: stats.mean,
    std: stats.std,
    plattPA: { a: 1, b: 0 },
    plattSA: { a: 1, b: 0 },
    residualBins: [],
  };
  standardise(meta, fitRows.x);
  standardise(meta, calRows.x);

  const net = buildNet(seed);
  const epochs = opts.epochs ?? 12;
  const xs = tf.tensor2d(fitRows.x, [fitRows.count, FEATURE_COUNT]);
  const yRisk = tf.tensor2d(fitRows.yRisk, [fitRows.count, 2]);
  const yRate = tf.tensor2d(fitRows.yRate, [fitRows.count, 1]);
  try {
    await net.fit(xs, [yRisk, yRate], {
      epochs,
      batchSize: opts.batchSize ?? 256,
      shuffle: true,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch) => {
          progress({ stage: 'Training the model', done: epoch + 1, total: epochs });
          if (opts.signal?.aborted) net.stopTraining = true;
        },
      },
    });
  } finally {
    tf.dispose([xs, yRisk, yRate]);
  }
  if (opts.signal?.aborted) throw new DOMException('Training cancelled', 'AbortError');
  progress({ stage: 'Calibrating', done: 0, total: 1 });
  calibrate({ net, meta }, calRows);
  progress({ stage: 'Calibrating', done: 1, total: 1 });
  return { net, meta };
}

/** The pupils held out of the fit (by a hash of their id), as rows for calibration. */
export function calibrationRows(schools: readonly SchoolHistory[], opts: TrainOptions = {}): Rows {
  const holdOut = opts.holdOut ?? 0.25;
  const seed = opts.seed ?? 1;
  return buildRows(schools, { ...opts.rows, include: (py) => hash01(py.pupilId, seed) < holdOut });
}

/** Platt scaling (date-aware for PA) and the residual range, fitted on standardised held-out rows. */
export function calibrate(model: RiskModel, rows: Rows): void {
  const out = runNet(model.net, rows.x, rows.count);
  const pa = new Float32Array(rows.count);
  const sa = new Float32Array(rows.count);
  const goneOf = new Float32Array(rows.count);
  const { mean, std } = model.meta;
  for (let r = 0; r < rows.count; r++) {
    pa[r] = rows.yRisk[r * 2];
    sa[r] = rows.yRisk[r * 2 + 1];
    goneOf[r] = rows.x[r * FEATURE_COUNT + F.yearGone] * std[F.yearGone] + mean[F.yearGone];
  }
  model.meta.plattPA = fitPlattByDate(out.logitPA, goneOf, pa, rows.w);
  model.meta.plattSA = fitPlatt(out.logitSA, sa, 50, rows.w);
  const bins: number[][] = Array.from({ length: RESIDUAL_BINS }, () => []);
  for (let r = 0; r < rows.count; r++) bins[residualBin(goneOf[r])].push(rows.yRate[r] - out.rate[r]);
  model.meta.residualBins = bins.map((b) => {
    const s = Float64Array.from(b).sort();
    return { q10: s.length ? quantile(s, 0.1) : -0.05, q90: s.length ? quantile(s, 0.9) : 0.05 };
  });
}

export function residualBin(yearGone: number): number {
  return Math.min(RESIDUAL_BINS - 1, Math.max(0, Math.floor(yearGone * RESIDUAL_BINS)));
}
