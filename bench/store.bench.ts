/**
 * Store micro-benchmark in Node with fake-indexeddb: `npx tsx bench/store.bench.ts [sizes…]`.
 * Only relative figures (fake-indexeddb is not a browser's IndexedDB); real timings come from the browser benchmark,
 * which calls the same measureStore from src/store/benchmark.ts.
 */
import 'fake-indexeddb/auto';
import { measureStore } from '../src/store/benchmark';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const n of sizes.length ? sizes : [1500, 10_000]) {
  const t = await measureStore(n);
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${n.toLocaleString('en-GB')} pupil-years (full year): commit ${f(t.commitMs)} · re-import ${f(t.recommitMs)} · ` +
      `staged in 2,000-pupil chunks ${f(t.stagedMs)} · loadYear ${f(t.loadYearMs)}`,
  );
}
