/**
 * npm run eval:ceiling: the most any model could do on the evaluation schools. An oracle that knows
 * each simulated pupil's hidden plan (src/sim/replay.ts) goes through the same backtest as the model
 * (npm run eval, which prints the same oracle beside the model), so each target can be set beside what
 * is reachable at all.
 *   npm run eval:ceiling [-- --replays 32] [--quick]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { schoolSessions } from '../src/model/features';
import {
  collectBacktestBy,
  mergeBacktests,
  summariseBacktest,
  type BacktestData,
} from '../src/model/backtest';
import { HELD_OUT_SCHOOLS } from '../src/model/sim-corpus';
import { oracleScorer } from '../src/sim/replay';
import { evalSchool, printReport } from './eval';

function main() {
  const args = process.argv.slice(2);
  const replays = args.includes('--replays') ? Number(args[args.indexOf('--replays') + 1]) : 32;
  const quick = args.includes('--quick');
  const specs = quick ? HELD_OUT_SCHOOLS.filter((s) => s.phase === 'secondary') : HELD_OUT_SCHOOLS;
  const parts: BacktestData[] = [];
  const byFamily = new Map<string, BacktestData[]>();
  const t0 = performance.now();
  for (const spec of specs) {
    // The same schools and year as npm run eval (2024/25, after two simulated years).
    const { current: years, plans, sim } = evalSchool(spec);
    const oracle = oracleScorer(years, plans, schoolSessions(years), replays, spec.seed);
    const d = collectBacktestBy((upTo) => oracle(upTo), { years, pupils: sim.pupils });
    parts.push(d);
    const f = spec.family ?? 'wide';
    byFamily.set(f, [...(byFamily.get(f) ?? []), d]);
    process.stdout.write('.');
  }
  const report = {
    replays,
    schools: specs,
    seconds: (performance.now() - t0) / 1000,
    oracle: summariseBacktest(mergeBacktests(parts)),
    byFamily: Object.fromEntries([...byFamily].map(([f, d]) => [f, summariseBacktest(mergeBacktests(d))])),
  };
  printReport(`Oracle that knows each pupil's hidden plan (${replays} replays per pupil)`, report.oracle);
  for (const [f, r] of Object.entries(report.byFamily)) printReport(`Oracle, family ${f}`, r);
  console.log(`\n${report.seconds.toFixed(0)} s`);
  if (!quick) {
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/model-ceiling.json', JSON.stringify(report, null, 1));
  }
}

main();
