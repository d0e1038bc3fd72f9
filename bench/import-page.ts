/**
 * The benchmark page: runs the real import worker (inspect → parse → commit to IndexedDB) on the chosen file,
 * and a bare byte loop over the same file for comparison. Driven by bench/import.bench.ts through window.bench.
 */
import { createImporter } from '../src/workers/page/import-client';
import { DB_NAME, RadarDb } from '../src/store/db';

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
  type: 'longtask',
  buffered: true,
});

function file(): File {
  const f = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!f) throw new Error('No file chosen');
  return f;
}

function deleteDb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => reject(new Error('database delete blocked'));
  });
}

function longestTask(from: number, to: number): number {
  let max = 0;
  for (const t of longTasks)
    if (t.startTime + t.duration >= from && t.startTime <= to) max = Math.max(max, t.duration);
  return max;
}

const heap = () =>
  (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

/**
 * Import the chosen file; with `again`, into the database as the last import left it (the merge path).
 * The clock starts when the file is chosen. Cold: the importer is created then (its worker loads inside the
 * timing). Warmed: created and warmed first, as when the Import screen opened before the user picked a file.
 */
async function runImport(again = false, warmed = false) {
  if (!again) await deleteDb();
  const importer = createImporter();
  const w0 = performance.now();
  if (warmed) await importer.warm();
  const warmMs = performance.now() - w0;
  const f = file();
  const t0 = performance.now();
  const info = await importer.inspect(f);
  const t1 = performance.now();
  const summary = await importer.parse(info.proposal.mapping);
  const t2 = performance.now();
  const entry = await importer.commit({ includeValidRows: true, rememberMapping: false });
  const t3 = performance.now();
  const { stages, loadedAt, startedAt } = await importer.stages();
  importer.terminate();
  // What actually landed in IndexedDB (after the clock stopped), so a fast import that lost records shows.
  const db = new RadarDb();
  const stored = {
    pupils: await db.pupils.count(),
    pupilYears: await db.pupilYears.count(),
    periodTotals: await db.periodTotals.count(),
  };
  db.close();
  // Let the observer deliver the last entries.
  await new Promise((r) => setTimeout(r, 50));
  return {
    bytes: f.size,
    totalMs: t3 - t0,
    inspectMs: t1 - t0,
    parseMs: t2 - t1,
    commitMs: t3 - t2,
    /** How long the warm-up took (before the clock started; the user is still choosing a file then). */
    warmMs,
    workerLoadMs: loadedAt - (performance.timeOrigin + t0),
    /** Of which running the worker's modules (Dexie's set-up, the database's schema…); the rest is fetch + compile. */
    workerEvalMs: loadedAt - startedAt,
    stages,
    longestTaskMs: longestTask(t0, t3),
    pageHeap: heap(),
    layout: summary.layout,
    needsMapping: info.proposal.needsMapping,
    counts: summary.counts,
    pupils: summary.pupils,
    marks: summary.marks,
    errors: summary.errors,
    issueKinds: summary.issueKinds,
    logPupils: entry.pupils,
    stored,
  };
}

/** Read the same bytes the same way (4 MB slices in a worker) and only count line breaks. */
async function runBare() {
  const f = file();
  const worker = new Worker(new URL('./import-bare.worker.ts', import.meta.url), { type: 'module' });
  const t0 = performance.now();
  const lines = await new Promise<number>((resolve) => {
    worker.onmessage = (e) => resolve(e.data as number);
    worker.postMessage(f);
  });
  const ms = performance.now() - t0;
  worker.terminate();
  return { ms, lines };
}

// createImporter and deleteDb too, for bench/import-profile.ts (a CPU profile of the worker before it stops).
(window as unknown as { bench: unknown }).bench = { runImport, runBare, createImporter, deleteDb };
document.title = 'ready';
