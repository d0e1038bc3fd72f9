/**
 * npm run score -- <register file> [--as-of yyyy-mm-dd] [--out risks.csv] [--model models/radar-v2]
 * The headless scorer: reads any layout the importer reads (same code as the app), scores every pupil
 * with the same model code, and writes pupil_id,possible_sessions,attendance_pct,p_pa,p_sa,drivers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bytesSource, inspectSource, parseSource } from '../src/ingest';
import { schoolYearOf, type PupilYear } from '../src/domain/register';
import { readModelDir, useNodeBackend } from '../src/model/node-backend';
import { scoreSchoolWith } from '../src/model/score';
import { toCsv } from '../src/views/csv';

async function main() {
  const args = process.argv.slice(2);
  const opt = (k: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
  const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  if (!file) {
    console.error(
      'Usage: npm run score -- <register file> [--as-of yyyy-mm-dd] [--out risks.csv] [--model dir]',
    );
    process.exit(2);
  }
  const bytes = new Uint8Array(readFileSync(file));
  const src = bytesSource(bytes, file);
  const inspected = await inspectSource(src);
  if (inspected.proposal.needsMapping) {
    console.error(
      `Cannot read the columns of ${file} without help:\n  ${inspected.proposal.reasons.join('\n  ')}`,
    );
    process.exit(1);
  }
  if (inspected.proposal.mapping.layout === 'summary') {
    console.error(
      'This is a summary (totals) export: the model needs session-by-session marks (long or wide layout).',
    );
    process.exit(1);
  }
  const parsed = await parseSource(src, inspected.proposal.mapping);
  const { summary } = parsed;
  for (const issue of summary.issues.slice(0, 10)) console.error(`  ${issue.severity}: ${issue.message}`);
  if (!summary.dateRange) {
    console.error('No marks were read from the file.');
    process.exit(1);
  }
  const asOf = opt('--as-of') ?? summary.dateRange[1];
  const startYear = schoolYearOf(asOf);
  const years: PupilYear[] = [];
  const priorYears: PupilYear[] = [];
  for (const entry of parsed.builder.pupils.values()) {
    const y = entry.years.get(startYear);
    if (y) years.push(y.year);
    const p = entry.years.get(startYear - 1);
    if (p) priorYears.push(p.year);
  }
  if (!years.length) {
    console.error(`The file has no marks in the school year of ${asOf}.`);
    process.exit(1);
  }
  await useNodeBackend();
  const model = await readModelDir(opt('--model') ?? 'models/radar-v2');
  const risks = scoreSchoolWith(model, {
    years,
    priorYears: priorYears.length ? priorYears : undefined,
    asOf,
    explain: 'all', // no time budget here: every pupil gets drivers
  });
  // Pupil ids come from the file: toCsv escapes any that a spreadsheet would run as a formula.
  const csv = toCsv(
    ['pupil_id', 'possible_sessions', 'attendance_pct', 'p_pa', 'p_sa', 'drivers'],
    risks.map((r) => [
      r.pupilId,
      r.possibleSessions,
      Number(r.attendancePct.toFixed(1)),
      Number(r.pPA.toFixed(3)),
      Number(r.pSA.toFixed(3)),
      r.drivers.map((d) => d.text).join('; '),
    ]),
  );
  const out = opt('--out');
  if (out) {
    writeFileSync(out, csv);
    console.error(
      `Scored ${risks.length} pupils as of ${asOf} (${priorYears.length ? 'with' : 'without'} last year); wrote ${out}`,
    );
  } else process.stdout.write(csv);
}

void main();
