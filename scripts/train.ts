/**
 * npm run train: trains the shipped model on a wide family of simulated schools (every generative
 * assumption of src/sim drawn from a range, src/sim/knobs.ts; seeded, reproducible) and writes
 * models/<name>/model.json + weights.bin (+ metadata inside model.json).
 *   npm run train [-- --name radar-v2] [--out models/radar-v2] [--epochs 10] [--schools 30]
 *     [--recalibrate <model dir> (keep that network, refit only the calibration)]
 *     [--totals-only <model dir> (keep that model, refit only the model over period totals)]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModelDir, useNodeBackend } from '../src/model/node-backend';
import { wideTrainSchools, simulateHistory } from '../src/model/sim-corpus';
import { calibrate, calibrationRows, trainRiskModel, type TrainOptions } from '../src/model/train';
import { saveArtifacts, standardise } from '../src/model/net';
import { fitTotalsModel } from '../src/model/totals';

async function main() {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
  const name = opt('--name', 'radar-v2');
  const epochs = Number(opt('--epochs', '10'));
  const recalibrate = opt('--recalibrate', '');
  const TRAIN_SCHOOLS = wideTrainSchools(Number(opt('--schools', '30')));
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  console.log('backend', await useNodeBackend());
  const histories = TRAIN_SCHOOLS.flatMap((spec) => simulateHistory(spec, 3).histories);
  console.log(`simulated ${TRAIN_SCHOOLS.length} schools × 3 years in ${secs()} s`);
  const opts: TrainOptions = {
    epochs,
    batchSize: 512,
    name,
    rows: { everyWeeks: 2, fromWeek: 1, stagger: true },
    trainedOn: `${TRAIN_SCHOOLS.length} simulated schools of a wide family (src/sim/knobs.ts TRAIN_RANGES; seeds ${TRAIN_SCHOOLS[0].seed}–${TRAIN_SCHOOLS[TRAIN_SCHOOLS.length - 1].seed}), 3 years each`,
    onProgress: (p) => console.log(`${p.stage} ${p.done}/${p.total}  ${secs()} s`),
  };
  const totalsOnly = opt('--totals-only', '');
  let model;
  if (recalibrate) {
    model = await readModelDir(recalibrate);
    const rows = calibrationRows(histories, opts);
    standardise(model.meta, rows.x);
    calibrate(model, rows);
  } else if (totalsOnly) model = await readModelDir(totalsOnly);
  else model = await trainRiskModel(histories, opts);
  // The model over period totals (schools that import only summaries), fitted on the same schools.
  model.meta.totalsPA = fitTotalsModel(histories);
  console.log(`totals model fitted in ${secs()} s`, model.meta.totalsPA);
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
