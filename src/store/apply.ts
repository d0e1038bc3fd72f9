/**
 * Applies one batch of an import inside the caller's transaction: bulkGet what exists, merge in memory,
 * bulkPut, and save the previous state of every record touched for the first time by this import (undo).
 * O(records) bulk operations, one record per pupil-year.
 */
import { yearSlots, type Pupil, type PupilYear } from '../domain/register';
import type { RadarDb } from './db';
import { coverageFlags, mergePupil, mergePupilYear } from './merge';
import { restorePupil, restorePupilYear, restoreTotals, type Problems } from './restore';
import type { ImportBatch, PupilPeriodTotals, PupilYearAttributes, UndoBlock } from './types';

export const UNDO_BLOCK = 500;

/** What this import has touched so far, across chunks: only the first touch records the previous state. */
export interface Touched {
  pupils: Set<string>;
  years: Set<string>;
  totals: Set<string>;
  startYears: Set<number>;
  /** Every pupil the import mentioned, for the log's count. */
  anyPupil: Set<string>;
}

export const newTouched = (): Touched => ({
  pupils: new Set(),
  years: new Set(),
  totals: new Set(),
  startYears: new Set(),
  anyPupil: new Set(),
});
export const yearKey = (pupilId: string, startYear: number): string => `${pupilId}\u0000${startYear}`;
export const totalsKey = (pupilId: string, startYear: number, label: string): string =>
  `${pupilId}\u0000${startYear}\u0000${label}`;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function applyBatch(
  db: RadarDb,
  importId: number,
  batch: ImportBatch,
  touched: Touched,
): Promise<void> {
  const problems: Problems = []; // existing records are normalised on the way in; fixes are not the import's problem
  await applyPupils(db, importId, batch.pupils, touched, problems);
  const byYear = new Map<number, PupilYear[]>();
  for (const y of batch.years) {
    const list = byYear.get(y.startYear);
    if (list) list.push(y);
    else byYear.set(y.startYear, [y]);
  }
  for (const [startYear, list] of byYear) {
    await applyYears(db, importId, startYear, list, batch.coveredSlots?.[startYear], touched, problems);
  }
  await applyTotals(db, importId, batch.totals, touched, problems);
}

async function applyPupils(
  db: RadarDb,
  importId: number,
  pupils: Pupil[],
  touched: Touched,
  problems: Problems,
) {
  if (!pupils.length) return;
  const ids = [...new Set(pupils.map((p) => p.id))];
  const existing = await db.pupils.bulkGet(ids);
  const merged = new Map<string, Pupil>();
  const keys: string[] = [];
  const before: (Pupil | null)[] = [];
  ids.forEach((id, i) => {
    const old = existing[i] ? (restorePupil(existing[i], problems) ?? undefined) : undefined;
    if (old) merged.set(id, old);
    touched.anyPupil.add(id);
    if (!touched.pupils.has(id)) {
      touched.pupils.add(id);
      keys.push(id);
      before.push(old ?? null);
    }
  });
  for (const p of pupils) merged.set(p.id, mergePupil(merged.get(p.id), p));
  await db.pupils.bulkPut([...merged.values()]);
  for (let i = 0; i < keys.length; i += UNDO_BLOCK) {
    const block: UndoBlock = {
      importId,
      kind: 'pupils',
      keys: keys.slice(i, i + UNDO_BLOCK),
      before: before.slice(i, i + UNDO_BLOCK),
    };
    await db.undo.add(block);
  }
}

async function applyYears(
  db: RadarDb,
  importId: number,
  startYear: number,
  list: PupilYear[],
  coveredRaw: Uint8Array | undefined,
  touched: Touched,
  problems: Problems,
) {
  const slotCount = yearSlots(startYear).slotCount;
  const covered = coveredRaw ? coverageFlags(coveredRaw, slotCount) : undefined;
  for (const y of list) {
    if (y.marks.length !== slotCount)
      throw new Error(
        `Marks for pupil ${y.pupilId} in ${startYear} have ${y.marks.length} sessions; expected ${slotCount}.`,
      );
  }
  touched.startYears.add(startYear);
  const ids = [...new Set(list.map((y) => y.pupilId))];
  const existing = await db.pupilYears.bulkGet(ids.map((id): [string, number] => [id, startYear]));
  const merged = new Map<string, PupilYear>();
  const firstTouch: { id: string; old: PupilYear | undefined }[] = [];
  ids.forEach((id, i) => {
    const old = existing[i] ? (restorePupilYear(existing[i], problems) ?? undefined) : undefined;
    if (old) merged.set(id, old);
    touched.anyPupil.add(id);
    const key = yearKey(id, startYear);
    if (!touched.years.has(key)) {
      touched.years.add(key);
      firstTouch.push({ id, old });
    }
  });
  for (const y of list) merged.set(y.pupilId, mergePupilYear(merged.get(y.pupilId), y, covered));
  await db.pupilYears.bulkPut([...merged.values()]);
  for (const part of chunks(firstTouch, UNDO_BLOCK)) {
    const marks = new Uint8Array(part.length * slotCount);
    const existed = new Uint8Array(part.length);
    const attributes: (PupilYearAttributes | null)[] = part.map(({ old }, i) => {
      if (!old) return null;
      existed[i] = 1;
      marks.set(old.marks, i * slotCount);
      const { pupilId: _p, startYear: _s, marks: _m, ...attrs } = old;
      return attrs;
    });
    await db.undo.add({
      importId,
      kind: 'years',
      startYear,
      keys: part.map((p) => p.id),
      existed,
      attributes,
      marks,
    });
  }
}

async function applyTotals(
  db: RadarDb,
  importId: number,
  totals: PupilPeriodTotals[],
  touched: Touched,
  problems: Problems,
) {
  if (!totals.length) return;
  // The newer summary row for a period replaces the older one whole: counts are not mergeable.
  const latest = new Map<string, PupilPeriodTotals>();
  for (const t of totals) latest.set(totalsKey(t.pupilId, t.startYear, t.periodLabel), { ...t });
  const rows = [...latest.values()];
  const keys = rows.map((t): [string, number, string] => [t.pupilId, t.startYear, t.periodLabel]);
  const existing = await db.periodTotals.bulkGet(keys);
  const undoKeys: [string, number, string][] = [];
  const before: (PupilPeriodTotals | null)[] = [];
  keys.forEach((k, i) => {
    touched.startYears.add(k[1]);
    touched.anyPupil.add(k[0]);
    const key = totalsKey(...k);
    if (touched.totals.has(key)) return;
    touched.totals.add(key);
    undoKeys.push(k);
    before.push(existing[i] ? restoreTotals(existing[i], problems) : null);
  });
  await db.periodTotals.bulkPut(rows);
  for (let i = 0; i < undoKeys.length; i += UNDO_BLOCK) {
    await db.undo.add({
      importId,
      kind: 'totals',
      keys: undoKeys.slice(i, i + UNDO_BLOCK),
      before: before.slice(i, i + UNDO_BLOCK),
    });
  }
}
