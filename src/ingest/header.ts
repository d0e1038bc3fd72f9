/**
 * Finding the header row: report tools put titles, dates and blank lines above it.
 * The header is the first row with at least two cells that name known columns or are dates;
 * failing that, the first row as wide as the data below it.
 */
import { isKnownHeader } from './columns';
import { parseDate } from './values';

export interface SampledRow {
  fields: string[];
  line: number;
}

export function isBlankRow(f: string[]): boolean {
  for (const x of f) if (x.trim() !== '') return false;
  return true;
}

const TOTALS = /^(grand\s+)?(totals?|sub-?totals?|averages?|count|summary|overall)\b[:.]?/i;

/** A totals/average line a report adds below the data. */
export function isTotalsRow(f: string[]): boolean {
  for (const x of f) {
    const t = x.trim();
    if (t === '') continue;
    // Cheap test first: ids (UPN L938…, admission numbers) have a digit in their first two characters.
    const c0 = t.charCodeAt(0);
    const c1 = t.charCodeAt(1);
    if ((c0 >= 48 && c0 <= 57) || (c1 >= 48 && c1 <= 57)) return false;
    return TOTALS.test(t);
  }
  return false;
}

export function findHeader(rows: readonly SampledRow[]): number {
  const limit = Math.min(rows.length, 40);
  const widths = rows.slice(0, limit).map((r) => r.fields.filter((x) => x.trim() !== '').length);
  const widest = Math.max(0, ...widths);
  for (let i = 0; i < limit; i++) {
    let known = 0;
    for (const h of rows[i].fields) if (h.trim() !== '' && isKnownHeader(h)) known++;
    // A title such as "Attendance, 01/09/2024" names two things too, but is much narrower than the table.
    if (known >= 2 && widths[i] * 2 >= widest) return i;
  }
  const i = widths.findIndex((w) => w === widest);
  return i < 0 ? 0 : i;
}

/** Two dates in the title lines ("Attendance 01/09/2024 to 20/12/2024") give a summary file its period. */
export function periodFromTitles(
  titles: readonly string[],
): { label: string; from: string; to: string } | undefined {
  const found: string[] = [];
  for (const t of titles) {
    for (const m of t.matchAll(
      /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[- ][A-Za-z]{3,9}[- ]\d{2,4}/g,
    )) {
      const d = parseDate(m[0]);
      if ('iso' in d) found.push(d.iso);
    }
  }
  if (found.length < 2) return undefined;
  const [from, to] = [found[0], found[1]].sort();
  return { label: `${from} to ${to}`, from, to };
}
