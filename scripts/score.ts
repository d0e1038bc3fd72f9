/**
 * npm run score -- <register file> [--as-of yyyy-mm-dd] [--out risks.csv] [--model models/radar-v2]
 *                  [--period yyyy-mm-dd:yyyy-mm-dd] [--sheet name] [--skip-invalid]
 * Problems are totalled by kind on stderr with the first rows of each; a file with rows skipped as invalid is not
 * scored (exit 3) unless --skip-invalid is given. Pupils with nothing to score yet are listed, not errors.
 * The headless scorer: reads every layout and file type the importer reads (CSV, CTF XML, .xlsx, summaries;
 * same code as the app), scores every pupil with marks with the same model code, and writes
 * pupil_id,possible_sessions,attendance_pct,p_pa,p_sa,drivers — pupil_id is the UPN when the file has one —
 * then band,expected_attendance_low,expected_attendance_high: the app's band and 80% year-end range, from the
 * same code and the same predictive distribution as p_pa and p_sa.
 * Pupils with totals only (a summary file, a CTF without marks) are scored over their period totals by the same
 * code as the app (model/totals-risk.ts; `drivers` starts "Risk from period totals (no session marks)"). Without
 * period dates (a summary naming none, no --period) they get possible sessions, attendance % and the PA/SA rule
 * over the totals, no probabilities.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bytesSource, inspectSource, parseSource } from '../src/ingest';
import { schoolYearOf, type PupilYear } from '../src/domain/register';
import { inferCalendar } from '../src/domain/calendar';
import { combineTotals, metricsFromTotals, type NamedPeriodTotals } from '../src/domain/summary';
import { readModelDir, useNodeBackend } from '../src/model/node-backend';
import { scoreSchoolWith } from '../src/model/score';
import { scoreTotalsOnly } from '../src/model/totals-risk';
import type { RiskModel } from '../src/model/net';
import type { PupilRisk } from '../src/model/types';
import { toCsv } from '../src/views/csv';
import { issueReport, notYetScored, refusal } from './score-report';

async function main() {
  const args = process.argv.slice(2);
  const opt = (k: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
  const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  if (!file) {
    console.error(
      'Usage: npm run score -- <register file> [--as-of yyyy-mm-dd] [--out risks.csv] [--model dir] [--period yyyy-mm-dd:yyyy-mm-dd] [--sheet name] [--skip-invalid]',
    );
    process.exit(2);
  }
  const bytes = new Uint8Array(readFileSync(file));
  const src = bytesSource(bytes, file);
  const sheet = opt('--sheet');
  const inspected = await inspectSource(src, undefined, sheet).catch((e: Error) => {
    console.error(e.message); // a file type the importer does not read: what it is and how to save it as CSV
    process.exit(1);
  });
  const period = periodArg(opt('--period'));
  const summaryFile = inspected.proposal.mapping.layout === 'summary';
  // A summary with no period in the file: --period gives it; without, totals still give possible sessions and %.
  const reasons = inspected.proposal.reasons.filter(
    (r) => !(summaryFile && /which dates these totals/.test(r)),
  );
  if (reasons.length) {
    console.error(`Cannot read the columns of ${file} without help:\n  ${reasons.join('\n  ')}`);
    process.exit(1);
  }
  const standIn = !(period ?? inspected.period) && summaryFile;
  const parsed = await parseSource(src, inspected.proposal.mapping, {
    sheet,
    period: period ?? inspected.period ?? (standIn ? UNKNOWN_PERIOD : undefined),
  });
  const { summary } = parsed;
  for (const line of issueReport(summary)) console.error(line);
  const refused = refusal(summary, args.includes('--skip-invalid'));
  if (refused) {
    console.error(refused);
    process.exit(3);
  }
  const withMarks = new Set([...parsed.builder.pupils].filter(([, e]) => e.years.size > 0).map(([id]) => id));
  // Totals with real dates (in the file, or --period) can be scored; the stand-in period only gives rates.
  const dated = parsed.builder.totals.filter((t) => !standIn || t.from !== UNKNOWN_PERIOD.from);
  if (parsed.builder.marksSet === 0) {
    if (!parsed.builder.totals.length) {
      console.error('No marks or totals were read from the file.');
      process.exit(1);
    }
    const asOf = opt('--as-of') ?? latestEnd(dated);
    const scored = dated.length ? await totalsRisk(dated, [], asOf) : [];
    const rest = totalsOnlyRows(
      parsed.builder.totals,
      withMarks,
      period,
      new Set(scored.map((r) => r.pupilId)),
    );
    write(opt('--out'), toCsv(HEADER, [...scored.map(riskRow), ...rest]));
    console.error(
      scored.length
        ? `Scored ${scored.length} pupils as of ${asOf} from period totals only (no session marks: a score over the totals).`
        : `${rest.length} pupils from totals only (no session marks and no period dates, so no model score; give --period).`,
    );
    return;
  }
  if (!summary.dateRange) {
    console.error('No marks were read from the file.');
    process.exit(1);
  }
  // The last day with a mark, as the app's as-of: the import's date range also spans totals' periods (a CTF's
  // totals without an end date run to 31 August), which would put every pupil at the year's end.
  const asOf = opt('--as-of') ?? lastMarkedDay(parsed.builder.pupils.values()) ?? summary.dateRange[1];
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
  const model = await loadModel();
  const risks = scoreSchoolWith(model, {
    years,
    priorYears: priorYears.length ? priorYears : undefined,
    asOf,
    explain: 'all', // no time budget here: every pupil gets drivers
  });
  const totalsScored = dated.length ? await totalsRisk(dated, years, asOf) : [];
  const totalsRows = totalsOnlyRows(
    parsed.builder.totals,
    withMarks,
    period,
    new Set(totalsScored.map((r) => r.pupilId)),
  );
  // Pupil ids come from the file: toCsv escapes any that a spreadsheet would run as a formula.
  const csv = toCsv(HEADER, [...risks.map(riskRow), ...totalsScored.map(riskRow), ...totalsRows]);
  write(opt('--out'), csv);
  const scored = new Set(risks.map((r) => r.pupilId));
  for (const line of notYetScored(
    years.map((y) => y.pupilId).filter((id) => !scored.has(id)),
    asOf,
  ))
    console.error(line);
  const more = totalsScored.length + totalsRows.length;
  console.error(
    `Scored ${risks.length} pupils as of ${asOf} (${priorYears.length ? 'with' : 'without'} last year)${more ? `; ${more} more from totals only` : ''}.`,
  );
  async function loadModel(): Promise<RiskModel> {
    await useNodeBackend();
    return readModelDir(opt('--model') ?? 'models/radar-v2');
  }
  /** The app's score for totals-only pupils (model/totals-risk.ts): the same code the score worker runs. */
  async function totalsRisk(
    totals: readonly NamedPeriodTotals[],
    marked: readonly PupilYear[],
    asOf: string,
  ): Promise<PupilRisk[]> {
    const startYear = schoolYearOf(asOf);
    const model = await loadModel();
    return scoreTotalsOnly(model.meta, {
      totals: totals.filter((t) => t.startYear === startYear),
      priorTotals: totals.filter((t) => t.startYear === startYear - 1),
      years: marked,
      asOf,
      startYear,
    });
  }
}

/** One CSV row from a score: the first six columns, then the band and the 80% year-end range. */
function riskRow(r: PupilRisk): (string | number)[] {
  return [
    r.pupilId,
    r.possibleSessions,
    Number(r.attendancePct.toFixed(1)),
    Number(r.pPA.toFixed(3)),
    Number(r.pSA.toFixed(3)),
    r.drivers.map((d) => d.text).join('; '),
    r.band,
    Number(r.rangeLow.toFixed(1)),
    Number(r.rangeHigh.toFixed(1)),
  ];
}

/** The last day with a mark in the latest school year the file has marks for. */
function lastMarkedDay(entries: Iterable<{ years: Map<number, { year: PupilYear }> }>): string | null {
  const byYear = new Map<number, Uint8Array[]>();
  for (const e of entries)
    for (const [y, { year }] of e.years) byYear.set(y, [...(byYear.get(y) ?? []), year.marks]);
  if (!byYear.size) return null;
  const latest = Math.max(...byYear.keys());
  return inferCalendar(latest, byYear.get(latest)!).lastMarkedDay;
}

/** The last day any totals row covers: the natural "as of" for a summary. */
function latestEnd(totals: readonly NamedPeriodTotals[]): string {
  return totals.reduce((d, t) => (t.to > d ? t.to : d), '');
}

const HEADER = [
  'pupil_id',
  'possible_sessions',
  'attendance_pct',
  'p_pa',
  'p_sa',
  'drivers',
  'band',
  'expected_attendance_low',
  'expected_attendance_high',
];

/** Stand-in period for a summary that names none: totals still give rates; the dates are not used. */
const UNKNOWN_PERIOD = { label: 'period not given', from: '2000-09-01', to: '2001-08-31' };

function periodArg(v: string | undefined): { label: string; from: string; to: string } | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(v);
  if (!m) {
    console.error(`--period must be yyyy-mm-dd:yyyy-mm-dd (got "${v}").`);
    process.exit(2);
  }
  return { label: `${m[1]} to ${m[2]}`, from: m[1], to: m[2] };
}

/**
 * One row per pupil who has totals and no marks: possible sessions and attendance % from the totals (all
 * periods added), no model probabilities, and the PA/SA rule over the totals named in `drivers`.
 */
function totalsOnlyRows(
  totals: readonly NamedPeriodTotals[],
  withMarks: Set<string>,
  period: { label: string } | undefined,
  scored: Set<string>,
): (string | number)[][] {
  const byPupil = new Map<string, NamedPeriodTotals[]>();
  for (const t of totals) {
    if (withMarks.has(t.pupilId) || scored.has(t.pupilId)) continue;
    byPupil.set(t.pupilId, [...(byPupil.get(t.pupilId) ?? []), t]);
  }
  const rows: (string | number)[][] = [];
  for (const [id, ts] of byPupil) {
    const m = metricsFromTotals(combineTotals(ts)!);
    const label = period ? ` (${period.label})` : '';
    const rule =
      m.absencePct === null
        ? 'no possible sessions'
        : `absence ${m.absencePct.toFixed(1)}% of possible sessions${label}: ${m.sa ? 'severe absence (50% or more)' : m.pa ? 'persistent absence (10% or more)' : 'below the 10% persistent absence line'}`;
    rows.push([
      id,
      m.tally.possible,
      m.attendancePct === null ? '' : Number(m.attendancePct.toFixed(1)),
      '',
      '',
      `Totals only, no session marks: no model score. Rule over the totals: ${rule}`,
      // Already PA or SA by the one rule over the totals; otherwise no band without a model score.
      m.sa ? 'sa' : m.pa ? 'pa' : '',
      '',
      '',
    ]);
  }
  return rows;
}

function write(out: string | undefined, csv: string): void {
  if (out) {
    writeFileSync(out, csv);
    console.error(`Wrote ${out}`);
  } else process.stdout.write(csv);
}

void main();
