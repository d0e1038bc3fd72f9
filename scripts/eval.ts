/**
 * npm run eval: the shipped model on simulated schools never used in training (other seeds, plus
 * flu-wave, closure-week and late-drift variants), beside the rule baselines, with and without a
 * prior year. Prints a table and writes bench/out/model-eval-<name>.json (kept out of models/, which
 * the app precaches).
 *   npm run eval [-- --model models/radar-v1] [--quick]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readModelDir, useNodeBackend } from '../src/model/node-backend';
import { EVAL_SCHOOLS, simulateHistory } from '../src/model/sim-corpus';
import {
  collectBacktest,
  mergeBacktests,
  summariseBacktest,
  LATE_FROM_WEEK,
  type BacktestData,
  type BacktestReport,
} from '../src/model/backtest';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  –  ');
const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) + '%' : '–');

export function printReport(title: string, r: BacktestReport, only = ['Autumn 1', 'Autumn 2']): void {
  console.log(`\n== ${title}`);
  for (const c of r.checkpoints.filter((c) => only.includes(c.name))) {
    const m = c.model;
    const b = c.absenceToDate;
    console.log(`${c.name} (to ${c.endDate}; ${c.pupils} pupils, ${pct(c.paRate)} end PA)`);
    console.log(
      `  AUC all            model ${f3(m.auc)}  absence-to-date ${f3(b.auc)}  (+${f3(m.auc - b.auc)})`,
    );
    console.log(
      `  AUC not yet PA     model ${f3(m.aucNotYetPA)}  absence-to-date ${f3(b.aucNotYetPA)}  (+${f3(m.aucNotYetPA - b.aucNotYetPA)})`,
    );
    console.log(
      `  top 10% prec/rec   model ${pct(m.top10.precision)}/${pct(m.top10.recall)}  absence-to-date ${pct(b.top10.precision)}/${pct(b.top10.recall)}`,
    );
    console.log(
      `  top 20% prec/rec   model ${pct(m.top20.precision)}/${pct(m.top20.recall)}  absence-to-date ${pct(b.top20.precision)}/${pct(b.top20.recall)}`,
    );
    console.log(
      `  rule >=10%         flags ${pct(c.rule10.flagged / c.pupils)} prec ${pct(c.rule10.precision)} rec ${pct(c.rule10.recall)}`,
    );
    console.log(
      `  rule >=5%          flags ${pct(c.rule5.flagged / c.pupils)} prec ${pct(c.rule5.precision)} rec ${pct(c.rule5.recall)}; model at that rate prec ${pct(c.modelAtRule5Rate.precision)} rec ${pct(c.modelAtRule5Rate.recall)}`,
    );
    console.log(
      `  model p>=0.5       flags ${pct(m.flagged.flagged / c.pupils)} prec ${pct(m.flagged.precision)} rec ${pct(m.flagged.recall)}`,
    );
    console.log(`  ECE (10 bins)      PA ${f3(m.ece)}  SA ${f3(m.eceSA)}   AUC SA ${f3(m.aucSA)}`);
  }
  const l = r.leadTime;
  console.log(
    `  lead time p>=0.5: ${l.paPupils} PA pupils; median ${l.medianWeeksEarlier} weeks earlier (flag that stays on), ${l.medianWeeksEarlierFirstFlag} (first flag); earlier/same/later ${pct(l.shareFlaggedEarlier)}/${pct(l.shareSameWeek)}/${pct(l.shareFlaggedLater)}; ${l.modelNeverFlagged} never flagged; mean ${l.meanWeeksEarlier.toFixed(2)}`,
  );
  console.log(
    `  lead time p>=0.5 among ${l.latePupils} the rule flags for good from week ${LATE_FROM_WEEK + 1} on: median ${l.medianWeeksEarlierLate}`,
  );
  console.log(
    `  lead time p>=0.2 ("rising"): median ${l.risingMedianWeeksEarlier} (all), ${l.risingMedianWeeksEarlierLate} (from week ${LATE_FROM_WEEK + 1}); ${pct(l.risingShareFlaggedEarlier)} flagged earlier`,
  );
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args.includes('--model') ? args[args.indexOf('--model') + 1] : 'models/radar-v1';
  const quick = args.includes('--quick');
  console.log('backend', await useNodeBackend());
  const model = await readModelDir(dir);
  const withPrior: BacktestData[] = [];
  const withoutPrior: BacktestData[] = [];
  const byVariant = new Map<string, BacktestData[]>();
  const specs = quick ? EVAL_SCHOOLS.filter((s) => s.phase === 'secondary') : EVAL_SCHOOLS;
  for (const spec of specs) {
    const sim = simulateHistory(spec, 2);
    const h = sim.histories[sim.histories.length - 1];
    const a = collectBacktest(model, { years: h.years, priorYears: h.priorYears, pupils: sim.pupils });
    const b = collectBacktest(model, { years: h.years, pupils: sim.pupils });
    withPrior.push(a);
    withoutPrior.push(b);
    const v = spec.variant ?? 'normal';
    byVariant.set(v, [...(byVariant.get(v) ?? []), a]);
    process.stdout.write('.');
  }
  const report = {
    model: dir,
    schools: specs,
    withPrior: summariseBacktest(mergeBacktests(withPrior)),
    withoutPrior: summariseBacktest(mergeBacktests(withoutPrior)),
    byVariant: Object.fromEntries([...byVariant].map(([v, d]) => [v, summariseBacktest(mergeBacktests(d))])),
  };
  printReport('All evaluation schools, with last year in the store', report.withPrior);
  printReport('All evaluation schools, current year only', report.withoutPrior);
  for (const [v, r] of Object.entries(report.byVariant)) printReport(`Variant ${v} (with prior year)`, r);
  const groups = report.withPrior.checkpoints.find((c) => c.name === 'Autumn 2')?.groups ?? [];
  console.log(
    '\nFairness at Christmas (with prior): group, pupils, PA rate, model flag rate, rule flag rate, AUC',
  );
  for (const g of groups)
    console.log(
      `  ${g.group.padEnd(12)} ${String(g.pupils).padStart(5)} ${pct(g.paRate)} ${pct(g.modelFlagRate)} ${pct(g.ruleFlagRate)} ${f3(g.auc)}`,
    );
  if (!quick) {
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(`bench/out/model-eval-${basename(dir)}.json`, JSON.stringify(report, null, 1));
  }
}

if (process.argv[1]?.endsWith('eval.ts')) void main();
