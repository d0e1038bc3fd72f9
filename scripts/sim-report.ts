/**
 * Calibration report: the simulator against the national figures (attendance.md).
 * Run: npm run sim:report [-- --pupils 1500 --seeds 3]
 * With --write-fixtures it only (re)writes the small generated fixtures in test/fixtures/generated/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrationStats, type CalibrationStats } from '../src/sim/calibration';
import { fixtureFiles } from '../src/sim/fixtures';
import { demoSchool } from '../src/sim/demo';
import { NATIONAL, NATIONAL_PA_BY_YEAR_GROUP, NATIONAL_SHAPES, REFERENCE_YEAR } from '../src/sim/national';
import { simulateSchool, type Phase } from '../src/sim/simulate';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
if (process.argv.includes('--write-fixtures')) {
  const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'generated');
  mkdirSync(dir, { recursive: true });
  const files = fixtureFiles();
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  const readme = [
    '# Generated register fixtures',
    '',
    'Written by `npm run sim:report -- --write-fixtures` from src/sim/fixtures.ts (seeded: same bytes every time;',
    'test/unit/sim-fixtures.test.ts fails when they are stale). Fictional pupils. One file per quirk:',
    '',
    ...files.map((f) => `- \`${f.name}\` (${f.bytes.length} bytes): ${f.why}`),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'README.md'), readme);
  console.log(`Wrote ${files.length} fixtures to ${dir}`);
  process.exit(0);
}
const PUPILS = arg('pupils', 1500);
const SEEDS = arg('seeds', 3);
const PHASES: Phase[] = ['primary', 'secondary', 'special'];
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

/** Pools seeds by averaging their statistics, weighted by enrolments. */
function pooled(phase: Phase): { stats: CalibrationStats; ms: number } {
  const runs: CalibrationStats[] = [];
  let ms = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const t0 = performance.now();
    const school = simulateSchool({ seed, phase, pupils: PUPILS, years: 1, lastStartYear: 2024 });
    ms += performance.now() - t0;
    runs.push(calibrationStats(school));
  }
  const n = runs.reduce((a, r) => a + r.enrolments, 0);
  const avg = (get: (r: CalibrationStats) => number) =>
    runs.reduce((a, r) => a + get(r) * r.enrolments, 0) / n;
  const avgArr = (get: (r: CalibrationStats) => number[]) =>
    get(runs[0]).map((_, i) => avg((r) => get(r)[i]));
  const codes = new Set(runs.flatMap((r) => Object.keys(r.codeShare)));
  return {
    ms: ms / SEEDS,
    stats: {
      enrolments: n,
      absence: avg((r) => r.absence),
      authorised: avg((r) => r.authorised),
      unauthorised: avg((r) => r.unauthorised),
      pa: avg((r) => r.pa),
      sa: avg((r) => r.sa),
      paFsm: avg((r) => r.paFsm),
      paNonFsm: avg((r) => r.paNonFsm),
      paSen: avg((r) => r.paSen),
      paNoSen: avg((r) => r.paNoSen),
      paByYearGroup: Object.fromEntries(
        Object.keys(runs[0].paByYearGroup).map((g) => [g, avg((r) => r.paByYearGroup[g] ?? 0)]),
      ),
      autumnWeekly: avgArr((r) => r.autumnWeekly),
      byTerm: avgArr((r) => r.byTerm),
      byWeekday: avgArr((r) => r.byWeekday),
      unauthorisedByWeekday: avgArr((r) => r.unauthorisedByWeekday),
      bands: avgArr((r) => r.bands),
      codeShare: Object.fromEntries([...codes].map((c) => [c, avg((r) => r.codeShare[c] ?? 0)])),
      meanSpell: avg((r) => r.meanSpell),
      spells2to4: avg((r) => r.spells2to4),
    },
  };
}

const rows: string[][] = [];
const add = (...cells: string[]) => rows.push(cells);
console.log(
  `Simulator calibration: ${SEEDS} seeds × ${PUPILS} pupils per phase, year 2024/25, Reception excluded.`,
);
console.log(
  `Reference: ${REFERENCE_YEAR} (PA, SA, bands, FSM); term and weekday shapes and phase absence from 2024/25.\n`,
);
add('measure', 'phase', 'simulated', 'national');
const results = Object.fromEntries(PHASES.map((p) => [p, pooled(p)])) as Record<
  Phase,
  { stats: CalibrationStats; ms: number }
>;
for (const phase of PHASES) {
  const s = results[phase].stats;
  const ref = NATIONAL[phase];
  add('overall absence %', phase, f2(s.absence), `${ref.absence2425} (2024/25)`);
  add('authorised / unauthorised %', phase, `${f2(s.authorised)} / ${f2(s.unauthorised)}`, '');
  add('persistent absence %', phase, f1(s.pa), f1(ref.pa));
  add('severe absence %', phase, f2(s.sa), f2(ref.sa));
  add(
    'PA FSM / non-FSM %',
    phase,
    `${f1(s.paFsm)} / ${f1(s.paNonFsm)}`,
    Number.isFinite(ref.paFsm) ? `${ref.paFsm} / ${ref.paNonFsm}` : '–',
  );
  add(
    'PA FSM ÷ non-FSM',
    phase,
    f2(s.paFsm / s.paNonFsm),
    Number.isFinite(ref.paFsm) ? f2(ref.paFsm / ref.paNonFsm) : '–',
  );
  add(
    'PA any SEN / no SEN %',
    phase,
    `${f1(s.paSen)} / ${f1(s.paNoSen)}`,
    Number.isFinite(ref.paSen) ? `${ref.paSen} / ${ref.paNoSen}` : '–',
  );
  const groups = Object.keys(s.paByYearGroup).sort((a, b) => Number(a) - Number(b));
  add(
    'PA by year group %',
    phase,
    groups.map((g) => `Y${g} ${f1(s.paByYearGroup[g])}`).join(' '),
    phase === 'special'
      ? '–'
      : groups.map((g) => `Y${g} ${f1(NATIONAL_PA_BY_YEAR_GROUP[g] ?? NaN)}`).join(' '),
  );
  add(
    'autumn weekly absence %',
    phase,
    s.autumnWeekly.map(f1).join(' '),
    '4.75, 5.7–6.0, 6.97 pre-half-term, 7.0–7.3 Nov–Dec (all, 2024)',
  );
  const terms = s.byTerm.map((t) => t / s.absence);
  add(
    'absence by term ÷ year (aut, spr, sum)',
    phase,
    terms.map(f2).join(' '),
    NATIONAL_SHAPES.termRatio.map(f2).join(' '),
  );
  const monThu = (s.byWeekday[0] + s.byWeekday[1] + s.byWeekday[2] + s.byWeekday[3]) / 4;
  add(
    'absence by weekday % (Mon–Fri)',
    phase,
    s.byWeekday.map(f1).join(' '),
    `Fri ≈ ${NATIONAL_SHAPES.fridayRatio}× Mon–Thu`,
  );
  add('  Friday ÷ Mon–Thu', phase, f2(s.byWeekday[4] / monThu), f2(NATIONAL_SHAPES.fridayRatio));
  add('unauthorised by weekday %', phase, s.unauthorisedByWeekday.map(f2).join(' '), 'Monday highest');
  add('bands 0–5…45–50, ≥50 (% pupils)', phase, s.bands.map(f1).join(' '), ref.bands.map(f1).join(' '));
  add(
    'I / O / G / M % of sessions',
    phase,
    ['I', 'O', 'G', 'M'].map((c) => f2(s.codeShare[c] ?? 0)).join(' / '),
    '3.24 / 1.59 / 0.46 / 0.32 (all, 2024/25)',
  );
  add('L late % of sessions', phase, f2(s.codeShare.L ?? 0), '1.87');
  add('mean spell / share 2–4 sessions', phase, `${f2(s.meanSpell)} / ${f2(s.spells2to4)}`, '– / 0.50');
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join(' | '));

console.log('\nGeneration time (Node, one school, mean of seeds):');
for (const p of PHASES) console.log(`  ${p} ${PUPILS} pupils × 1 year: ${results[p].ms.toFixed(0)} ms`);
demoSchool(); // warm up the JIT as a worker that has loaded the module would be
const t0 = performance.now();
const demo = demoSchool();
console.log(
  `  demo school (${demo.pupils.length} pupils, 2 years, to ${demo.throughDate}): ${(performance.now() - t0).toFixed(0)} ms`,
);
