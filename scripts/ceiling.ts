/**
 * npm run eval:ceiling: the most any model could do on the evaluation schools. An oracle that knows
 * each simulated pupil's hidden plan (src/sim/replay.ts) goes through the same backtest as the model
 * (npm run eval), so each target can be set beside what is reachable at all.
 *   npm run eval:ceiling [-- --replays 32] [--quick]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { yearOutcome } from '../src/model/dataset';
import { schoolSessions } from '../src/model/features';
import {
  collectBacktestBy,
  mergeBacktests,
  summariseBacktest,
  type BacktestData,
} from '../src/model/backtest';
import { EVAL_SCHOOLS } from '../src/model/sim-corpus';
import { oracleScorer } from '../src/sim/replay';
import { simulateSchool } from '../src/sim/simulate';
import { printReport } from './eval';

function main() {
  const args = process.argv.slice(2);
  const replays = args.includes('--replays') ? Number(args[args.indexOf('--replays') + 1]) : 32;
  const quick = args.includes('--quick');
  const specs = quick ? EVAL_SCHOOLS.filter((s) => s.phase === 'secondary') : EVAL_SCHOOLS;
  const parts: BacktestData[] = [];
  const byVariant = new Map<string, BacktestData[]>();
  const t0 = performance.now();
  for (const spec of specs) {
    // The same schools and year as npm run eval (simulateHistory(spec, 2): 2023/24 and 2024/25).
    const sim = simulateSchool({ ...spec, years: 2, lastStartYear: 2024, keepPlans: true });
    const keep = sim.years
      .map((_, i) => i)
      .filter((i) => sim.years[i].startYear === 2024 && yearOutcome(sim.years[i]));
    const years = keep.map((i) => sim.years[i]);
    const plans = keep.map((i) => sim.plans![i]);
    const oracle = oracleScorer(years, plans, schoolSessions(years), replays, spec.seed);
    const d = collectBacktestBy((upTo) => oracle(upTo), { years, pupils: sim.pupils });
    parts.push(d);
    const v = spec.variant ?? 'normal';
    byVariant.set(v, [...(byVariant.get(v) ?? []), d]);
    process.stdout.write('.');
  }
  const report = {
    replays,
    schools: specs,
    seconds: (performance.now() - t0) / 1000,
    oracle: summariseBacktest(mergeBacktests(parts)),
    byVariant: Object.fromEntries([...byVariant].map(([v, d]) => [v, summariseBacktest(mergeBacktests(d))])),
  };
  printReport(`Oracle that knows each pupil's hidden plan (${replays} replays per pupil)`, report.oracle);
  for (const [v, r] of Object.entries(report.byVariant)) printReport(`Oracle, variant ${v}`, r);
  console.log(`\n${report.seconds.toFixed(0)} s`);
  if (!quick) {
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/model-ceiling.json', JSON.stringify(report, null, 1));
  }
}

main();
