/**
 * npm run train: trains the shipped model on simulated multi-year schools (seeded, reproducible)
 * and writes models/<name>/model.json + weights.bin (+ metadata inside model.json).
 *   npm run train [-- --name radar-v1] [--epochs 10] [--more (twice the simulated schools)]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useNodeBackend } from '../src/model/node-backend';
import { MORE_TRAIN_SCHOOLS, TRAIN_SCHOOLS as BASE_SCHOOLS, simulateHistory } from '../src/model/sim-corpus';
import { trainRiskModel } from '../src/model/train';
import { saveArtifacts } from '../src/model/net';
import type { SchoolHistory } from '../src/model/dataset';

async function main() {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
  const name = opt('--name', 'radar-v1');
  const epochs = Number(opt('--epochs', '10'));
  const TRAIN_SCHOOLS = args.includes('--more') ? [...BASE_SCHOOLS, ...MORE_TRAIN_SCHOOLS] : BASE_SCHOOLS;
  const t0 = performance.now();
  console.log('backend', await useNodeBackend());
  const histories: SchoolHistory[] = [];
  for (const spec of TRAIN_SCHOOLS) histories.push(...simulateHistory(spec, 3).histories);
  console.log(
    `simulated ${TRAIN_SCHOOLS.length} schools × 3 years in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const model = await trainRiskModel(histories, {
    epochs,
    batchSize: 512,
    name,
    trainedOn: `${TRAIN_SCHOOLS.length} simulated schools (seeds ${TRAIN_SCHOOLS.map((s) => s.seed).join(', ')}), 3 years each, normal variant`,
    onProgress: (p) =>
      console.log(`${p.stage} ${p.done}/${p.total}  ${((performance.now() - t0) / 1000).toFixed(1)} s`),
  });
  const a = await saveArtifacts(model);
  const dir = join('models', name);
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
  console.log(
    `wrote ${dir}/model.json and weights.bin (${weights.length} bytes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log('Platt PA', model.meta.plattPA, 'SA', model.meta.plattSA);
}

void main();
