/**
 * npm run eval: the shipped model on simulated schools unlike any it was trained on (families held
 * outside the training ranges, src/sim/knobs.ts), beside absence to date and beside the oracle that
 * knows each pupil's hidden plan (src/sim/replay.ts), then recalibrated on each school's previous
 * year. Prints the targets per family and writes bench/out/model-eval-<name>.json (kept out
 * of models/, which the app precaches).
 *   npm run eval [-- --model models/radar-v2] [--quick] [--family 'long illness'] [--replays 32]
 *     [--without-prior (also score without last year)]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readModelDir, useNodeBackend } from '../src/model/node-backend';
import { HELD_OUT_SCHOOLS, type SimSpec } from '../src/model/sim-corpus';
import { yearOutcome } from '../src/model/dataset';
import { schoolSessions } from '../src/model/features';
import { recalibrateOnYear, withCalibration, type Recalibration } from '../src/model/recalibrate';
import { oracleScorer } from '../src/sim/replay';
import { simulateSchool } from '../src/sim/simulate';
import { Rng } from '../src/sim/random';
import { auc, ece } from '../src/model/metrics';
import { scoreTotals, totalsAtHalfTerms } from '../src/model/totals';
import {
  collectBacktest,
  collectBacktestBy,
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

/** One evaluation school: its last year (2024/25) with the two before it, and the hidden plans. */
export function evalSchool(spec: SimSpec) {
  const sim = simulateSchool({ ...spec, years: 3, lastStartYear: 2024, keepPlans: true });
  const of = (y: number) => sim.years.filter((py) => py.startYear === y);
  const keep = sim.years
    .map((_, i) => i)
    .filter((i) => sim.years[i].startYear === 2024 && yearOutcome(sim.years[i]));
  return {
    sim,
    current: keep.map((i) => sim.years[i]),
    plans: keep.map((i) => sim.plans![i]),
    prior: of(2023),
    before: of(2022),
  };
}

interface SchoolResult {
  spec: SimSpec;
  model: BacktestData;
  oracle: BacktestData;
  recalibrated?: BacktestData;
  recalibration?: Omit<Recalibration, 'plattPA'> | null;
  withoutPrior?: BacktestData;
  /** Scores from period totals alone (schools that import only summaries), per half-term end. */
  totals?: { name: string; p: number[]; pa: number[]; toDate: number[] }[];
}

/** The model over period totals beside absence to date, pooled over schools, at one checkpoint. */
function totalsReport(results: SchoolResult[], name: string) {
  const parts = results.flatMap((r) => r.totals?.filter((c) => c.name === name) ?? []);
  const p = parts.flatMap((c) => c.p);
  const pa = parts.flatMap((c) => c.pa);
  const toDate = parts.flatMap((c) => c.toDate);
  const notYet = toDate.map((t) => t < 0.1);
  const sub = (xs: number[]) => xs.filter((_, i) => notYet[i]);
  return {
    pupils: p.length,
    auc: { totals: auc(p, pa), baseline: auc(toDate, pa) },
    aucNotYetPA: { totals: auc(sub(p), sub(pa)), baseline: auc(sub(toDate), sub(pa)) },
    ece: ece(p, pa),
  };
}

/**
 * The ECE a perfectly calibrated forecaster would still show on a school this size: outcomes drawn
 * from the model's own probabilities (so they are exactly right), averaged over 200 draws. Below this
 * no model can be measured on one school; small schools sit above 0.04 by chance alone.
 */
function eceFloor(p: number[], seed: number): number {
  const rng = new Rng(seed);
  let sum = 0;
  for (let k = 0; k < 200; k++)
    sum += ece(
      p,
      p.map((x) => (rng.next() < x ? 1 : 0)),
    );
  return sum / 200;
}

const cp = (r: BacktestReport, name: string) => r.checkpoints.find((c) => c.name === name)!;
const ok = (b: boolean) => (b ? '✔' : '✘');

/** The figures for one group of schools: model beside absence to date and the oracle. */
export function targets(results: SchoolResult[]) {
  const m = summariseBacktest(mergeBacktests(results.map((r) => r.model)));
  const o = summariseBacktest(mergeBacktests(results.map((r) => r.oracle)));
  const per = results.map((r) => {
    const sm = summariseBacktest(r.model);
    const so = summariseBacktest(r.oracle);
    const sr = r.recalibrated ? summariseBacktest(r.recalibrated) : undefined;
    const oct = cp(sm, 'Autumn 1');
    return {
      school: `${r.spec.phase} ${r.spec.seed}`,
      octGain: oct.model.auc - oct.absenceToDate.auc,
      octGainNotYetPA: oct.model.aucNotYetPA - oct.absenceToDate.aucNotYetPA,
      octEce: oct.model.ece,
      xmasEce: cp(sm, 'Autumn 2').model.ece,
      oracleOctEce: cp(so, 'Autumn 1').model.ece,
      eceFloor: eceFloor(r.model.checkpoints.find((c) => c.name === 'Autumn 1')!.pPA, r.spec.seed),
      recalibratedOctEce: sr ? cp(sr, 'Autumn 1').model.ece : NaN,
      recalibratedXmasEce: sr ? cp(sr, 'Autumn 2').model.ece : NaN,
      recalibrationUsed: r.recalibration?.better ?? false,
    };
  });
  const recal = results.filter((r) => r.recalibrated);
  const mr = recal.length ? summariseBacktest(mergeBacktests(recal.map((r) => r.recalibrated!))) : undefined;
  const at = (name: string) => {
    const cm = cp(m, name);
    const co = cp(o, name);
    return {
      pupils: cm.pupils,
      paRate: cm.paRate,
      auc: { model: cm.model.auc, baseline: cm.absenceToDate.auc, oracle: co.model.auc },
      aucNotYetPA: {
        model: cm.model.aucNotYetPA,
        baseline: cm.absenceToDate.aucNotYetPA,
        oracle: co.model.aucNotYetPA,
      },
      gapClosed: (cm.model.auc - cm.absenceToDate.auc) / (co.model.auc - cm.absenceToDate.auc),
      ece: { model: cm.model.ece, oracle: co.model.ece, recalibrated: mr ? cp(mr, name).model.ece : NaN },
      rising: { model: cm.model.rising, oracle: co.model.rising, rule10: cm.rule10 },
    };
  };
  return {
    october: at('Autumn 1'),
    christmas: at('Autumn 2'),
    risingLeadLate: {
      pupils: m.leadTime.latePupils,
      model: m.leadTime.risingMedianWeeksEarlierLate,
      oracle: o.leadTime.risingMedianWeeksEarlierLate,
    },
    perSchool: per,
  };
}

function printTargets(title: string, t: ReturnType<typeof targets>): void {
  const o = t.october;
  const x = t.christmas;
  const gain = o.auc.model - o.auc.baseline;
  const gainN = o.aucNotYetPA.model - o.aucNotYetPA.baseline;
  const minGain = Math.min(...t.perSchool.map((s) => s.octGain));
  const maxEce = Math.max(...t.perSchool.map((s) => s.octEce));
  const maxOracleEce = Math.max(...t.perSchool.map((s) => s.oracleOctEce));
  const floorMet = t.perSchool.filter((s) => s.eceFloor <= 0.04).length;
  const maxRecal = Math.max(...t.perSchool.map((s) => s.recalibratedOctEce));
  console.log(`\n== ${title}: ${o.pupils} pupils, ${pct(o.paRate)} end PA`);
  console.log(
    `  October AUC        model ${f3(o.auc.model)}  absence-to-date ${f3(o.auc.baseline)}  oracle ${f3(o.auc.oracle)}  gain ${f3(gain)} ${ok(gain >= 0.02)}; worst school ${f3(minGain)} ${ok(minGain >= 0)}`,
  );
  console.log(
    `  October not yet PA model ${f3(o.aucNotYetPA.model)}  absence-to-date ${f3(o.aucNotYetPA.baseline)}  oracle ${f3(o.aucNotYetPA.oracle)}  gain ${f3(gainN)} ${ok(gainN >= 0.03)}`,
  );
  console.log(
    `  October ECE        pooled ${f3(o.ece.model)} (oracle ${f3(o.ece.oracle)}); worst school ${f3(maxEce)} ${ok(maxEce <= 0.04)} (oracle's worst ${f3(maxOracleEce)}; ${floorMet} of ${t.perSchool.length} schools are big enough that a perfect forecaster's ECE is ≤ 0.04); recalibrated on last year: pooled ${f3(o.ece.recalibrated)}, worst ${f3(maxRecal)} ${ok(maxRecal <= 0.03)}`,
  );
  console.log(
    `  Christmas AUC      model ${f3(x.auc.model)}  absence-to-date ${f3(x.auc.baseline)}  oracle ${f3(x.auc.oracle)}  gap closed ${pct(x.gapClosed)} ${ok(x.gapClosed >= 0.5)}; ECE ${f3(x.ece.model)} (recalibrated ${f3(x.ece.recalibrated)})`,
  );
  console.log(
    `  "rising" p>=0.2    lead over the 10% rule, ${t.risingLeadLate.pupils} pupils crossing after week ${LATE_FROM_WEEK}: median ${t.risingLeadLate.model} weeks ${ok(t.risingLeadLate.model >= 5)} (oracle ${t.risingLeadLate.oracle}); precision Oct ${pct(o.rising.model.precision)} (oracle ${pct(o.rising.oracle.precision)}, rule ${pct(o.rising.rule10.precision)}), Christmas ${pct(x.rising.model.precision)}`,
  );
  for (const s of t.perSchool)
    console.log(
      `    ${s.school.padEnd(15)} Oct gain ${f3(s.octGain)} / not yet PA ${f3(s.octGainNotYetPA)}; ECE Oct ${f3(s.octEce)} (oracle ${f3(s.oracleOctEce)}, perfect forecaster ${f3(s.eceFloor)}) Xmas ${f3(s.xmasEce)}; recalibrated${s.recalibrationUsed ? '' : ' (not used)'} Oct ${f3(s.recalibratedOctEce)} Xmas ${f3(s.recalibratedXmasEce)}`,
    );
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
  const dir = opt('--model', 'models/radar-v2');
  const replays = Number(opt('--replays', '32'));
  const quick = args.includes('--quick');
  const only = opt('--family', '');
  console.log('backend', await useNodeBackend());
  const model = await readModelDir(dir);
  const t0 = performance.now();
  let specs = quick ? HELD_OUT_SCHOOLS.filter((s) => s.phase === 'secondary') : HELD_OUT_SCHOOLS;
  if (only) specs = specs.filter((s) => s.family === only);
  const results: SchoolResult[] = [];
  for (const spec of specs) {
    const e = evalSchool(spec);
    const pupils = e.sim.pupils;
    const r: SchoolResult = {
      spec,
      model: collectBacktest(model, { years: e.current, priorYears: e.prior, pupils }),
      oracle: collectBacktestBy(
        oracleScorer(e.current, e.plans, schoolSessions(e.current), replays, spec.seed),
        {
          years: e.current,
          pupils,
        },
      ),
    };
    // Calibrated to the school: refit on last year's backtest, used when it measured better there.
    const recal = recalibrateOnYear(model, { years: e.prior, priorYears: e.before });
    if (recal) {
      const { plattPA, ...rest } = recal;
      r.recalibration = rest;
      const used = recal.better ? withCalibration(model, plattPA) : model;
      r.recalibrated = collectBacktest(used, { years: e.current, priorYears: e.prior, pupils });
    }
    if (model.meta.totalsPA) {
      const coef = model.meta.totalsPA;
      r.totals = totalsAtHalfTerms({ years: e.current, priorYears: e.prior }).map((c) => ({
        name: c.name,
        p: Array.from(scoreTotals(coef, c.pupils, c.ctx)),
        pa: c.pa,
        toDate: c.pupils.map((t) => t.absent / t.possible),
      }));
    }
    if (args.includes('--without-prior'))
      r.withoutPrior = collectBacktest(model, { years: e.current, pupils });
    results.push(r);
    process.stdout.write('.');
  }
  const families = [...new Set(specs.map((s) => s.family ?? 'wide'))];
  const heldOut = results.filter((r) => r.spec.family !== 'wide (unseen seeds)');
  const report = {
    model: dir,
    replays,
    seconds: (performance.now() - t0) / 1000,
    schools: specs,
    heldOut: targets(heldOut),
    byFamily: Object.fromEntries(
      families.map((f) => [f, targets(results.filter((r) => r.spec.family === f))]),
    ),
    withPrior: summariseBacktest(mergeBacktests(heldOut.map((r) => r.model))),
    withoutPrior: args.includes('--without-prior')
      ? summariseBacktest(mergeBacktests(heldOut.map((r) => r.withoutPrior!)))
      : undefined,
    totals: Object.fromEntries(
      [...families, 'all held-out'].map((f) => {
        const rs = f === 'all held-out' ? heldOut : results.filter((r) => r.spec.family === f);
        return [f, { october: totalsReport(rs, 'Autumn 1'), christmas: totalsReport(rs, 'Autumn 2') }];
      }),
    ),
    recalibration: results.map((r) => ({ school: `${r.spec.family} ${r.spec.phase}`, ...r.recalibration })),
  };
  for (const [f, t] of Object.entries(report.byFamily)) printTargets(`Family: ${f}`, t);
  printTargets('All held-out families', report.heldOut);
  console.log(
    '\nSummary-only schools: P(PA) from period totals alone (AUC all; not yet PA; ECE), beside absence to date',
  );
  for (const [f, t] of Object.entries(report.totals))
    for (const [when, r] of Object.entries(t))
      if (r.pupils)
        console.log(
          `  ${f.padEnd(30)} ${when.padEnd(9)} AUC ${f3(r.auc.totals)} vs ${f3(r.auc.baseline)} (+${f3(r.auc.totals - r.auc.baseline)}); not yet PA ${f3(r.aucNotYetPA.totals)} vs ${f3(r.aucNotYetPA.baseline)} (+${f3(r.aucNotYetPA.totals - r.aucNotYetPA.baseline)}); ECE ${f3(r.ece)}`,
        );
  printReport('All held-out families, in full (with last year in the store)', report.withPrior);
  if (report.withoutPrior) printReport('All held-out families, current year only', report.withoutPrior);
  const groups = report.withPrior.checkpoints.find((c) => c.name === 'Autumn 2')?.groups ?? [];
  console.log(
    '\nFairness at Christmas (with prior): group, pupils, PA rate, model flag rate, rule flag rate, AUC',
  );
  for (const g of groups)
    console.log(
      `  ${g.group.padEnd(12)} ${String(g.pupils).padStart(5)} ${pct(g.paRate)} ${pct(g.modelFlagRate)} ${pct(g.ruleFlagRate)} ${f3(g.auc)}`,
    );
  console.log(`\n${report.seconds.toFixed(0)} s`);
  if (!quick && !only) {
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(`bench/out/model-eval-${basename(dir)}.json`, JSON.stringify(report, null, 1));
  }
}

if (process.argv[1]?.endsWith('eval.ts')) void main();
