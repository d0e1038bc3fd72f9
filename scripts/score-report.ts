/**
 * What the headless scorer says about the rows it could not use: totals by kind (every row counted, however
 * many), the first few of each with their row numbers, and the pupils with nothing to score yet. Text from the
 * file never reaches the terminal raw: control characters are named (ingest/issues.ts shown()).
 */
import { shown, type Issue } from '../src/ingest/issues';
import type { ParseSummary } from '../src/ingest';

const SAMPLES = 3;

export function issueReport(s: ParseSummary): string[] {
  const out: string[] = [];
  const c = s.counts;
  out.push(
    `${shown(s.fileName, 200)}: ${c.lines} lines, ${c.imported} rows read, ${c.skipped} skipped as invalid, ${c.above + c.notData} not data (titles, header, blank lines, totals).`,
  );
  for (const k of s.issueKinds) {
    const first = s.issues.filter((i: Issue) => i.code === k.code).slice(0, SAMPLES);
    const rows = first.map((i) => i.row).filter((r) => r > 0);
    const where = rows.length ? ` (${rows.length < k.count ? 'first at ' : ''}row ${rows.join(', ')})` : '';
    out.push(`  ${k.count} × ${k.code}, ${k.severity}${where}: ${shown(first[0]?.message ?? '', 300)}`);
  }
  return out;
}

/** Refuse to score a file with rows skipped as invalid unless told to score the rest (--skip-invalid). */
export function refusal(s: ParseSummary, skipInvalid: boolean): string | null {
  if (s.counts.skipped === 0 || skipInvalid) return null;
  return `${s.counts.skipped} row(s) were skipped as invalid, so nothing was scored: the scores would leave those sessions out. Correct the file, or run again with --skip-invalid to score the rest.`;
}

/** Pupils the file names in the scored year with no possible session by the as-of date (not yet on roll, say). */
export function notYetScored(ids: readonly string[], asOf: string): string[] {
  if (!ids.length) return [];
  const list = ids.slice(0, 20).map((id) => shown(id, 40));
  return [
    `${ids.length} pupil(s) have no possible session by ${asOf} (not yet on roll, or only non-possible marks), so there is nothing to score yet: ${list.join(', ')}${ids.length > list.length ? ', …' : ''}`,
  ];
}
