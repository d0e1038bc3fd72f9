/**
 * npm run train: trains the shipped model on simulated multi-year schools (seeded, reproducible)
 * and writes models/<name>/model.json + weights.bin (+ metadata inside model.json).
 *   npm run train [-- --name radar-v1] [--out models/radar-v1] [--epochs 10]
 *     [--more (add a second set of normal schools)] [--normal-only (leave out the variant schools)]
 *     [--recalibrate <model dir> (keep that network, refit only the calibration)]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModelDir, useNodeBackend } from '../src/model/node-backend';
import {
  MORE_TRAIN_SCHOOLS,
  TRAIN_SCHOOLS as BASE_SCHOOLS,
  VARIANT_TRAIN_SCHOOLS,
  simulateHistory,
  type SimSpec,
} from '../src/model/sim-corpus';
import { calibrate, calibrationRows, trainRiskModel, type TrainOptions } from '../src/model/train';
import { saveArtifacts, standardise } from '../src/model/net';
import type { SchoolHistory } from '../src/model/dataset';

/**
 * Each kind of year (normal, flu wave, closure week, late drift) weighs the same in calibration,
 * whatever its number of simulated pupils: a school cannot know in autumn which kind of year it is in,
 * so the probabilities are calibrated for an even mix rather than for whichever kind we simulated most.
 */
function weighByVariant(specs: SimSpec[], histories: SchoolHistory[][]): SchoolHistory[] {
  const pupils = new Map<string, number>();
  specs.forEach((s, i) => {
    const v = s.variant ?? 'normal';
    pupils.set(v, (pupils.get(v) ?? 0) + histories[i].reduce((n, h) => n + h.years.length, 0));
  });
  const total = [...pupils.values()].reduce((a, b) => a + b, 0);
  return specs.flatMap((s, i) =>
    histories[i].map((h) => ({ ...h, weight: total / pupils.size / pupils.get(s.variant ?? 'normal')! })),
  );
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
  const name = opt('--name', 'radar-v1');
  const epochs = Number(opt('--epochs', '10'));
  const recalibrate = opt('--recalibrate', '');
  const TRAIN_SCHOOLS = [
    ...BASE_SCHOOLS,
    ...(args.includes('--normal-only') ? [] : VARIANT_TRAIN_SCHOOLS),
    ...(args.includes('--more') ? MORE_TRAIN_SCHOOLS : []),
  ];
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  console.log('backend', await useNodeBackend());
  const histories = weighByVariant(
    TRAIN_SCHOOLS,
    TRAIN_SCHOOLS.map((spec) => simulateHistory(spec, 3).histories),
  );
  console.log(`simulated ${TRAIN_SCHOOLS.length} schools × 3 years in ${secs()} s`);
  const opts: TrainOptions = {
    epochs,
    batchSize: 512,
    name,
    rows: { everyWeeks: 2, fromWeek: 1, stagger: true },
    trainedOn: `${TRAIN_SCHOOLS.length} simulated schools (${TRAIN_SCHOOLS.map((s) => `${s.seed} ${s.variant ?? 'normal'}`).join(', ')}), 3 years each`,
    onProgress: (p) => console.log(`${p.stage} ${p.done}/${p.total}  ${secs()} s`),
  };
  let model;
  if (recalibrate) {
    model = await readModelDir(recalibrate);
    const rows = calibrationRows(histories, opts);
    standardise(model.meta, rows.x);
    calibrate(model, rows);
  } else model = await trainRiskModel(histories, opts);
  const a = await saveArtifacts(model);
  const dir = opt('--out', join('models', name));
  mkdirSync(dir, { recursive: true });
  const weights = new Uint8Array(a.weightData as ArrayBuffer);
  writeFileSync(join(dir, 'weights.bin'), weights);
  const json = {
    format: 'layers-model',
    generatedBy: a.generatedBy,
    convertedBy: null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
    userDefinedMetadata: a.userDefinedMetadata,
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  console.log(`wrote ${dir}/model.json and weights.bin (${weights.length} bytes) in ${secs()} s`);
  console.log('Platt PA', model.meta.plattPA, 'SA', model.meta.plattSA);
}

void main();
