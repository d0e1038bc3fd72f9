/**
 * CSV for spreadsheets, written by papaparse's unparse: it quotes what needs quoting (delimiters,
 * quotes, line breaks, edge spaces) and, with escapeFormulae, prefixes an apostrophe to text starting
 * with = + - @ tab or CR, which Excel or LibreOffice would otherwise run as a formula (CSV injection).
 * Numbers and booleans we wrote ourselves (e.g. -3) are data, not formulas, and are left alone.
 */
import Papa from 'papaparse';

export type CsvValue = string | number | boolean | null | undefined;

const OPTIONS = { escapeFormulae: true, newline: '\r\n' } as const;

/** One cell, made safe from formula injection and quoted when needed. */
export function csvCell(value: CsvValue): string {
  return Papa.unparse([[value]], OPTIONS);
}

/** A whole file: header row then data rows, CRLF line ends (what spreadsheet software expects). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return Papa.unparse({ fields: [...header], data: rows.map((r) => [...r]) }, OPTIONS) + '\r\n';
}
