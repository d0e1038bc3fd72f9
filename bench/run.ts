/**
 * npm run bench — every benchmark in turn, each in its own process so one's heap never skews another's.
 * Timings live here, never in `npm test`. Pass names to run a subset: `npm run bench -- import model`.
 * Each writes bench/out/<name>.json; this prints a one-line verdict per benchmark at the end.
 */
import { spawnSync } from 'node:child_process';

const ALL = ['domain', 'store', 'import', 'model', 'ui'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !ALL.includes(a));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Choose from: ${ALL.join(', ')}`);
  process.exit(2);
}
const chosen = asked.length ? asked : ALL;
const verdicts: string[] = [];
for (const name of chosen) {
  console.log(`\n=== bench:${name} ===`);
  const t0 = Date.now();
  const run = spawnSync('npx', ['tsx', `bench/${name}.bench.ts`], { stdio: 'inherit' });
  const s = ((Date.now() - t0) / 1000).toFixed(0);
  verdicts.push(`${name.padEnd(7)} ${run.status === 0 ? 'ran' : `FAILED (exit ${run.status})`} in ${s} s`);
}
console.log(`\n${verdicts.join('\n')}`);
process.exit(verdicts.some((v) => v.includes('FAILED')) ? 1 : 0);
