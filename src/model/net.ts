/**
 * The network: standardised features → 32 → 16 → two heads, P(PA), P(SA) and the year-end absence
 * rate. Built with tfjs-layers so it saves as a standard model.json + weights; standardisation,
 * calibration and the expected-attendance range live beside it in ModelMeta.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import type { Platt } from './calibrate';

export interface ModelMeta {
  name: string;
  version: string;
  trainedAt: string;
  /** Where the training data came from, in words. */
  trainedOn: string;
  featureNames: string[];
  mean: number[];
  std: number[];
  plattPA: Platt;
  plattSA: Platt;
  /**
   * Range for the expected year-end absence: 10th and 90th percentile of held-out residuals
   * (actual − predicted), in 5 bins of the year gone.
   */
  residualBins: { q10: number; q90: number }[];
  /** P(PA) from period totals alone, for schools that import only totals (src/model/totals.ts). */
  totalsPA?: number[];
  /** Measured accuracy, filled by the training script or the in-browser trainer. */
  report?: Record<string, unknown>;
}

export interface RiskModel {
  net: tfl.LayersModel;
  meta: ModelMeta;
}

export function buildNet(seed = 1): tfl.LayersModel {
  const input = tfl.input({ shape: [FEATURE_COUNT] });
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: seed * 7 + s });
  const h1 = tfl.layers
    .dense({ units: 32, activation: 'relu', kernelInitializer: init(1), name: 'h1' })
    .apply(input);
  const h2 = tfl.layers
    .dense({ units: 16, activation: 'relu', kernelInitializer: init(2), name: 'h2' })
    .apply(h1);
  const risk = tfl.layers
    .dense({ units: 2, activation: 'sigmoid', kernelInitializer: init(3), name: 'risk' })
    .apply(h2) as tfl.SymbolicTensor;
  const rate = tfl.layers
    .dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(4), name: 'rate' })
    .apply(h2) as tfl.SymbolicTensor;
  const net = tfl.model({ inputs: input, outputs: [risk, rate] });
  net.compile({
    optimizer: tf.train.adam(0.003),
    // The year-end absence rate is a share in [0, 1]: cross-entropy on it is a proper loss and sits on
    // the same scale as the risk heads', so no loss weights are needed.
    loss: ['binaryCrossentropy', 'binaryCrossentropy'],
  });
  return net;
}

/** Standardise raw features in place with the model's mean and std. */
export function standardise(meta: ModelMeta, x: Float32Array): Float32Array {
  const n = FEATURE_COUNT;
  for (let i = 0; i < x.length; i++) {
    const j = i % n;
    x[i] = (x[i] - meta.mean[j]) / meta.std[j];
  }
  return x;
}

export function featureStats(x: Float32Array, rows: number): { mean: number[]; std: number[] } {
  const n = FEATURE_COUNT;
  const mean = new Array(n).fill(0);
  const sq = new Array(n).fill(0);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < n; j++) {
      const v = x[r * n + j];
      mean[j] += v;
      sq[j] += v * v;
    }
  for (let j = 0; j < n; j++) {
    mean[j] /= rows;
    sq[j] = Math.sqrt(Math.max(sq[j] / rows - mean[j] * mean[j], 0)) || 1;
  }
  return { mean, std: sq };
}

export interface RawOutputs {
  /** Uncalibrated logits of P(PA) and P(SA), and the predicted year-end absence rate. */
  logitPA: Float32Array;
  logitSA: Float32Array;
  rate: Float32Array;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
  return Math.log(q / (1 - q));
};

/** Runs the network on standardised rows in one batch (predict's default of 32 is 500× slower). */
export function runNet(net: tfl.LayersModel, x: Float32Array, rows: number): RawOutputs {
  // Read the outputs outside tidy(): tidy walks whatever it returns, element by element.
  const [riskT, rateT] = tf.tidy(() => {
    const t = tf.tensor2d(x, [rows, FEATURE_COUNT]);
    return net.predict(t, { batchSize: Math.max(rows, 1) }) as tf.Tensor[];
  });
  const risk = riskT.dataSync() as Float32Array;
  const rate = rateT.dataSync() as Float32Array;
  tf.dispose([riskT, rateT]);
  const logitPA = new Float32Array(rows);
  const logitSA = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    logitPA[r] = logit(risk[r * 2]);
    logitSA[r] = logit(risk[r * 2 + 1]);
  }
  return { logitPA, logitSA, rate: Float32Array.from(rate) };
}

/** The model as files: model.json (topology + weights manifest) and one weights buffer. */
export async function saveArtifacts(model: RiskModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.net.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved as unknown as tf.io.ModelArtifacts;
  return { ...a, userDefinedMetadata: { radar: model.meta as unknown as object } };
}

export async function loadFromArtifacts(a: tf.io.ModelArtifacts): Promise<RiskModel> {
  const meta = (a.userDefinedMetadata as { radar?: ModelMeta } | undefined)?.radar;
  if (!meta) throw new Error('This model file has no Attendance Radar metadata');
  if (meta.featureNames.join() !== FEATURE_NAMES.join())
    throw new Error('This model was made for a different set of inputs; retrain it');
  const net = await tfl.loadLayersModel(tf.io.fromMemory(a));
  return { net, meta };
}
