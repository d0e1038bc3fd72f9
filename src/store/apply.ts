/**
 * Applies one batch of an import inside the caller's transaction: read the blocks it touches (each once per
 * import, cache.ts), merge in memory, and save the previous state of every pupil touched for the first time by
 * this import (undo, per pupil, so undoing one import never disturbs other pupils sharing its blocks).
 * The changed blocks are written once, by flushImport() at the end of the import, not per batch.
 */
import { yearSlots, type Pupil, type PupilYear } from '../domain/register';
import type { RadarDb } from './db';
import {
  addRaw,
  flushCache,
  newBlockCache,
  pupilBlockKey,
  totalsItemKey,
  yearBlockKey,
  type BlockCache,
} from './cache';
import type { YearBlockKey } from './blocks';
import { coverageFlags, mergePupil, mergePupilYear } from './merge';
import type { Problems } from './restore';
import { timed } from '../timing/stages';
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
  /** The blocks read and changed so far. */
  cache: BlockCache;
}

export const newTouched = (db: RadarDb): Touched => ({
  pupils: new Set(),
  years: new Set(),
  totals: new Set(),
  startYears: new Set(),
  anyPupil: new Set(),
  cache: newBlockCache(db),
});

/** Write every block the import changed; call once, after the last batch, inside the transaction. */
export const flushImport = (touched: Touched): Promise<unknown> =>
  timed('store: blocks write (issue → done)', () => flushCache(touched.cache));
export const yearKey = (pupilId: string, startYear: number): string => `${pupilId}\u0000${startYear}`;
export const totalsKey = (pupilId: string, startYear: number, label: string): string =>
  `${pupilId}\u0000${startYear}\u0000${label}`;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Queue a write; a batch that fails later aborts the transaction, so a queued write's rejection is not news. */
function issue(writes: Promise<unknown>[], write: Promise<unknown>): void {
  write.catch(() => undefined);
  writes.push(write);
}

/** Apply one batch and wait for its writes. */
export async function applyBatch(
  db: RadarDb,
  importId: number,
  batch: ImportBatch,
  touched: Touched,
): Promise<void> {
  await Promise.all(await issueBatch(db, importId, batch, touched));
}

/**
 * Read and merge one batch, then issue its writes without waiting for them; returns the pending writes.
 * A later batch's reads are issued after these writes, so (IndexedDB keeps request order) they see them.
 */
export async function issueBatch(
  db: RadarDb,
  importId: number,
  batch: ImportBatch,
  touched: Touched,
): Promise<Promise<unknown>[]> {
  const problems: Problems = []; // existing records are normalised on the way in; fixes are not the import's problem
  const writes: Promise<unknown>[] = [];
  await applyPupils(db, importId, batch.pupils, touched, problems, writes);
  const byYear = new Map<number, Incoming[]>();
  batch.years.forEach((year, i) => {
    const item = { year, covered: batch.yearCoverage?.[i] };
    const list = byYear.get(year.startYear);
    if (list) list.push(item);
    else byYear.set(year.startYear, [item]);
  });
  // The batch-wide coverage only counts for pupil-years without their own; the importer's batches work it out only
  // when read (src/workers/worker/import-batches.ts), so it is not read when every pupil-year brings its own.
  const lazy = !!Object.getOwnPropertyDescriptor(batch, 'coveredSlots')?.get;
  const shared = !lazy || batch.years.some((_, i) => !batch.yearCoverage?.[i]);
  for (const [startYear, list] of byYear) {
    await applyYears(
      db,
      importId,
      startYear,
      list,
      shared ? batch.coveredSlots?.[startYear] : undefined,
      touched,
      problems,
      writes,
    );
  }
  await applyTotals(db, importId, batch.totals, touched, problems, writes);
  return writes;
}

async function applyPupils(
  db: RadarDb,
  importId: number,
  pupils: Pupil[],
  touched: Touched,
  problems: Problems,
  writes: Promise<unknown>[],
) {
  if (!pupils.length) return;
  const blocks = touched.cache.pupils;
  const ids = [...new Set(pupils.map((p) => p.id))];
  await timed('store: pupils read blocks', () => blocks.load(ids.map(pupilBlockKey), problems));
  const keys: string[] = [];
  const before: (Pupil | null)[] = [];
  for (const id of ids) {
    touched.anyPupil.add(id);
    if (!touched.pupils.has(id)) {
      touched.pupils.add(id);
      keys.push(id);
      before.push(blocks.items(pupilBlockKey(id)).get(id) ?? null);
    }
  }
  for (const p of pupils) {
    const items = blocks.items(pupilBlockKey(p.id), true);
    items.set(p.id, mergePupil(items.get(p.id), p));
  }
  for (let i = 0; i < keys.length; i += UNDO_BLOCK) {
    const block: UndoBlock = {
      importId,
      kind: 'pupils',
      keys: keys.slice(i, i + UNDO_BLOCK),
      before: before.slice(i, i + UNDO_BLOCK),
    };
    issue(writes, addRaw(db.undo, block));
  }
}

/** A pupil-year of the batch with the slots its own rows covered, when the importer says. */
interface Incoming {
  year: PupilYear;
  covered?: Uint8Array;
}

async function applyYears(
  db: RadarDb,
  importId: number,
  startYear: number,
  incoming: Incoming[],
  coveredRaw: Uint8Array | undefined,
  touched: Touched,
  problems: Problems,
  writes: Promise<unknown>[],
) {
  const slotCount = yearSlots(startYear).slotCount;
  const covered = coveredRaw ? coverageFlags(coveredRaw, slotCount) : undefined;
  for (const { year: y } of incoming) {
    if (y.marks.length !== slotCount)
      throw new Error(
        `Marks for pupil ${y.pupilId} in ${startYear} have ${y.marks.length} sessions; expected ${slotCount}.`,
      );
  }
  touched.startYears.add(startYear);
  const blocks = touched.cache.years;
  // Each pupil's block key once (a hash of the id), not once per use.
  const keyOf = new Map<string, YearBlockKey>();
  for (const { year } of incoming)
    if (!keyOf.has(year.pupilId)) keyOf.set(year.pupilId, yearBlockKey(year.pupilId, startYear));
  await timed('store: years read blocks', () => blocks.load([...keyOf.values()], problems));
  const firstTouch: { id: string; old: PupilYear | undefined }[] = [];
  for (const [id, blockKey] of keyOf) {
    touched.anyPupil.add(id);
    const key = yearKey(id, startYear);
    if (!touched.years.has(key)) {
      touched.years.add(key);
      firstTouch.push({ id, old: blocks.items(blockKey).get(id) });
    }
  }
  timed('store: years merge', () => {
    for (const { year: y, covered: own } of incoming) {
      const cov = own ? coverageFlags(own, slotCount) : covered;
      const items = blocks.items(keyOf.get(y.pupilId)!, true);
      items.set(y.pupilId, mergePupilYear(items.get(y.pupilId), y, cov));
    }
  });
  for (const part of chunks(firstTouch, UNDO_BLOCK)) {
    // A fresh import's undo needs no marks: only pupil-years that existed are given back.
    const existed = new Uint8Array(part.length);
    part.forEach(({ old }, i) => (existed[i] = old ? 1 : 0));
    const marks = new Uint8Array(existed.some((e) => e) ? part.length * slotCount : 0);
    const attributes: (PupilYearAttributes | null)[] = part.map(({ old }, i) => {
      if (!old) return null;
      marks.set(old.marks, i * slotCount);
      const { pupilId: _p, startYear: _s, marks: _m, ...attrs } = old;
      return attrs;
    });
    issue(
      writes,
      addRaw(db.undo, {
        importId,
        kind: 'years',
        startYear,
        keys: part.map((p) => p.id),
        existed,
        attributes,
        marks,
      }),
    );
  }
}

async function applyTotals(
  db: RadarDb,
  importId: number,
  totals: PupilPeriodTotals[],
  touched: Touched,
  problems: Problems,
  writes: Promise<unknown>[],
) {
  if (!totals.length) return;
  const blocks = touched.cache.totals;
  await timed('store: totals read blocks', () =>
    blocks.load(
      totals.map((t) => yearBlockKey(t.pupilId, t.startYear)),
      problems,
    ),
  );
  const undoKeys: [string, number, string][] = [];
  const before: (PupilPeriodTotals | null)[] = [];
  // The newer summary row for a period replaces the older one whole: counts are not mergeable.
  for (const t of totals) {
    touched.startYears.add(t.startYear);
    touched.anyPupil.add(t.pupilId);
    const items = blocks.items(yearBlockKey(t.pupilId, t.startYear), true);
    const itemKey = totalsItemKey(t.pupilId, t.periodLabel);
    const key = totalsKey(t.pupilId, t.startYear, t.periodLabel);
    if (!touched.totals.has(key)) {
      touched.totals.add(key);
      undoKeys.push([t.pupilId, t.startYear, t.periodLabel]);
      before.push(items.get(itemKey) ?? null);
    }
    items.set(itemKey, { ...t });
  }
  for (let i = 0; i < undoKeys.length; i += UNDO_BLOCK) {
    issue(
      writes,
      addRaw(db.undo, {
        importId,
        kind: 'totals',
        keys: undoKeys.slice(i, i + UNDO_BLOCK),
        before: before.slice(i, i + UNDO_BLOCK),
      }),
    );
  }
}
