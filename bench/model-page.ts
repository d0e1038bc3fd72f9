/**
 * Bench page (served by Vite for bench/model.bench.ts): times the real score worker, features
 * included, on simulated schools; in-browser training; and a plain Float32Array forward pass.
 */
import {
  backtest,
  recalibrate,
  restartScoreWorker,
  scoreSchool,
  trainOnSchoolHistory,
  modelInfo,
  setShippedModelUrl,
} from '../src/workers/page/score-client';
import { simulateSchool } from '../src/sim/simulate';
import type { PupilYear } from '../src/domain/register';
import { FEATURE_COUNT, pupilFeatures, schoolProfile, schoolSessions } from '../src/model/features';
import { priorIndex } from '../src/model/dataset';
import { commitImportBatches, loadYear } from '../src/store';

/** Put registers in the store as an import would, so the worker can read them itself (the app's path). */
async function storeYears(years: PupilYear[]): Promise<void> {
  const batches = [];
  for (let i = 0; i < years.length; i += 2000) {
    const part = years.slice(i, i + 2000);
    batches.push({ pupils: part.map((py) => ({ id: py.pupilId })), years: part, totals: [] });
  }
  const meta = { layout: 'long' as const, dateRange: ['2023-09-01', '2025-07-31'] as [string, string] };
  await commitImportBatches(batches, {
    ...meta,
    fileName: 'bench',
    rowCounts: { read: 0, imported: 0, skipped: 0 },
    warnings: [],
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** A school of n pupils, made by repeating a simulated 1,500-pupil year under new ids. */
function school(base: PupilYear[], n: number): PupilYear[] {
  return Array.from({ length: n }, (_, i) => {
    const src = base[i % base.length];
    return { ...src, pupilId: `${src.pupilId}-${Math.floor(i / base.length)}`, marks: src.marks.slice() };
  });
}

interface Dense {
  w: Float32Array;
  b: Float32Array;
  inN: number;
  outN: number;
}

async function denseLayers(): Promise<Dense[]> {
  const json = await (await fetch('/models/radar-v2/model.json')).json();
  const buf = await (await fetch('/models/radar-v2/weights.bin')).arrayBuffer();
  const specs = json.weightsManifest[0].weights as { name: string; shape: number[] }[];
  const arrays: Record<string, Float32Array> = {};
  let at = 0;
  for (const s of specs) {
    const size = s.shape.reduce((a, b) => a * b, 1);
    arrays[s.name] = new Float32Array(buf, at, size);
    at += size * 4;
  }
  const layer = (name: string): Dense => {
    const w = arrays[`${name}/kernel`];
    const b = arrays[`${name}/bias`];
    return { w, b, inN: w.length / b.length, outN: b.length };
  };
  return ['h1', 'h2', 'risk', 'rate'].map(layer);
}

/** The same network as plain loops over Float32Arrays: the lower bound for inference. */
function plainForward(layers: Dense[], x: Float32Array, rows: number): Float32Array {
  const [h1, h2, risk, rate] = layers;
  const out = new Float32Array(rows * 3);
  const a = new Float32Array(h1.outN);
  const b = new Float32Array(h2.outN);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < h1.outN; j++) {
      let s = h1.b[j];
      for (let i = 0; i < h1.inN; i++) s += x[r * h1.inN + i] * h1.w[i * h1.outN + j];
      a[j] = s > 0 ? s : 0;
    }
    for (let j = 0; j < h2.outN; j++) {
      let s = h2.b[j];
      for (let i = 0; i < h2.inN; i++) s += a[i] * h2.w[i * h2.outN + j];
      b[j] = s > 0 ? s : 0;
    }
    for (const [layer, off] of [
      [risk, 0],
      [rate, 2],
    ] as const)
      for (let j = 0; j < layer.outN; j++) {
        let s = layer.b[j];
        for (let i = 0; i < layer.inN; i++) s += b[i] * layer.w[i * layer.outN + j];
        out[r * 3 + off + j] = 1 / (1 + Math.exp(-s));
      }
  }
  return out;
}

async function time(fn: () => Promise<unknown> | unknown, runs: number): Promise<number[]> {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return ts;
}

async function runModelBench(opts: { runs?: number; big?: number } = {}) {
  const runs = opts.runs ?? 5;
  const status = document.getElementById('status')!;
  setShippedModelUrl('/models/radar-v2/model.json');
  status.textContent = 'Simulating…';
  const sim = simulateSchool({ seed: 4242, phase: 'secondary', pupils: 1500, years: 2, lastStartYear: 2024 });
  const prior = sim.years.filter((p) => p.startYear === 2023);
  const current = sim.years.filter((p) => p.startYear === 2024);
  const small = school(current, 1500);
  const big = school(current, opts.big ?? 50_000);
  const bigPrior = school(prior, opts.big ?? 50_000);
  const smallPrior = school(prior, 1500); // the same ids as small, so last year is found
  const info = await modelInfo();
  const asOf = '2024-12-20';
  status.textContent = 'Scoring…';
  await scoreSchool({ years: small, priorYears: smallPrior, asOf }); // warm-up: model load, wasm compile
  const score1500 = await time(() => scoreSchool({ years: small, priorYears: smallPrior, asOf }), runs);
  const score50k = await time(
    () => scoreSchool({ years: big, priorYears: bigPrior, asOf }),
    Math.max(3, Math.ceil(runs / 2)),
  );
  // The same call scoring one pupil: what copying 50,000 + 50,000 registers into the worker and the school-wide
  // figures cost, apart from scoring (the app passes startYear instead, and the worker reads the store).
  const copy50k = await time(
    () => scoreSchool({ years: big, priorYears: bigPrior, asOf, pupilIds: [big[0].pupilId] }),
    Math.max(3, Math.ceil(runs / 2)),
  );
  // The app's path: the worker reads the year and the year before from IndexedDB (no copy from the page).
  status.textContent = 'Scoring from the store…';
  await storeYears([...smallPrior, ...small]);
  const store1500 = await time(() => scoreSchool({ startYear: 2024, asOf }), runs);
  // The Data screen's path on a 1,500-pupil school with the year before it: the worker reads the store. The first
  // call starts a fresh worker (tfjs, the model, wasm), as the first click after opening the app does.
  status.textContent = 'Backtest and recalibration from the store…';
  restartScoreWorker();
  const backtestCold = await time(() => backtest({ startYear: 2024, model: 'shipped' }), 1);
  const backtest1500 = await time(() => backtest({ startYear: 2024, model: 'shipped' }), 3);
  const recalibrate1500 = await time(() => recalibrate({ startYear: 2024, dataKey: 'bench' }), 3);
  let storeStages = 0;
  const trainStore = await time(
    () => trainOnSchoolHistory({ startYear: 2024 }, { onProgress: () => storeStages++ }),
    2,
  );
  await storeYears([...bigPrior, ...big]);
  const store50k = await time(() => scoreSchool({ startYear: 2024, asOf }), Math.max(3, Math.ceil(runs / 2)));
  // Where the app's path spends its time: reading both years from IndexedDB (here on the page), and the worker's
  // read plus school-wide figures with one pupil scored and returned.
  const read50k = await time(() => Promise.all([loadYear(2024), loadYear(2023)]), 3);
  // What the app makes before a big school's first scores: a recalibration on a sample of its previous year.
  const recalibrate50k = await time(() => recalibrate({ startYear: 2024, dataKey: 'bench' }), 1);
  const storeOne50k = await time(
    () => scoreSchool({ startYear: 2024, asOf, pupilIds: [big[0].pupilId] }),
    Math.max(3, Math.ceil(runs / 2)),
  );
  status.textContent = 'Features…';
  // Features alone, on the page's thread: how much of scoring is reading registers, not the network.
  const features = (ys: PupilYear[], ps: PupilYear[]) => {
    const sessions = schoolSessions(ys);
    const profile = schoolProfile(ys, sessions);
    const priors = priorIndex(ys, ps);
    const out = new Float32Array(ys.length * FEATURE_COUNT);
    for (let i = 0; i < ys.length; i++)
      pupilFeatures(ys[i], priors.get(ys[i].pupilId), sessions, 150, out, i * FEATURE_COUNT, profile);
  };
  const feat1500 = await time(() => features(small, prior), runs);
  const feat50k = await time(() => features(big, bigPrior), runs);
  status.textContent = 'Plain loop…';
  const layers = await denseLayers();
  const x = new Float32Array(big.length * FEATURE_COUNT).map((_, i) => Math.sin(i) * 1.5);
  const loop1500 = await time(() => plainForward(layers, x, 1500), runs);
  const loop50k = await time(() => plainForward(layers, x, big.length), runs);
  status.textContent = 'Training…';
  let stages = 0;
  const train = await time(
    () => trainOnSchoolHistory({ years: prior, save: false }, { onProgress: () => stages++ }),
    2,
  );
  status.textContent = 'Done';
  return {
    backend: info.backend,
    pupilsSmall: small.length,
    pupilsBig: big.length,
    scoreSmallMs: median(score1500),
    scoreBigMs: median(score50k),
    copyInBigMs: median(copy50k),
    storeSmallMs: median(store1500),
    storeBigMs: median(store50k),
    readBigMs: median(read50k),
    recalibrateBigMs: median(recalibrate50k),
    storeOneBigMs: median(storeOne50k),
    featuresSmallMs: median(feat1500),
    featuresBigMs: median(feat50k),
    plainLoopSmallMs: median(loop1500),
    plainLoopBigMs: median(loop50k),
    trainMs: median(train),
    trainProgressMessages: stages,
    backtestColdMs: backtestCold[0],
    backtestMs: median(backtest1500),
    recalibrateMs: median(recalibrate1500),
    trainStoreMs: median(trainStore),
    trainStoreProgressMessages: storeStages / trainStore.length,
    runs: {
      score1500,
      score50k,
      copy50k,
      store1500,
      store50k,
      read50k,
      recalibrate50k,
      storeOne50k,
      feat1500,
      feat50k,
      loop1500,
      loop50k,
      train,
      backtest1500,
      recalibrate1500,
      trainStore,
    },
  };
}

(window as unknown as { runModelBench: typeof runModelBench }).runModelBench = runModelBench;
