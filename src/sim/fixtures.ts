/**
 * Small generated register files, one per layout or quirk, for importer tests
 * (test/fixtures/generated/). Regenerate with: npm run sim:report -- --write-fixtures
 * Tiny on purpose: six pupils, the first weeks of autumn.
 */
import type { ExportEncoding } from './encoding';
import { simulateSchool, type SimSchool } from './simulate';
import { writeExportBytes, type Layout, type SummaryOptions, type WideOptions } from './writers';

export interface FixtureFile {
  name: string;
  /** Why the file exists: the quirk it carries. */
  why: string;
  bytes: Uint8Array;
}

const YEAR = 2024;

/** Names that break naive encodings, so every fixture carries them. */
function withAwkwardNames(school: SimSchool): SimSchool {
  const names: [string, string][] = [
    ['Zoë', 'O’Brien'],
    ['Siân', 'Ó Súilleabháin'],
    ['Renée', 'D’Souza'],
  ];
  names.forEach(([forename, surname], i) => {
    if (school.pupils[i]) Object.assign(school.pupils[i], { forename, surname });
  });
  return school;
}

export function fixtureFiles(): FixtureFile[] {
  const base = { pupils: 6, years: 1, lastStartYear: YEAR, throughDate: `${YEAR}-10-04` } as const;
  const secondary = withAwkwardNames(simulateSchool({ ...base, seed: 101, phase: 'secondary' }));
  const primary = withAwkwardNames(simulateSchool({ ...base, seed: 102, phase: 'primary', pupils: 7 }));
  const closure = withAwkwardNames(
    simulateSchool({
      ...base,
      seed: 103,
      phase: 'secondary',
      variant: 'closure-week',
      throughDate: `${YEAR + 1}-02-07`,
    }),
  );
  type Opts = SummaryOptions & WideOptions & { encoding?: ExportEncoding };
  const file = (name: string, why: string, layout: Layout, school: SimSchool, o: Opts = {}): FixtureFile => ({
    name,
    why,
    bytes: writeExportBytes(layout, school, YEAR, o),
  });
  return [
    file('long-utf8.csv', 'Long layout, plain UTF-8, the canonical form.', 'long', secondary),
    file(
      'long-bom-semicolon.csv',
      'UTF-8 with BOM and ";" delimiter (European Excel settings).',
      'long',
      secondary,
      {
        bom: true,
        delimiter: ';',
      },
    ),
    file(
      'long-sims-utf16le.csv',
      'UTF-16LE with BOM, every field quoted, pupil details only on the first row (a single space below).',
      'long',
      secondary,
      { encoding: 'utf-16le', quoteAll: true, pupilDetailsFirstRowOnly: ' ' },
    ),
    file(
      'long-excel-1252.csv',
      'Re-saved in Excel: Windows-1252 (’ is 0x92), title lines above the header, a totals row below.',
      'long',
      secondary,
      {
        encoding: 'windows-1252',
        titleLines: ['Attendance by session', 'Printed 04/10/2024'],
        totalsRow: true,
      },
    ),
    file(
      'long-reformatted.csv',
      'Dates as d/m/yyyy, sessions as MORNING/AFTERNOON, LF line endings, blank lines after the data.',
      'long',
      secondary,
      {
        dateFormat: 'd/m/yyyy',
        sessionNames: ['MORNING', 'AFTERNOON'],
        lineEnding: '\n',
        trailingBlankLines: 3,
      },
    ),
    file(
      'wide-marks-string.csv',
      'Wide layout: a week of marks as one string, "-" for no mark.',
      'wide',
      primary,
      { separator: '' },
    ),
    file(
      'wide-comma.csv',
      'Wide layout with two-character codes (Y4 closure week): every week comma-separated in a quoted cell.',
      'wide',
      closure,
      { separator: '' },
    ),
    file(
      'summary-year.csv',
      'Summary layout, year to date, attendance written like 94.7%.',
      'summary',
      secondary,
    ),
    file(
      'summary-term.csv',
      'Summary layout per term (Period column) with a totals row.',
      'summary',
      closure,
      {
        period: 'term',
        totalsRow: true,
      },
    ),
  ];
}
