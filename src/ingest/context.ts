/**
 * What every layout reader shares while a file streams through: the column positions, the issue log,
 * the packed registers being built, row counts, and reading a row's pupil.
 */
import { validateUpn } from '../domain/upn';
import { schoolYearOf, type PupilYear } from '../domain/register';
import type { RegisterBuilder, PupilEntry } from './builder';
import type { Field, Mapping } from './columns';
import type { IssueLog } from './issues';
import { parseDate, parseFlag, parseSen, parseSex, parseYearGroup } from './values';

/**
 * Every line of a file is counted once: lines = above + read, and read = imported + skipped + notData,
 * with skipped split by kind in skippedBy. Counts never stop, however many issues are kept to show.
 */
export interface RowCounts {
  /** Lines in the file. */
  lines: number;
  /** Lines above the data: report titles, blank lines among them, and the header. */
  above: number;
  /** Rows below the header (blank lines and totals rows included). */
  read: number;
  imported: number;
  /** Data rows not imported; each is counted in an issue of the kind it is counted under. */
  skipped: number;
  skippedBy: Record<string, number>;
  /** Rows below the header that hold no data: blank lines and totals rows. */
  notData: number;
}

export function emptyCounts(): RowCounts {
  return { lines: 0, above: 0, read: 0, imported: 0, skipped: 0, skippedBy: {}, notData: 0 };
}

/** One row as the preview shows it: who, when, which mark and what it means, or why it will not be read. */
export interface PreviewRow {
  line: number;
  pupil: string;
  date?: string;
  session?: 'AM' | 'PM';
  mark?: string;
  meaning?: string;
  totals?: string;
  problem?: string;
}

export interface ReadContext {
  headers: string[];
  col: Record<Field, number>;
  mapping: Mapping;
  log: IssueLog;
  builder: RegisterBuilder;
  counts: RowCounts;
  /** The pupil of the previous row, for exports that give pupil details only on a pupil's first row. */
  lastPupil?: PupilEntry;
  /** The id cell exactly as written on the row above, to spot a pupil's block without trimming. */
  lastRawKey?: string;
  /** Pupil-year whose year attributes were last read (read once per block, like pupil details). */
  lastYear?: PupilYear;
  carriedDown: number;
  preview?: (p: PreviewRow) => void;
  /** Period of a summary file when it has no period columns (from the title lines or the user). */
  period?: { label: string; from: string; to: string };
  /**
   * Whether the fast paths may read (the long layout's plain rows from the bytes, wide cells of one code per
   * session without hashing); false reads every row the general way (ParseOptions.lanes: tests compare the two).
   */
  lanes: boolean;
}

export function cell(fields: string[], i: number): string {
  return i < 0 ? '' : (fields[i] ?? '').trim();
}

/**
 * The pupil a row belongs to; undefined (already reported) when the row names nobody.
 * Pupil details are read when a pupil's block of rows starts: long exports repeat them (or leave them blank)
 * on every later row, and re-reading them ~380 times per pupil was most of the import time.
 */
export function rowPupil(ctx: ReadContext, f: string[], line: number): PupilEntry | undefined {
  const { col } = ctx;
  const last = ctx.lastPupil;
  // Same raw id as the row above: the same pupil's block, nothing more to read.
  const rawKey = col.upn >= 0 ? f[col.upn] : col.misId >= 0 ? f[col.misId] : undefined;
  if (last && rawKey && rawKey === ctx.lastRawKey) return last;
  ctx.lastRawKey = rawKey;
  const upn = cell(f, col.upn).toUpperCase();
  const misId = cell(f, col.misId);
  if (last && (upn || misId) && last.pupil.id === (upn || misId)) return last;
  let surname = cell(f, col.surname);
  let forename = cell(f, col.forename);
  const name = cell(f, col.name);
  if (name && !surname && !forename) [surname, forename] = splitName(name);
  const id = upn || misId || (surname || forename ? `name:${surname}, ${forename}` : '');
  if (!id) {
    if (last) {
      ctx.carriedDown++;
      return last;
    }
    skip(
      ctx,
      line,
      ctx.mapping.columns.upn ?? ctx.mapping.columns.misId ?? '',
      'missing-pupil',
      'This row has no pupil identifier, so it cannot be matched to a pupil. Check the export includes UPN or admission number on every row.',
    );
    return undefined;
  }
  if (last && last.pupil.id === id) return last;
  const isNew = !ctx.builder.pupils.has(id);
  const entry = ctx.builder.pupil(id);
  const p = entry.pupil;
  if (isNew) {
    if (upn) {
      p.upn = upn;
      const check = validateUpn(upn);
      if (!check.valid && !check.temporary) {
        ctx.log.add(
          line,
          ctx.mapping.columns.upn ?? '',
          'upn-check',
          'warning',
          `UPN ${upn} does not pass the DfE check: ${check.reason ?? ''} It was imported as written; correct it in the MIS.`,
        );
      }
    }
    if (!upn && !misId)
      ctx.log.add(
        line,
        ctx.mapping.columns.surname ?? ctx.mapping.columns.name ?? '',
        'matched-by-name',
        'warning',
        `${forename} ${surname} has no UPN or admission number, so is matched by name only. Add an identifier to the export if you can.`,
      );
  }
  if (misId) p.misId = misId;
  if (surname) p.surname = surname;
  if (forename) p.forename = forename;
  const sex = parseSex(cell(f, col.sex));
  if (sex) p.sex = sex;
  const fsm = cell(f, col.fsm);
  if (fsm) {
    const v = parseFlag(fsm);
    if (v !== undefined) p.fsm = v;
  }
  const sen = parseSen(cell(f, col.sen));
  if (sen) p.sen = sen;
  const dob = cell(f, col.dob);
  if (dob) {
    const d = parseDate(dob);
    if ('iso' in d) p.dob = d.iso;
  }
  ctx.lastPupil = entry;
  return entry;
}

/** 'Surname, Forename' or 'Forename Surname'. */
function splitName(name: string): [string, string] {
  const comma = name.indexOf(',');
  if (comma >= 0) return [name.slice(0, comma).trim(), name.slice(comma + 1).trim()];
  const sp = name.lastIndexOf(' ');
  return sp < 0 ? [name, ''] : [name.slice(sp + 1), name.slice(0, sp)];
}

/** The year and registration group a row gives, for totals rows (which have no pupil-year to hold them). */
export function rowGroups(ctx: ReadContext, f: string[]): { yearGroup?: string; regGroup?: string } {
  const yg = parseYearGroup(cell(f, ctx.col.yearGroup));
  const rg = cell(f, ctx.col.regGroup);
  return { ...(yg ? { yearGroup: yg } : {}), ...(rg ? { regGroup: rg } : {}) };
}

/** Year group, reg group, admission and leaving dates belong to a pupil's school year. */
export function rowYearAttributes(
  ctx: ReadContext,
  f: string[],
  entry: PupilEntry,
  iso: string,
  startYear = schoolYearOf(iso),
): void {
  const { col } = ctx;
  const last = ctx.lastYear;
  if (last && last.pupilId === entry.pupil.id && last.startYear === startYear) return;
  const y = ctx.builder.yearOf(entry, startYear).year;
  ctx.lastYear = y;
  const yg = parseYearGroup(cell(f, col.yearGroup));
  const rg = cell(f, col.regGroup);
  const adm = cell(f, col.admissionDate);
  const lea = cell(f, col.leavingDate);
  if (!yg && !rg && !adm && !lea) return;
  if (yg) y.yearGroup = yg;
  if (rg) y.regGroup = rg;
  if (adm) {
    const d = parseDate(adm);
    if ('iso' in d) y.admissionDate = d.iso;
  }
  if (lea) {
    const d = parseDate(lea);
    if ('iso' in d) y.leavingDate = d.iso;
  }
}

export function skip(ctx: ReadContext, line: number, column: string, code: string, message: string): void {
  ctx.counts.skipped++;
  ctx.counts.skippedBy[code] = (ctx.counts.skippedBy[code] ?? 0) + 1;
  ctx.log.add(line, column, code, 'error', message);
  ctx.preview?.({ line, pupil: '', problem: message });
}
