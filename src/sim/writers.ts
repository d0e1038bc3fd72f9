/**
 * CSV writers for the three register layouts the importer reads (see exports.md): long (one row per
 * pupil per session), wide (one marks string per week) and summary (one row per pupil per period).
 * Each is a generator of text chunks (one per pupil) so a 50,000-pupil file can stream to disk;
 * the quirks options reproduce what real exports do to files.
 */
import { symbolOf } from '../domain/codes';
import { epochDay, slotOf, weekdayOf, yearSlots, type Pupil, type PupilYear } from '../domain/register';
import { tallyMarks } from '../domain/tally';
import { encodeFile, type ExportEncoding } from './encoding';
import type { SimSchool } from './simulate';

export interface CsvQuirks {
  /** UTF-8 byte-order mark at the start ('\uFEFF' in text output). */
  bom?: boolean;
  delimiter?: ',' | ';' | '\t';
  /** Quote every field, as SIMS report output does. */
  quoteAll?: boolean;
  /** Report title lines above the header. */
  titleLines?: string[];
  /** A totals row below the data. */
  totalsRow?: boolean;
  /** Long layout: pupil fields only on a pupil's first row; later rows get this ('' or ' '). */
  pupilDetailsFirstRowOnly?: '' | ' ';
  lineEnding?: '\n' | '\r\n';
  /** How dates are written: MIS default dd/mm/yyyy, or as Excel re-saves them. */
  dateFormat?: DateFormat;
  /** Long layout: how sessions are named (some systems write MORNING / AFTERNOON). */
  sessionNames?: readonly [string, string];
  /** Blank lines after the data, as Excel leaves them. */
  trailingBlankLines?: number;
}

export type DateFormat = 'dd/mm/yyyy' | 'd/m/yyyy' | 'yyyy-mm-dd';

export interface WideOptions extends CsvQuirks {
  /** '' writes a week as "//\\LN//II"; two-character codes force ',' for every week. */
  separator?: '' | ',';
}

export interface SummaryOptions extends CsvQuirks {
  /** One row per pupil for the year to date, or one per pupil per term (adds a Period column). */
  period?: 'year' | 'term';
}

export const LONG_HEADER = [
  'UPN',
  'MIS ID',
  'Surname',
  'Forename',
  'Year',
  'Reg Group',
  'Sex',
  'FSM',
  'SEN',
  'Date',
  'Session',
  'Mark',
];
export const WIDE_HEADER = ['UPN', 'Surname', 'Forename', 'Year', 'Reg Group'];
export const SUMMARY_HEADER = [
  'UPN',
  'Surname',
  'Forename',
  'Year',
  'Possible',
  'Present',
  'Approved activity',
  'Authorised',
  'Unauthorised',
  'Late',
  'Attendance %',
];

const SEN_LETTER = { none: 'N', support: 'K', ehcp: 'E' } as const;

/** dd/mm/yyyy, as English MIS exports write dates. */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function formatDate(iso: string, format: DateFormat = 'dd/mm/yyyy'): string {
  if (format === 'yyyy-mm-dd') return iso;
  if (format === 'd/m/yyyy') return `${+iso.slice(8, 10)}/${+iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  return ukDate(iso);
}

function* trailer(q: CsvQuirks): Generator<string> {
  if (q.trailingBlankLines) yield (q.lineEnding ?? '\r\n').repeat(q.trailingBlankLines);
}

function field(f: string, q: CsvQuirks): string {
  const d = q.delimiter ?? ',';
  const needs = q.quoteAll || f.includes(d) || f.includes('"') || f.includes('\n') || f.includes('\r');
  return needs ? `"${f.replaceAll('"', '""')}"` : f;
}

function csvLine(fields: readonly string[], q: CsvQuirks): string {
  return fields.map((f) => field(f, q)).join(q.delimiter ?? ',') + (q.lineEnding ?? '\r\n');
}

function preamble(header: readonly string[], q: CsvQuirks): string {
  let s = '';
  for (const t of q.titleLines ?? []) s += csvLine([t], q);
  return s + csvLine(header, q);
}

function yearRecords(school: SimSchool, startYear: number): { py: PupilYear; pupil: Pupil }[] {
  const byId = new Map(school.pupils.map((p) => [p.id, p]));
  return school.years
    .filter((y) => y.startYear === startYear)
    .map((py) => ({ py, pupil: byId.get(py.pupilId)! }));
}

export function* longRows(school: SimSchool, startYear: number, q: CsvQuirks = {}): Generator<string> {
  const slots = yearSlots(startYear);
  const dates = slots.days.map((iso) => field(formatDate(iso, q.dateFormat), q));
  const [am, pm] = (q.sessionNames ?? ['AM', 'PM']).map((name) => field(name, q));
  const markField = Array.from({ length: 256 }, (_, id) => field(symbolOf(id), q));
  yield preamble(LONG_HEADER, q);
  let rows = 0;
  for (const { py, pupil } of yearRecords(school, startYear)) {
    const details = [
      pupil.upn ?? '',
      pupil.misId ?? '',
      pupil.surname ?? '',
      pupil.forename ?? '',
      py.yearGroup ?? '',
      py.regGroup ?? '',
      pupil.sex ?? '',
      pupil.fsm ? 'Y' : 'N',
      SEN_LETTER[pupil.sen ?? 'none'],
    ];
    // Pupil fields are escaped once per pupil; the per-session part is three short fields.
    const d = q.delimiter ?? ',';
    const eol = q.lineEnding ?? '\r\n';
    const firstPrefix = details.map((f) => field(f, q)).join(d) + d;
    const blank = q.pupilDetailsFirstRowOnly;
    const laterPrefix = blank === undefined ? firstPrefix : details.map(() => field(blank, q)).join(d) + d;
    let chunk = '';
    for (let s = 0; s < py.marks.length; s++) {
      const m = py.marks[s];
      if (m === 0) continue;
      chunk +=
        (chunk ? laterPrefix : firstPrefix) + dates[s >> 1] + d + (s & 1 ? pm : am) + d + markField[m] + eol;
      rows++;
    }
    if (chunk) yield chunk;
  }
  if (q.totalsRow) yield csvLine(['Total', ...new Array(LONG_HEADER.length - 2).fill(''), String(rows)], q);
  yield* trailer(q);
}

/** Weeks of the year that hold any mark, by the slot of their Monday (may be before 1 September). */
function markedWeeks(
  records: { py: PupilYear }[],
  startYear: number,
): { monday: string; firstDay: number }[] {
  const slots = yearSlots(startYear);
  const used = new Set<number>();
  for (const { py } of records)
    for (let s = 0; s < py.marks.length; s++)
      if (py.marks[s]) used.add(slots.epochDays[s >> 1] - weekdayOf(slots.epochDays[s >> 1]));
  return [...used]
    .sort((a, b) => a - b)
    .map((mon) => ({ monday: new Date(mon * 86_400_000).toISOString().slice(0, 10), firstDay: mon }));
}

/** The separator a wide export will actually use: '' cannot show two-character codes (C1, C2, J1, Y1–Y7). */
export function wideSeparator(school: SimSchool, startYear: number, requested: '' | ',' = ''): '' | ',' {
  if (requested === ',') return ',';
  for (const py of school.years) {
    if (py.startYear !== startYear) continue;
    for (let s = 0; s < py.marks.length; s++) if (symbolOf(py.marks[s]).length > 1) return ',';
  }
  return '';
}

export function* wideRows(school: SimSchool, startYear: number, o: WideOptions = {}): Generator<string> {
  const records = yearRecords(school, startYear);
  const weeks = markedWeeks(records, startYear);
  const sep = wideSeparator(school, startYear, o.separator ?? '');
  const year = yearSlots(startYear);
  // Ten slots per week (Mon AM … Fri PM); -1 where the week runs outside this school year.
  const slotsByWeek = weeks.map((w) => {
    const out: number[] = [];
    for (let d = 0; d < 5; d++) {
      const iso = new Date((w.firstDay + d) * 86_400_000).toISOString().slice(0, 10);
      const inYear = epochDay(iso) >= year.firstDay;
      out.push(inYear ? slotOf(year, iso, 'AM') : -1, inYear ? slotOf(year, iso, 'PM') : -1);
    }
    return out;
  });
  yield preamble([...WIDE_HEADER, ...weeks.map((w) => formatDate(w.monday, o.dateFormat))], o);
  for (const { py, pupil } of records) {
    const cells = [
      pupil.upn ?? '',
      pupil.surname ?? '',
      pupil.forename ?? '',
      py.yearGroup ?? '',
      py.regGroup ?? '',
    ];
    for (const weekSlots of slotsByWeek) {
      const marks: string[] = [];
      for (const s of weekSlots) marks.push(s >= 0 && py.marks[s] ? symbolOf(py.marks[s]) : '-');
      cells.push(marks.join(sep));
    }
    yield csvLine(cells, o);
  }
  if (o.totalsRow) yield csvLine(['Total', String(records.length)], o);
  yield* trailer(o);
}

/** Present counts '/', '\\' and L; Late counts L and U (after the register closed); % = (present + approved) ÷ possible. */
export function* summaryRows(
  school: SimSchool,
  startYear: number,
  o: SummaryOptions = {},
): Generator<string> {
  const byTerm = o.period === 'term';
  const header = byTerm
    ? [...SUMMARY_HEADER.slice(0, 4), 'Period', ...SUMMARY_HEADER.slice(4)]
    : SUMMARY_HEADER;
  yield preamble(header, o);
  const year = yearSlots(startYear);
  const cal = school.calendar.find((c) => c.startYear === startYear);
  const periods: { name: string; from: number; to: number }[] =
    byTerm && cal
      ? cal.terms.map((t) => ({
          name: `${t.name[0].toUpperCase()}${t.name.slice(1)} ${t.start.slice(0, 4)}`,
          from: slotOf(year, t.start, 'AM'),
          to: slotOf(year, t.end, 'PM') + 1,
        }))
      : [{ name: 'Year', from: 0, to: year.slotCount }];
  const total = [0, 0, 0, 0, 0, 0, 0];
  for (const { py, pupil } of yearRecords(school, startYear)) {
    let chunk = '';
    for (const p of periods) {
      const t = tallyMarks(py.marks, p.from, p.to);
      if (byTerm && t.possible === 0) continue;
      const nums = [t.possible, t.present, t.aea, t.authorised, t.unauthorised, t.lates];
      nums.forEach((v, i) => (total[i] += v));
      total[6] += t.attended;
      const pct = t.possible ? `${((100 * t.attended) / t.possible).toFixed(1)}%` : '';
      const id = [pupil.upn ?? '', pupil.surname ?? '', pupil.forename ?? '', py.yearGroup ?? ''];
      chunk += csvLine([...id, ...(byTerm ? [p.name] : []), ...nums.map(String), pct], o);
    }
    if (chunk) yield chunk;
  }
  if (o.totalsRow) {
    const pct = total[0] ? `${((100 * total[6]) / total[0]).toFixed(1)}%` : '';
    yield csvLine(['Total', '', '', '', ...(byTerm ? [''] : []), ...total.slice(0, 6).map(String), pct], o);
  }
  yield* trailer(o);
}

const join = (chunks: Iterable<string>, bom?: boolean) => {
  let s = bom ? '\uFEFF' : '';
  for (const c of chunks) s += c;
  return s;
};

export const writeLong = (school: SimSchool, startYear: number, q: CsvQuirks = {}) =>
  join(longRows(school, startYear, q), q.bom);
export const writeWide = (school: SimSchool, startYear: number, o: WideOptions = {}) =>
  join(wideRows(school, startYear, o), o.bom);
export const writeSummary = (school: SimSchool, startYear: number, o: SummaryOptions = {}) =>
  join(summaryRows(school, startYear, o), o.bom);

export type Layout = 'long' | 'wide' | 'summary';

/** Any layout as file bytes: Windows-1252, UTF-16LE (always with BOM) or UTF-8 (BOM when q.bom). */
export function writeExportBytes(
  layout: Layout,
  school: SimSchool,
  startYear: number,
  o: SummaryOptions & WideOptions & { encoding?: ExportEncoding } = {},
): Uint8Array {
  const rows =
    layout === 'long'
      ? longRows(school, startYear, o)
      : layout === 'wide'
        ? wideRows(school, startYear, o)
        : summaryRows(school, startYear, o);
  return encodeFile(rows, o.encoding ?? 'utf-8', o.bom);
}
