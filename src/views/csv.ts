/**
 * CSV for spreadsheets. A cell starting with = + - @ tab or CR would be run as a formula by Excel or
 * LibreOffice (CSV injection), so it is prefixed with an apostrophe, which the spreadsheet shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, made safe from formula injection and quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // Numbers we wrote ourselves (e.g. -3) are data, not formulas; only text is escaped.
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole file: header row then data rows, CRLF line ends (what spreadsheet software expects). */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
