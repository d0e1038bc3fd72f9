/**
 * One sentence that accounts for every line of an imported file, so the figures visibly add up:
 * lines = imported + skipped (by kind) + not data (titles, header, blank lines, totals).
 */
import type { RowCounts } from '../ingest';

const n = (x: number) => x.toLocaleString('en-GB');

export function rowAccount(c: RowCounts): string {
  const kinds = Object.entries(c.skippedBy)
    .sort((a, b) => b[1] - a[1])
    .map(([code, k]) => `${n(k)} ${code}`)
    .join(', ');
  const skipped = c.skipped ? `${n(c.skipped)} skipped (${kinds})` : '0 skipped';
  return `${n(c.lines)} lines in the file: ${n(c.imported)} rows imported, ${skipped}, ${n(c.above + c.notData)} not data (titles, header, blank lines, totals)`;
}
