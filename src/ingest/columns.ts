/**
 * Which column is which: header synonyms from several MIS vendors, then the cells themselves
 * (a column of AM/PM is a session whatever its header says). The result is a proposal the user can correct.
 */
import { parseDate, parseFlag } from './values';
import { readMark } from './mark-symbols';
import { pct, profileColumn, type ColumnProfile } from './profile';

/**
 * long: a row per session (or per day, with AM and PM marks in two columns); wide: marks under date headers;
 * start-date: a period's marks in one cell from a start date (CTF style); summary: totals per period;
 * details: pupil details only (FSM, SEN, year…), no marks.
 */
export type Layout = 'long' | 'wide' | 'summary' | 'start-date' | 'details';

export type Field =
  | 'upn'
  | 'misId'
  | 'name'
  | 'surname'
  | 'forename'
  | 'yearGroup'
  | 'regGroup'
  | 'sex'
  | 'fsm'
  | 'sen'
  | 'dob'
  | 'admissionDate'
  | 'leavingDate'
  | 'date'
  | 'session'
  | 'mark'
  | 'markAm'
  | 'markPm'
  | 'startDate'
  | 'endDate'
  | 'marksRun'
  | 'minutesLate'
  | 'flagPresent'
  | 'flagAuthorised'
  | 'flagUnauthorised'
  | 'flagPossible'
  | 'possible'
  | 'attended'
  | 'present'
  | 'aea'
  | 'authorised'
  | 'unauthorised'
  | 'late'
  | 'percent'
  | 'period'
  | 'periodFrom'
  | 'periodTo';

/** How the file's columns are read. Columns are named by header, so a mapping can be remembered per file shape. */
export interface Mapping {
  layout: Layout;
  columns: Partial<Record<Field, string>>;
  /** Wide layout: the headers holding marks (each a date), and how many days each covers. */
  markColumns?: string[];
  daysPerColumn?: 1 | 5;
}

export interface MappingProposal {
  mapping: Mapping;
  needsMapping: boolean;
  /** Why the user is asked, in plain English. */
  reasons: string[];
  /** Headers not used by the mapping (shown so the user sees nothing is hidden). */
  unused: string[];
  /** Why a column was chosen over another that could have been it, from what its values are. */
  choices?: string[];
}

const SYNONYMS: Record<Field, string[]> = {
  upn: ['upn', 'unique pupil number', 'pupil upn', 'upn number'],
  misId: [
    'pupil id',
    'adno',
    'adm no',
    'admission no',
    'admission number',
    'mis id',
    'pupil no',
    'pupil number',
    'student id',
    'person id',
    'id',
    'sims id',
    'external id',
    'learner id',
    'student number',
  ],
  name: ['name', 'pupil name', 'student name', 'full name', 'pupil', 'student', 'learner'],
  surname: ['surname', 'legal surname', 'last name', 'family name', 'preferred surname', 'lastname'],
  forename: [
    'forename',
    'first name',
    'legal forename',
    'preferred forename',
    'given name',
    'firstname',
    'preferred name',
    'chosen name',
  ],
  yearGroup: ['year', 'nc year', 'year group', 'yeargroup', 'ncy', 'curriculum year', 'yr', 'year grp'],
  regGroup: [
    'reg',
    'reg group',
    'registration group',
    'form',
    'tutor group',
    'class',
    'reg grp',
    'form group',
    'tutor',
  ],
  sex: ['sex', 'gender', 'legal sex'],
  fsm: [
    'fsm',
    'free school meals',
    'fsm eligible',
    'pupil premium',
    'pp',
    'fsm6',
    'ever 6 fsm',
    'fsm ever 6',
    'fsm eligibility',
    'pupil premium?',
    'fsm?',
  ],
  sen: ['sen', 'sen status', 'send', 'sen provision', 'send status', 'sen stage'],
  dob: ['dob', 'date of birth', 'birth date', 'birthdate'],
  admissionDate: ['admission date', 'date of admission', 'entry date', 'adm date', 'on roll date'],
  leavingDate: ['leaving date', 'date of leaving', 'leave date', 'off roll date'],
  date: ['date', 'session date', 'attendance date', 'register date', 'day', 'mark date'],
  session: ['session', 'am pm', 'am/pm', 'sess', 'session name', 'time', 'session time', 'am or pm'],
  mark: [
    'mark',
    'code',
    'attendance mark',
    'attendance code',
    'register mark',
    'mark code',
    'att code',
    'marks',
  ],
  markAm: [
    'am',
    'am mark',
    'am code',
    'morning',
    'morning mark',
    'morning code',
    'am session',
    'am attendance',
  ],
  markPm: [
    'pm',
    'pm mark',
    'pm code',
    'afternoon',
    'afternoon mark',
    'afternoon code',
    'pm session',
    'pm attendance',
  ],
  startDate: ['start date', 'startdate', 'attendance start date', 'attendancestartdate', 'from', 'from date'],
  endDate: ['end date', 'enddate', 'attendance end date', 'attendanceenddate', 'to', 'to date'],
  marksRun: ['attendance marks', 'attendancemarks', 'marks', 'session marks', 'marks string', 'mark string'],
  minutesLate: ['minutes late', 'mins late', 'late minutes', 'late mins', 'late (mins)', 'minutes'],
  flagPresent: ['present', 'is present', 'present flag'],
  flagAuthorised: [
    'authorised absence',
    'authorised',
    'auth absence',
    'authorised absent',
    'is authorised',
    'authorised flag',
  ],
  flagUnauthorised: [
    'unauthorised absence',
    'unauthorised',
    'unauth absence',
    'unauthorised absent',
    'is unauthorised',
    'unauthorised flag',
  ],
  flagPossible: ['possible', 'possible session', 'attendance possible', 'is possible'],
  possible: [
    'possible sessions',
    'possible',
    'sessions possible',
    'poss',
    'possible marks',
    'total possible',
  ],
  attended: ['attended', 'sessions attended', 'attendances', 'total attended'],
  present: ['present', 'present sessions', 'presents', 'sessions present', 'present (inc late)'],
  aea: [
    'aea',
    'approved educational activity',
    'approved activity',
    'approved activities',
    'approved edu activity',
    'approved education activity',
    'off site',
    'off-site',
    'aea sessions',
  ],
  authorised: [
    'authorised',
    'authorised absence',
    'authorised absences',
    'auth',
    'auth abs',
    'authorised sessions',
  ],
  unauthorised: [
    'unauthorised',
    'unauthorised absence',
    'unauthorised absences',
    'unauth',
    'unauth abs',
    'unauthorised sessions',
  ],
  late: ['late', 'lates', 'late sessions', 'late marks', 'late before registers closed'],
  percent: [
    'attendance %',
    '% attendance',
    'attendance',
    'attendance percentage',
    'att %',
    'percent',
    '%',
    'attendance pct',
    'overall %',
    'overall attendance',
  ],
  period: ['period', 'term', 'half term', 'period name', 'term name'],
  periodFrom: ['from', 'start', 'period start', 'from date', 'start date', 'date from'],
  periodTo: ['to', 'end', 'period end', 'to date', 'end date', 'date to'],
};

const LONG_ONLY: readonly Field[] = [
  'date',
  'session',
  'mark',
  'markAm',
  'markPm',
  'minutesLate',
  'flagPresent',
  'flagAuthorised',
  'flagUnauthorised',
  'flagPossible',
];
const START_ONLY: readonly Field[] = ['startDate', 'endDate', 'marksRun'];
const SUMMARY_ONLY: readonly Field[] = [
  'possible',
  'attended',
  'present',
  'aea',
  'authorised',
  'unauthorised',
  'late',
  'percent',
  'period',
  'periodFrom',
  'periodTo',
];
/** Totals a start-date file (a CTF's YearData) may carry beside its marks, checked against them. */
const START_TOTALS: readonly Field[] = [
  'possible',
  'attended',
  'present',
  'aea',
  'authorised',
  'unauthorised',
];

/** The fields a layout reads; a header that could mean several things takes the first its layout reads. */
function fieldFits(f: Field, layout: Layout | undefined): boolean {
  if (layout === 'long' || layout === 'wide')
    return (!SUMMARY_ONLY.includes(f) || f === 'percent') && !START_ONLY.includes(f);
  if (layout === 'start-date')
    return !LONG_ONLY.includes(f) && (!SUMMARY_ONLY.includes(f) || START_TOTALS.includes(f));
  return (!LONG_ONLY.includes(f) || f === 'date') && !START_ONLY.includes(f);
}

/** Lower case, punctuation to spaces (but keep % and ?), single spaces. */
export function normaliseHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/[^a-z0-9%?/]+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, Field[]>();
for (const [field, names] of Object.entries(SYNONYMS) as [Field, string[]][]) {
  for (const n of names) {
    const k = normaliseHeader(n);
    BY_NAME.set(k, [...(BY_NAME.get(k) ?? []), field]);
  }
}

/** Header words that are also common cell values (a session): they never make a row look like a header. */
const ALSO_VALUES = new Set(['am', 'pm', 'morning', 'afternoon']);

export function isKnownHeader(h: string): boolean {
  const k = normaliseHeader(h);
  return (BY_NAME.has(k) && !ALSO_VALUES.has(k)) || headerDate(h) !== undefined;
}

/** A header that is itself a date (wide layout: one column per day or week). */
export function headerDate(h: string): string | undefined {
  const s = h.trim().replace(/^(w\/?c|week (commencing|beginning|starting)|mon|tue|wed|thu|fri)\.?\s+/i, '');
  const d = parseDate(s);
  return 'iso' in d ? d.iso : undefined;
}

/** A signature of the header row, for remembering the user's mapping. Date headers collapse to one token. */
export function headerSignature(headers: readonly string[]): string {
  const parts: string[] = [];
  for (const h of headers) {
    const t = headerDate(h) ? '<date>' : normaliseHeader(h);
    if (t === '<date>' && parts[parts.length - 1] === '<date>') continue;
    parts.push(t);
  }
  return 'v1|' + parts.join('|');
}

const UPN_RE = /^[A-Z]\d{11}[0-9A-Z]$/;

/** What a column's cells look like, for headers no synonym matched. */
function guessFromCells(values: string[], p: ColumnProfile): Field | undefined {
  const v = values.map((x) => x.trim()).filter((x) => x !== '');
  if (v.length === 0) return undefined;
  const all = (f: (s: string) => boolean) => v.every(f);
  if (all((s) => UPN_RE.test(s))) return 'upn';
  if (p.session === 1) return 'session';
  if (p.date === 1) return 'date';
  if (p.run >= 0.8) return 'marksRun';
  if (all((s) => 'id' in readMark(s) && s.length <= 2 && !/^\d+$/.test(s))) return 'mark';
  if (all((s) => /^\d+%$/.test(s) || /^\d+\.\d+%$/.test(s))) return 'percent';
  return undefined;
}

/** Share of a column's values that fit a field, for the fields chosen by what their values are. */
const VALUE_SHARE: Partial<Record<Field, (p: ColumnProfile) => number>> = {
  mark: (p) => p.mark,
  marksRun: (p) => p.run,
  date: (p) => p.date,
  session: (p) => p.session,
  upn: (p) => p.upn,
};
const VALUE_WORDS: Partial<Record<Field, string>> = {
  mark: 'are register codes',
  marksRun: 'are runs of register codes',
  date: 'are dates',
  session: 'are sessions (AM/PM)',
  upn: 'are UPNs with a valid check letter',
};
const FIELD_WORDS: Partial<Record<Field, string>> = {
  mark: 'Marks',
  marksRun: 'Marks',
  date: 'Dates',
  session: 'Sessions',
  upn: 'UPNs',
};

/**
 * Propose a mapping from the header row and a few data rows.
 * Layout: date-headed columns → wide; a cell of many marks → start-date; a date and a mark (or AM and PM
 * mark columns, or flags) → long; session counts → summary; only pupil details → details.
 * Columns that could be the mark, the date, the session or the UPN are chosen by what their values are.
 */
export function proposeMapping(headers: readonly string[], sampleRows: readonly string[][]): MappingProposal {
  const reasons: string[] = [];
  const choices: string[] = [];
  const matched = new Map<number, Field[]>();
  headers.forEach((h, i) => {
    const f = BY_NAME.get(normaliseHeader(h));
    if (f) matched.set(i, f);
  });
  const dateCols = headers
    .map((h, i) => ({ h, i, iso: headerDate(h) }))
    .filter((c) => c.iso && !matched.has(c.i));
  const column = (i: number) => sampleRows.map((r) => r[i] ?? '');
  const profiles = headers.map((_, i) => profileColumn(column(i)));
  const isFlagCol = (i: number) =>
    column(i).every((s) => parseFlag(s) !== undefined && !/^\d{2,}$/.test(s.trim())) &&
    column(i).some((s) => /^(true|false|yes|no|y|n|t|f)$/i.test(s.trim()));

  // Cells decide names that mean different things in different layouts (e.g. "Present": a flag or a count).
  const hasDateCol = [...matched.values()].some((f) => f.includes('date'));
  // A period's marks in one cell: by its values, or by headers that can only mean that (AttendanceMarks
  // beside a StartDate) when the runs are too short to tell.
  const named = (f: Field, only: boolean) =>
    [...matched.values()].some((fs) => fs.includes(f) && (!only || fs.length === 1));
  const hasRunCol =
    profiles.some((p) => p.filled > 0 && p.run >= 0.6) ||
    (named('marksRun', true) && named('startDate', false));
  const layout: Layout | undefined =
    dateCols.length >= 1 ? 'wide' : hasRunCol ? 'start-date' : hasDateCol ? 'long' : undefined;

  const columns: Partial<Record<Field, string>> = {};
  const used = new Set<number>();
  const take = (field: Field, i: number) => {
    if (columns[field] !== undefined || used.has(i)) return;
    columns[field] = headers[i];
    used.add(i);
  };
  let resolvedLayout: Layout | undefined = layout;
  for (const [i, fields] of matched) {
    const options = fields.filter((f) => fieldFits(f, resolvedLayout));
    let f = options[0];
    if (resolvedLayout === 'long' && fields.some((x) => x.startsWith('flag'))) {
      f = isFlagCol(i)
        ? fields.find((x) => x.startsWith('flag'))!
        : (options.find((x) => !x.startsWith('flag')) ?? f);
    }
    if (f) take(f, i);
  }
  // Content fallback for columns no synonym matched.
  headers.forEach((_, i) => {
    if (used.has(i) || dateCols.some((c) => c.i === i)) return;
    const g = guessFromCells(column(i), profiles[i]);
    if (g && (!resolvedLayout || fieldFits(g, resolvedLayout))) take(g, i);
  });
  // By values: of the columns a header or the cells propose for a field, the one whose values fit best.
  for (const field of Object.keys(VALUE_SHARE) as Field[]) {
    if (
      (resolvedLayout && !fieldFits(field, resolvedLayout)) ||
      (field === 'mark' && columns.markAm && columns.markPm)
    )
      continue;
    const share = VALUE_SHARE[field]!;
    const current = columns[field] === undefined ? -1 : headers.indexOf(columns[field]!);
    const candidates = headers
      .map((_, i) => i)
      .filter(
        (i) =>
          i === current ||
          (!used.has(i) &&
            !dateCols.some((c) => c.i === i) &&
            profiles[i].filled > 0 &&
            (matched.get(i)?.includes(field) || share(profiles[i]) >= 0.8)),
      );
    if (candidates.length < 2 && current >= 0) continue;
    let best = current;
    for (const i of candidates) if (best < 0 || share(profiles[i]) > share(profiles[best]) + 0.1) best = i;
    if (best < 0 || share(profiles[best]) < 0.5) continue;
    if (best !== current) {
      if (current >= 0) used.delete(current);
      columns[field] = headers[best];
      used.add(best);
    }
    if (candidates.length > 1) {
      const others = candidates
        .filter((i) => i !== best)
        .map((i) => `"${headers[i]}": ${pct(share(profiles[i]))}`)
        .join(', ');
      choices.push(
        `${FIELD_WORDS[field]} read from "${headers[best]}": ${pct(share(profiles[best]))} of its values ${VALUE_WORDS[field]} (not ${others}).`,
      );
    }
  }
  // An id column whose values are valid UPNs is the UPN, whatever the headers say.
  const upnAt = columns.upn ? headers.indexOf(columns.upn) : -1;
  const misAt = columns.misId ? headers.indexOf(columns.misId) : -1;
  if (
    misAt >= 0 &&
    profiles[misAt].upn >= 0.5 &&
    profiles[misAt].upn > (upnAt < 0 ? 0 : profiles[upnAt].upn) + 0.1
  ) {
    columns.upn = headers[misAt];
    if (upnAt >= 0) columns.misId = headers[upnAt];
    else delete columns.misId;
    choices.push(
      `UPNs read from "${headers[misAt]}": ${pct(profiles[misAt].upn)} of its values ${VALUE_WORDS.upn}${upnAt >= 0 ? ` (not "${headers[upnAt]}": ${pct(profiles[upnAt].upn)})` : ''}.`,
    );
  }
  if (columns.markAm && columns.markPm) {
    // One row per pupil per day: the AM and PM columns are the marks; no session column is needed.
    if (columns.mark) used.delete(headers.indexOf(columns.mark));
    delete columns.mark;
  } else {
    for (const f of ['markAm', 'markPm'] as const) {
      if (columns[f]) used.delete(headers.indexOf(columns[f]));
      delete columns[f];
    }
  }
  if (!resolvedLayout) {
    if (columns.date) resolvedLayout = 'long';
    else if (columns.possible || columns.present || columns.attended || columns.authorised)
      resolvedLayout = 'summary';
    else if ((columns.upn || columns.misId) && DETAILS.some((f) => columns[f])) resolvedLayout = 'details';
  }
  if (!resolvedLayout) {
    reasons.push(
      'Could not tell whether this file has one row per session, one row per pupil with marks under dates, or totals per pupil. Please choose.',
    );
    resolvedLayout = 'long';
  }
  const mapping: Mapping = { layout: resolvedLayout, columns };
  if (resolvedLayout === 'wide') {
    mapping.markColumns = dateCols.map((c) => c.h);
    mapping.daysPerColumn = guessDaysPerColumn(
      dateCols.map((c) => c.iso!),
      dateCols.map((c) => column(c.i)),
    );
  }
  reasons.push(...mappingProblems(headers, mapping));
  const unused = headers.filter(
    (_, i) => !used.has(i) && !(resolvedLayout === 'wide' && dateCols.some((c) => c.i === i)),
  );
  return { mapping, needsMapping: reasons.length > 0, reasons, unused, choices };
}

/** Pupil details a details file carries (beside an identifier). */
const DETAILS: readonly Field[] = ['fsm', 'sen', 'sex', 'yearGroup', 'regGroup', 'dob'];

/** What stops a mapping from being used as it is, in plain English; empty when it can be used. */
export function mappingProblems(headers: readonly string[], mapping: Mapping): string[] {
  const reasons: string[] = [];
  const c = mapping.columns;
  for (const [field, h] of Object.entries(c)) {
    if (h !== undefined && !headers.includes(h))
      reasons.push(`Column "${h}" (for ${field}) is not in this file.`);
  }
  if (!c.upn && !c.misId && !c.name && !(c.surname && c.forename))
    reasons.push('No pupil identifier column (UPN, admission number or MIS id) was recognised.');
  if (mapping.layout === 'long') {
    if (!c.date) reasons.push('No date column was recognised.');
    if (!c.mark && !c.markAm && !c.markPm && !c.flagPresent && !c.flagAuthorised && !c.flagUnauthorised)
      reasons.push('No mark column was recognised.');
  }
  if (mapping.layout === 'start-date') {
    if (!c.startDate) reasons.push('No start date column (the date of the first mark) was recognised.');
    if (!c.marksRun && !c.possible) reasons.push('No column of marks (one per session) was recognised.');
  }
  if (mapping.layout === 'details' && !DETAILS.some((f) => c[f]))
    reasons.push('No pupil details (FSM, SEN, sex, year or registration group) were recognised.');
  if (
    mapping.layout === 'wide' &&
    !(mapping.markColumns ?? []).some((h) => headers.includes(h) && headerDate(h))
  )
    reasons.push('No columns headed by dates (one per day or week) were found.');
  if (mapping.layout === 'summary' && !c.possible && !c.attended && !c.present)
    reasons.push('No possible sessions or attended column was recognised.');
  return reasons;
}

/**
 * Take a mapping the user edited (or one remembered for this header signature) and check it against the file.
 * Wide mark columns default to every date-headed column when the user did not list them.
 */
export function applyMapping(
  headers: readonly string[],
  mapping: Mapping,
): { mapping: Mapping; needsMapping: boolean; reasons: string[] } {
  const m: Mapping = { ...mapping, columns: { ...mapping.columns } };
  if (m.layout === 'wide' && !m.markColumns?.length) m.markColumns = headers.filter((h) => headerDate(h));
  if (m.layout === 'wide' && !m.daysPerColumn) m.daysPerColumn = 5;
  const reasons = mappingProblems(headers, m);
  return { mapping: m, needsMapping: reasons.length > 0, reasons };
}

/** Weekly columns step 7 days and hold up to 10 marks; daily columns step 1–3 days and hold 2. */
function guessDaysPerColumn(isos: string[], cells: string[][]): 1 | 5 {
  if (isos.length >= 2) {
    const step = (Date.parse(isos[1]) - Date.parse(isos[0])) / 86_400_000;
    if (step >= 7) return 5;
    if (step >= 1) return 1;
  }
  const longest = Math.max(0, ...cells.flat().map((c) => c.replace(/,/g, '').length));
  return longest > 4 ? 5 : 1;
}

/** Column index per mapped field, or -1. */
export function resolveColumns(headers: readonly string[], mapping: Mapping): Record<Field, number> {
  const out = {} as Record<Field, number>;
  for (const f of Object.keys(SYNONYMS) as Field[]) {
    const h = mapping.columns[f];
    out[f] = h === undefined ? -1 : headers.indexOf(h);
  }
  return out;
}
