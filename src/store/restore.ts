/**
 * The one restore step: everything read back from IndexedDB or a backup passes through here.
 * It checks shape and normalises (marks always come back as a Uint8Array of the year's length), reporting what
 * it fixed or dropped instead of throwing: a damaged record must never crash the app.
 */
import { CODE_BY_ID, NO_MARK } from '../domain/codes';
import { yearSlots, type Pupil, type PupilYear, type SenStatus } from '../domain/register';
import { actionKindOf } from '../domain/actions';
import {
  IMPORT_LAYOUTS,
  type ImportLayout,
  type ColumnMapping,
  type ImportLogEntry,
  type Intervention,
  type PupilPeriodTotals,
  type RestoreProblem,
  type RiskSnapshot,
  type StoredModel,
} from './types';

export type Problems = RestoreProblem[];

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIso = (v: unknown): v is string => isStr(v) && /^\d{4}-\d{2}-\d{2}/.test(v);
const isStartYear = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 1990 && (v as number) <= 2100;

/** Fields this module does not know yet (added to the domain types later) pass through untouched. */
function unknownFields(raw: Raw, known: readonly string[]): Raw {
  const out: Raw = {};
  for (const [k, v] of Object.entries(raw)) if (!known.includes(k)) out[k] = v;
  return out;
}
const PUPIL_FIELDS = ['id', 'upn', 'misId', 'forename', 'surname', 'dob', 'sex', 'sen', 'fsm', 'demo'];
const YEAR_FIELDS = [
  'pupilId',
  'startYear',
  'yearGroup',
  'regGroup',
  'admissionDate',
  'leavingDate',
  'marks',
];

function drop(problems: Problems, table: string, key: string, message: string): null {
  problems.push({ table, key, message });
  return null;
}

/** Copy the optional string fields that are strings; report the ones that are not. */
function strings(raw: Raw, out: Raw, fields: string[], problems: Problems, table: string, key: string): void {
  for (const f of fields) {
    if (raw[f] === undefined) continue;
    if (isStr(raw[f])) out[f] = raw[f];
    else problems.push({ table, key, message: `${f} was not text and was left out` });
  }
}

const SEXES = new Set(['F', 'M', 'other']);
const SENS = new Set<SenStatus>(['none', 'support', 'ehcp']);

export function restorePupil(raw: unknown, problems: Problems): Pupil | null {
  if (!isObj(raw) || !isStr(raw.id) || raw.id.trim() === '')
    return drop(problems, 'pupils', '?', 'a pupil without an id was skipped');
  const key = raw.id;
  const p: Raw = { ...unknownFields(raw, PUPIL_FIELDS), id: raw.id };
  strings(raw, p, ['upn', 'misId', 'forename', 'surname', 'dob'], problems, 'pupils', key);
  if (raw.sex !== undefined) {
    if (SEXES.has(raw.sex as string)) p.sex = raw.sex;
    else problems.push({ table: 'pupils', key, message: 'unknown sex value left out' });
  }
  if (raw.sen !== undefined) {
    if (SENS.has(raw.sen as SenStatus)) p.sen = raw.sen;
    else problems.push({ table: 'pupils', key, message: 'unknown SEN status left out' });
  }
  if (typeof raw.fsm === 'boolean') p.fsm = raw.fsm;
  if (typeof raw.demo === 'boolean') p.demo = raw.demo;
  return p as unknown as Pupil;
}

/** Marks as a Uint8Array of exactly `length`; accepts the forms a backup or an old record may hold. */
export function restoreMarks(
  raw: unknown,
  length: number,
  problems: Problems,
  key: string,
): Uint8Array | null {
  let marks: Uint8Array;
  if (raw instanceof Uint8Array) marks = raw;
  else if (raw instanceof ArrayBuffer) marks = new Uint8Array(raw);
  else if (Array.isArray(raw) && raw.every((n) => Number.isInteger(n) && n >= 0 && n < 256))
    marks = Uint8Array.from(raw);
  else return drop(problems, 'pupilYears', key, 'marks were unreadable; this pupil-year was skipped');
  if (marks.length !== length) {
    problems.push({
      table: 'pupilYears',
      key,
      message: `marks had ${marks.length} sessions instead of ${length}; ${marks.length < length ? 'padded with no mark' : 'cut short'}`,
    });
    const fixed = new Uint8Array(length);
    fixed.set(marks.subarray(0, length));
    marks = fixed;
  } else if (marks.byteOffset !== 0 || marks.buffer.byteLength !== length) {
    marks = marks.slice(); // never hand out a view of a larger buffer
  }
  let unknown = 0;
  for (let s = 0; s < marks.length; s++) {
    if (marks[s] !== NO_MARK && !CODE_BY_ID[marks[s]]) {
      marks[s] = NO_MARK;
      unknown++;
    }
  }
  if (unknown) problems.push({ table: 'pupilYears', key, message: `${unknown} unknown mark ids cleared` });
  return marks;
}

export function restorePupilYear(raw: unknown, problems: Problems): PupilYear | null {
  if (!isObj(raw) || !isStr(raw.pupilId) || !isStartYear(raw.startYear))
    return drop(problems, 'pupilYears', '?', 'a pupil-year without a pupil id or school year was skipped');
  const key = `${raw.pupilId} ${raw.startYear}`;
  const marks = restoreMarks(raw.marks, yearSlots(raw.startYear).slotCount, problems, key);
  if (!marks) return null;
  const y: Raw = { ...unknownFields(raw, YEAR_FIELDS), pupilId: raw.pupilId, startYear: raw.startYear };
  strings(raw, y, ['yearGroup', 'regGroup', 'admissionDate', 'leavingDate'], problems, 'pupilYears', key);
  y.marks = marks;
  return y as unknown as PupilYear;
}

const COUNTS = ['possible', 'present', 'aea', 'authorised', 'unauthorised'] as const;

export function restoreTotals(raw: unknown, problems: Problems): PupilPeriodTotals | null {
  if (!isObj(raw) || !isStr(raw.pupilId) || !isStartYear(raw.startYear) || !isStr(raw.periodLabel))
    return drop(problems, 'periodTotals', '?', 'a totals row without pupil, year or period was skipped');
  const key = `${raw.pupilId} ${raw.startYear} ${raw.periodLabel}`;
  if (!isIso(raw.from) || !isIso(raw.to))
    return drop(problems, 'periodTotals', key, 'period dates unreadable; row skipped');
  const t: Raw = {
    pupilId: raw.pupilId,
    startYear: raw.startYear,
    periodLabel: raw.periodLabel,
    from: raw.from,
    to: raw.to,
  };
  for (const c of COUNTS) {
    if (!isNum(raw[c]) || raw[c] < 0)
      return drop(problems, 'periodTotals', key, `${c} is not a count; row skipped`);
    t[c] = raw[c];
  }
  if (isNum(raw.lates)) t.lates = raw.lates;
  for (const g of ['yearGroup', 'regGroup'] as const) if (isStr(raw[g]) && raw[g]) t[g] = raw[g];
  return t as unknown as PupilPeriodTotals;
}

export function restoreImport(raw: unknown, problems: Problems): ImportLogEntry | null {
  if (!isObj(raw) || !isNum(raw.id) || !isStr(raw.fileName))
    return drop(problems, 'imports', '?', 'an unreadable import log line was skipped');
  const rc = isObj(raw.rowCounts) ? raw.rowCounts : {};
  const dr = Array.isArray(raw.dateRange) ? raw.dateRange : [];
  const e: ImportLogEntry = {
    id: raw.id,
    fileName: raw.fileName,
    layout: IMPORT_LAYOUTS.includes(raw.layout as ImportLayout) ? (raw.layout as ImportLayout) : 'long',
    importedAt: isStr(raw.importedAt) ? raw.importedAt : '',
    dateRange: [isStr(dr[0]) ? dr[0] : '', isStr(dr[1]) ? dr[1] : ''],
    rowCounts: {
      read: isNum(rc.read) ? rc.read : 0,
      imported: isNum(rc.imported) ? rc.imported : 0,
      skipped: isNum(rc.skipped) ? rc.skipped : 0,
    },
    pupils: isNum(raw.pupils) ? raw.pupils : 0,
    years: Array.isArray(raw.years) ? raw.years.filter(isStartYear) : [],
    warnings: Array.isArray(raw.warnings) ? raw.warnings.filter(isStr) : [],
  };
  if (raw.undone === true) e.undone = true;
  if (raw.kind === 'restore' || raw.kind === 'demo-removal' || raw.kind === 'details') e.kind = raw.kind;
  if (isStr(raw.safetyCopy)) e.safetyCopy = raw.safetyCopy;
  return e;
}

export function restoreIntervention(raw: unknown, problems: Problems): Intervention | null {
  if (!isObj(raw) || !isNum(raw.id) || !isStr(raw.pupilId) || !isIso(raw.date))
    return drop(problems, 'interventions', '?', 'an unreadable intervention was skipped');
  // Records from before actions had stages name one of five kinds; each reads as its nearest stage's kind.
  const kind = actionKindOf(raw.kind) ?? 'other';
  let note = isStr(raw.note) ? raw.note : '';
  if (raw.kind === 'mentor' && !note.startsWith('Mentor')) note = note ? `Mentor: ${note}` : 'Mentor';
  const out: Intervention = { id: raw.id, pupilId: raw.pupilId, date: raw.date, kind, note };
  if (isStr(raw.owner) && raw.owner.trim()) out.owner = raw.owner.trim();
  if (isIso(raw.followUp)) out.followUp = raw.followUp.slice(0, 10);
  if (isStr(raw.outcome) && raw.outcome.trim()) out.outcome = raw.outcome;
  return out;
}

export function restoreMapping(raw: unknown, problems: Problems): ColumnMapping | null {
  if (!isObj(raw) || !isStr(raw.signature) || !isObj(raw.columns))
    return drop(problems, 'mappings', '?', 'an unreadable column mapping was skipped');
  const columns: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.columns)) if (isStr(v)) columns[k] = v;
  const layout = IMPORT_LAYOUTS.includes(raw.layout as ImportLayout) ? (raw.layout as ImportLayout) : 'long';
  return { signature: raw.signature, layout, columns, savedAt: isStr(raw.savedAt) ? raw.savedAt : '' };
}

export function restoreModel(raw: unknown, problems: Problems): StoredModel | null {
  if (!isObj(raw) || !isStr(raw.id) || !isObj(raw.artifacts))
    return drop(problems, 'models', '?', 'an unreadable model was skipped');
  const a = raw.artifacts;
  if (
    !(a.weightData instanceof ArrayBuffer) ||
    !Array.isArray(a.weightSpecs) ||
    !(isObj(a.modelTopology) || a.modelTopology instanceof ArrayBuffer)
  )
    return drop(problems, 'models', raw.id, 'the model files are incomplete; the model was skipped');
  return {
    id: raw.id,
    savedAt: isStr(raw.savedAt) ? raw.savedAt : '',
    artifacts: a as unknown as StoredModel['artifacts'],
    meta: isObj(raw.meta) ? raw.meta : {},
  };
}

export function restoreSnapshot(raw: unknown, problems: Problems): RiskSnapshot | null {
  if (!isObj(raw) || !isNum(raw.id) || !isStr(raw.asOf) || !isObj(raw.pPa))
    return drop(problems, 'riskSnapshots', '?', 'an unreadable risk snapshot was skipped');
  const pPa: Record<string, number> = {};
  let bad = 0;
  for (const [k, v] of Object.entries(raw.pPa)) {
    if (isNum(v) && v >= 0 && v <= 1) pPa[k] = v;
    else bad++;
  }
  if (bad)
    problems.push({
      table: 'riskSnapshots',
      key: String(raw.id),
      message: `${bad} risk values out of range were left out`,
    });
  const s: RiskSnapshot = {
    id: raw.id,
    asOf: raw.asOf,
    createdAt: isStr(raw.createdAt) ? raw.createdAt : '',
    pPa,
  };
  if (isNum(raw.importId)) s.importId = raw.importId;
  if (isStr(raw.modelId)) s.modelId = raw.modelId;
  return s;
}

/** Restore a list, keeping what can be used. */
export function restoreAll<T>(
  raws: readonly unknown[],
  fn: (raw: unknown, p: Problems) => T | null,
  problems: Problems,
): T[] {
  const out: T[] = [];
  for (const r of raws) {
    const v = fn(r, problems);
    if (v !== null) out.push(v);
  }
  return out;
}
