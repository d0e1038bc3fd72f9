/**
 * Each kind of import problem (src/ingest issue ids) in the officer's words: the Import screen and the imports log show these,
 * never the machine ids ("upn-check"). A kind without words here is shown as a sentence made from its id.
 */
export const ISSUE_WORDS: Readonly<Record<string, string>> = {
  'blank-row': 'Blank line (skipped)',
  'broken-quote': 'A quote mark opens a value and never closes (the line was not imported)',
  'carried-down': 'Rows with no pupil details, read as the pupil above',
  'damaged-file': 'The file is damaged and could not be read to the end',
  'date-out-of-range': 'Date outside any plausible school year',
  'details-year-group': 'Year and registration group in a details file (read from register files instead)',
  'duplicate-different': 'The same session twice with different marks (the first kept)',
  'duplicate-same': 'The same session twice with the same mark (read once)',
  'encoding-looks-wrong': 'The text encoding looks wrong (save the file again as CSV UTF-8)',
  'encoding-replaced': 'Characters that could not be read (names may show �)',
  'flags-only': 'No mark, so the true/false columns were used',
  'formula-cell': 'Cell that looks like a spreadsheet formula (kept as text, never run)',
  'impossible-date': 'Date that does not exist (such as 31/02)',
  'legacy-after-withdrawal': 'Withdrawn code used after it was withdrawn',
  'legacy-code': 'Historic code read with its old meaning',
  'long-row': 'Line with more values than the header (a stray delimiter in a value?)',
  'matched-by-name': 'Pupil with no UPN or admission number (matched by name)',
  'missing-column': 'A column the mapping expects is not in the file',
  'missing-period': 'The dates these totals cover are not known',
  'missing-pupil': 'Row with no pupil identifier',
  'no-data': 'No data rows below the header',
  'no-export-date': 'The file gives no export date: totals read as covering the whole school year',
  'no-line-end': 'The last line has no line end (the file may be cut short)',
  'no-marks': 'Row with no marks that could be read',
  'nul-byte': 'A NUL character inside a value (the file may be damaged)',
  'overlong-field': 'Value too long to be real (the file may be damaged)',
  'pupil-without-rows': 'Pupils named only on rows that were not imported (not added)',
  'percent-mismatch': 'Attendance % in the file differs from its counts',
  'short-row': 'Line with fewer columns than the header (the file may be cut short)',
  'stray-quote': 'A quote mark inside a value (read as part of it)',
  subcode: 'Vendor subcode read as its national code',
  'title-line': 'Report title above the header (skipped)',
  'too-few-marks': 'Fewer marks than the dates need',
  'too-many-marks': 'More marks than the dates allow (the extra ones not read)',
  'totals-disagree': 'Session totals that disagree with the marks (the marks used)',
  'totals-dont-add-up': 'Totals that do not add up to possible sessions',
  'totals-row': 'Totals line below the data (skipped)',
  'truncated-file': 'The file ends part-way through a line (it looks cut short)',
  'unknown-code': 'Mark that is not a national attendance code',
  'unreadable-count': 'Count that is not a whole number of sessions',
  'unreadable-date': 'Date that could not be read',
  'unreadable-minutes': 'Minutes late that are not a number (ignored)',
  'unreadable-session': 'Session that is not AM or PM',
  'upn-check': 'UPN check letter does not match (the UPN may be mistyped)',
  'weekend-session': 'Session on a Saturday or Sunday',
  'weekend-start': 'Marks that start on a weekend (read from the Monday after)',
};

/** A kind of problem in words; an unknown id becomes "Unknown code" rather than "unknown-code". */
export function issueWords(code: string): string {
  const w = ISSUE_WORDS[code];
  if (w) return w;
  const s = code.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
