/**
 * Which column is which: header synonyms from several MIS vendors, then the cells themselves
 * (a column of AM/PM is a session whatever its header says). The result is a proposal the user can correct.
 */
import { parseDate, parseFlag, parseSession } from './values';
import { readMark } from './mark-symbols';

export type Layout = 'long' | 'wide' | 'summary';

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
  'minutesLate',
  'flagPresent',
  'flagAuthorised',
  'flagUnauthorised',
  'flagPossible',
];
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

export function isKnownHeader(h: string): boolean {
  return BY_NAME.has(normaliseHeader(h)) || headerDate(h) !== undefined;
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
function guessFromCells(values: string[]): Field | undefined {
  const v = values.map((x) => x.trim()).filter((x) => x !== '');
  if (v.length === 0) return undefined;
  const all = (f: (s: string) => boolean) => v.every(f);
  if (all((s) => UPN_RE.test(s))) return 'upn';
  if (all((s) => parseSession(s) !== undefined && !/^\d+$/.test(s))) return 'session';
  if (all((s) => 'iso' in parseDate(s))) return 'date';
  if (all((s) => 'id' in readMark(s) && s.length <= 2 && !/^\d+$/.test(s))) return 'mark';
  if (all((s) => /^\d+%$/.test(s) || /^\d+\.\d+%$/.test(s))) return 'percent';
  return undefined;
}

/**
 * Propose a mapping from the header row and a few data rows.
 * Layout: date-headed columns → wide; a date and a mark/flags → long; session counts → summary.
 */
export function proposeMapping(headers: readonly string[], sampleRows: readonly string[][]): MappingProposal {
  const reasons: string[] = [];
  const matched = new Map<number, Field[]>();
  headers.forEach((h, i) => {
    const f = BY_NAME.get(normaliseHeader(h));
    if (f) matched.set(i, f);
  });
  const dateCols = headers
    .map((h, i) => ({ h, i, iso: headerDate(h) }))
    .filter((c) => c.iso && !matched.has(c.i));
  const column = (i: number) => sampleRows.map((r) => r[i] ?? '');
  const isFlagCol = (i: number) =>
    column(i).every((s) => parseFlag(s) !== undefined && !/^\d{2,}$/.test(s.trim())) &&
    column(i).some((s) => /^(true|false|yes|no|y|n|t|f)$/i.test(s.trim()));

  // Cells decide names that mean different things in different layouts (e.g. "Present": a flag or a count).
  const hasDateCol = [...matched.values()].some((f) => f.includes('date'));
  const layout: Layout | undefined = dateCols.length >= 1 ? 'wide' : hasDateCol ? 'long' : undefined;

  const columns: Partial<Record<Field, string>> = {};
  const used = new Set<number>();
  const take = (field: Field, i: number) => {
    if (columns[field] !== undefined || used.has(i)) return;
    columns[field] = headers[i];
    used.add(i);
  };
  let resolvedLayout: Layout | undefined = layout;
  for (const [i, fields] of matched) {
    const options = fields.filter((f) => {
      if (resolvedLayout === 'long' || resolvedLayout === 'wide')
        return !SUMMARY_ONLY.includes(f) || f === 'percent';
      return !LONG_ONLY.includes(f) || f === 'date';
    });
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
    const g = guessFromCells(column(i));
    if (g) take(g, i);
  });
  if (!resolvedLayout) {
    if (columns.date) resolvedLayout = 'long';
    else if (columns.possible || columns.present || columns.attended || columns.authorised)
      resolvedLayout = 'summary';
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
  return { mapping, needsMapping: reasons.length > 0, reasons, unused };
}

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
    if (!c.mark && !c.flagPresent && !c.flagAuthorised && !c.flagUnauthorised)
      reasons.push('No mark column was recognised.');
  }
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
