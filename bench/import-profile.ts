/**
 * A CPU profile of the import worker, from its first line: `npx tsx bench/import-profile.ts [wide|summary|long]
 * [warmed]`. Run `npm run bench:import` once first (it writes the files). Builds the benchmark page unminified into
 * dist-imp-profile, imports the file once, writes bench/out/import-<layout>.cpuprofile (open it in Chrome DevTools)
 * and prints the functions with the most self time. The worker is paused at start so the profiler sees its load.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/chromium';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImportPage, root, serveDir } from './import-site';

const distDir = join(root, 'dist-imp-profile');
const PORT = Number(process.env.E2E_PORT ?? 4391);
const layout = process.argv[2] ?? 'wide';
const warmed = process.argv[3] === 'warmed';
const file = join(root, `bench/out/data/${layout}-1500.csv`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), most first. */
function top(p: Profile, n = 40): string[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`);
}

async function main() {
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run bench:import first.`);
  await buildImportPage(distDir, false);
  const stop = await serveDir(distDir, PORT);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/bench/import.html`);
    await page.waitForFunction(() => document.title === 'ready');
    const cdp = await page.context().newCDPSession(page);
    let nextId = 1;
    const replies = new Map<number, (r: unknown) => void>();
    let session = '';
    const send = (method: string, params: object = {}) =>
      new Promise<unknown>((resolve) => {
        const id = nextId++;
        replies.set(id, resolve);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId: session,
          message: JSON.stringify({ id, method, params }),
        });
      });
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (m.id) replies.get(m.id)?.(m.result);
    });
    const started = new Promise<void>((resolve) => {
      cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { url: string } }) => {
        if (!e.targetInfo.url.includes('import.worker')) return;
        session = e.sessionId;
        void (async () => {
          await send('Profiler.enable');
          await send('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_US ?? 200) });
          await send('Profiler.start');
          await send('Runtime.runIfWaitingForDebugger');
          resolve();
        })();
      });
    });
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: true,
      flatten: false,
    });
    await page.setInputFiles('#file', file);
    type Bench = {
      createImporter(): {
        warm(): Promise<number>;
        inspect(f: File): Promise<{ proposal: { mapping: unknown } }>;
        parse(m: unknown): Promise<unknown>;
        commit(a: object): Promise<unknown>;
        stages(): Promise<{ stages: Record<string, number> }>;
        terminate(): void;
      };
      deleteDb(): Promise<void>;
      importer?: ReturnType<Bench['createImporter']>;
    };
    // The importer is kept on window.bench so the profile can be stopped before its worker is.
    const run = page.evaluate(async (w) => {
      const b = (window as unknown as { bench: Bench }).bench;
      await b.deleteDb();
      const importer = (b.importer = b.createImporter());
      if (w) await importer.warm();
      const f = (document.getElementById('file') as HTMLInputElement).files![0];
      const t0 = performance.now();
      const info = await importer.inspect(f);
      const t1 = performance.now();
      await importer.parse(info.proposal.mapping);
      const t2 = performance.now();
      await importer.commit({ includeValidRows: true, rememberMapping: false });
      const t3 = performance.now();
      return {
        inspect: t1 - t0,
        parse: t2 - t1,
        commit: t3 - t2,
        total: t3 - t0,
        ...(await importer.stages()),
      };
    }, warmed);
    await started;
    const times = await run;
    const { profile } = (await send('Profiler.stop')) as { profile: Profile };
    await page.evaluate(() => (window as unknown as { bench: Bench }).bench.importer?.terminate());
    const out = join(root, `bench/out/import-${layout}.cpuprofile`);
    writeFileSync(out, JSON.stringify(profile));
    console.log(JSON.stringify(times, null, 1));
    console.log(top(profile).join('\n'));
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    stop();
    rmSync(distDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
