/**
 * npm run bench:model — the risk model in headless Chromium: scoring 1,500 and 50,000 pupils through
 * the real score worker (features and drivers included, registers copied into the worker), in-browser
 * training on a 1,500-pupil year, and a plain Float32Array forward pass as the lower bound.
 * The Data screen's paths on a 1,500-pupil school with its previous year, registers read from the store: the
 * backtest (first call in a fresh worker, then warm), the recalibration the app makes on load, and training.
 * Targets: 1,500 ≤ 100 ms, 50,000 ≤ 1 s (features and reasons, from the store), backtest ≤ 3 s, training
 * ≤ 10 s. Prints the machine's load average before and after (it is shared). Writes bench/out/model.json.
 * It runs a production build (dist-model/, minified, wasm emitted as assets) under vite preview and
 * fails if the page or worker requests anything from another origin; `-- --dev` uses the dev server.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { build, createServer, preview } from 'vite';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/chromium';

const PORT = Number(process.env.BENCH_PORT ?? 4304);

const PROD = !process.argv.includes('--dev');

async function startServer(): Promise<{ close(): Promise<void> }> {
  if (PROD) {
    const outDir = 'dist-model';
    await build({
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, rollupOptions: { input: 'bench/model.html' } },
    });
    const server = await preview({
      preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
      build: { outDir },
    });
    return { close: () => server.close() };
  }
  const server = await createServer({
    server: { port: PORT, strictPort: true, host: '127.0.0.1' },
    logLevel: 'error',
    // Pre-bundle up front: a dependency found mid-run makes Vite reload the page.
    optimizeDeps: {
      entries: ['bench/model.html', 'src/workers/worker/score.worker.ts'],
      include: [
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-layers',
        '@tensorflow/tfjs-backend-cpu',
        '@tensorflow/tfjs-backend-wasm',
        'dexie',
      ],
    },
  });
  await server.listen();
  return server;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const loadBefore = load();
  const server = await startServer();
  const foreign: string[] = [];
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
    page.on('response', (res) => res.status() >= 400 && console.error('page: HTTP', res.status(), res.url()));
    // Nothing may leave the device: record any request (page or worker) to another origin.
    page.context().on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol.startsWith('http') && url.host !== `127.0.0.1:${PORT}`) foreign.push(req.url());
    });
    await page.goto(`http://127.0.0.1:${PORT}/bench/model.html`);
    await page.waitForFunction(() => 'runModelBench' in window, undefined, { timeout: 120_000 });
    const big = Number(process.env.BENCH_BIG ?? 50_000);
    const run = () =>
      page.evaluate(
        (big) =>
          (
            window as unknown as { runModelBench: (o: object) => Promise<Record<string, unknown>> }
          ).runModelBench({ big }),
        big,
      );
    // Vite may still reload the page once while it bundles the worker's dependencies: run again.
    const r = await run().catch(async () => {
      await page.waitForFunction(() => 'runModelBench' in window, undefined, { timeout: 120_000 });
      return run();
    });
    const row = (what: string, ms: unknown, target: string) =>
      console.log(`${what.padEnd(52)} ${String(Math.round(Number(ms))).padStart(7)} ms   ${target}`);
    console.log(
      `${PROD ? 'production build' : 'dev server'}; backend: ${r.backend}; requests to other origins: ${foreign.length}`,
    );
    if (foreign.length) process.exitCode = 1;
    row(`score ${r.pupilsSmall} pupils (worker, features + drivers)`, r.scoreSmallMs, 'target ≤ 100 ms');
    row(`score ${r.pupilsBig} pupils (worker, features + drivers)`, r.scoreBigMs, 'registers copied in');
    row(`  of which registers into the worker + school figures`, r.copyInBigMs, 'part of the above');
    row(`score ${r.pupilsSmall} pupils, registers read from the store`, r.storeSmallMs, "the app's path");
    row(`score ${r.pupilsBig} pupils, registers read from the store`, r.storeBigMs, 'target ≤ 1000 ms');
    row(`  of which both years read from IndexedDB (page)`, r.readBigMs, 'part of the above');
    row(`  of which read + school figures, 1 pupil returned`, r.storeOneBigMs, 'part of the above');
    row(`features only (page thread), ${r.pupilsSmall}`, r.featuresSmallMs, 'part of the above');
    row(`features only (page thread), ${r.pupilsBig}`, r.featuresBigMs, 'part of the above');
    row(`plain Float32Array forward pass, ${r.pupilsSmall}`, r.plainLoopSmallMs, 'lower bound');
    row(`plain Float32Array forward pass, ${r.pupilsBig}`, r.plainLoopBigMs, 'lower bound');
    row('train on a 1,500-pupil year (registers from the page)', r.trainMs, 'target ≤ 10000 ms');
    row(`backtest, 1,500 pupils + previous year, fresh worker`, r.backtestColdMs, 'target ≤ 3000 ms');
    row(`backtest, 1,500 pupils + previous year (Data screen)`, r.backtestMs, 'target ≤ 3000 ms');
    row(`recalibrate on a 1,500-pupil year (made on load)`, r.recalibrateMs, 'before the first scores');
    row(
      `recalibrate on a ${r.pupilsBig}-pupil year (3,000 sampled)`,
      r.recalibrateBigMs,
      'before the first scores',
    );
    row(
      `train from the store (Data screen), ${r.trainStoreProgressMessages} progress messages`,
      r.trainStoreMs,
      'target ≤ 10000 ms',
    );
    console.log(`load average (1, 5, 15 min): before ${loadBefore}; after ${load()} (2 cores, shared)`);
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(
      'bench/out/model.json',
      JSON.stringify({ measuredAt: new Date().toISOString(), loadBefore, loadAfter: load(), ...r }, null, 1),
    );
  } finally {
    await browser.close();
    await server.close();
    if (PROD) rmSync('dist-model', { recursive: true, force: true });
  }
}

void main();
