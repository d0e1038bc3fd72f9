/**
 * Applies one batch of an import inside the caller's transaction: read what exists, merge in memory, bulkPut,
 * and save the previous state of every record touched for the first time by this import (undo).
 * O(records) bulk operations, one record per pupil-year. IndexedDB pays per request (~10,000 records/s), so
 * reads are skipped when there is nothing to merge with, and every write of a batch is issued before any is
 * awaited: the worker serialises the next records while the browser stores the previous ones.
 */
import Dexie, { type Table } from 'dexie';
import { yearSlots, type Pupil, type PupilYear } from '../domain/register';
import type { RadarDb } from './db';
import { coverageFlags, mergePupil, mergePupilYear } from './merge';
import { restorePupil, restorePupilYear, restoreTotals, type Problems } from './restore';
import { timed } from './stages';
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
  /** Per table (and school year), whether it held nothing when this import first wrote to it. */
  emptyAtStart: Map<string, boolean>;
}

export const newTouched = (): Touched => ({
  pupils: new Set(),
  years: new Set(),
  totals: new Set(),
  startYears: new Set(),
  anyPupil: new Set(),
  emptyAtStart: new Map(),
});
export const yearKey = (pupilId: string, startYear: number): string => `${pupilId}\u0000${startYear}`;
export const totalsKey = (pupilId: string, startYear: number, label: string): string =>
  `${pupilId}\u0000${startYear}\u0000${label}`;

/**
 * True when nothing stored before this import can be under these keys: the table (or year) was empty when the
 * import first reached it and this import has not written any of them yet. Then there is nothing to read.
 */
async function nothingStored(
  touched: Touched,
  table: string,
  count: () => Promise<number>,
  keys: string[],
  mine: Set<string>,
): Promise<boolean> {
  let empty = touched.emptyAtStart.get(table);
  if (empty === undefined) touched.emptyAtStart.set(table, (empty = (await count()) === 0));
  return empty && !keys.some((k) => mine.has(k));
}

/** The batch's smallest and largest key (IndexedDB orders strings by code unit, as `<` does). */
function keyRange(ids: string[]): [string, string] {
  let lo = ids[0];
  let hi = ids[0];
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return [lo, hi];
}

/**
 * The stored records for `ids`, in order (undefined where none): one range read when the batch's keys span few
 * other records (a batch sorted by id, a re-import of the same pupils), else one get per key.
 */
async function readExisting<T>(
  ids: string[],
  countRange: (lo: string, hi: string) => Promise<number>,
  readRange: (lo: string, hi: string) => Promise<T[]>,
  keyOf: (record: T) => string,
  bulkGet: () => Promise<(T | undefined)[]>,
): Promise<(T | undefined)[]> {
  const [lo, hi] = keyRange(ids);
  if ((await countRange(lo, hi)) > 2 * ids.length + 100) return bulkGet();
  const found = new Map<string, T>();
  for (const r of await readRange(lo, hi)) found.set(keyOf(r), r);
  return ids.map((id) => found.get(id));
}

/** Queue a write; a batch that fails later aborts the transaction, so a queued write's rejection is not news. */
function issue(writes: Promise<unknown>[], write: Promise<unknown>): void {
  write.catch(() => undefined);
  writes.push(write);
}

type HookList = { subscribers?: unknown[] };

/** Whether anything (a test simulating a full disk, say) listens to writes on the table through Dexie. */
function hooked(table: Table<unknown, unknown>): boolean {
  const h = table.hook as unknown as { creating?: HookList; updating?: HookList };
  return (h.creating?.subscribers?.length ?? 0) > 0 || (h.updating?.subscribers?.length ?? 0) > 0;
}

/**
 * table.bulkPut, but straight to IndexedDB when the call runs inside this import's transaction and nothing hooks
 * the table: Dexie's per-record bookkeeping was about a third of a bulk write's time in Chromium. A failed
 * request aborts the transaction as Dexie's would, so the import still lands whole or not at all.
 */
function putAll<T, K>(table: Table<T, K>, values: T[]): Promise<unknown> {
  const trans = Dexie.currentTransaction as unknown as { idbtrans?: IDBTransaction } | null;
  if (!values.length || !trans?.idbtrans || hooked(table as unknown as Table<unknown, unknown>))
    return table.bulkPut(values);
  const store = trans.idbtrans.objectStore(table.name);
  return new Promise((resolve, reject) => {
    const fail = (e: Event) => reject((e.target as IDBRequest).error);
    let last: IDBRequest | undefined;
    try {
      for (const v of values) {
        last = store.put(v);
        last.onerror = fail;
      }
    } catch (e) {
      reject(e);
      return;
    }
    last!.onsuccess = () => resolve(undefined);
  });
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
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
  for (const [startYear, list] of byYear) {
    await applyYears(
      db,
      importId,
      startYear,
      list,
      batch.coveredSlots?.[startYear],
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
  const ids = [...new Set(pupils.map((p) => p.id))];
  const range = (lo: string, hi: string) => db.pupils.where(':id').between(lo, hi, true, true);
  const existing = await timed('store: pupils read existing', async () =>
    (await nothingStored(touched, 'pupils', () => db.pupils.count(), ids, touched.pupils))
      ? []
      : readExisting<Pupil>(
          ids,
          (lo, hi) => range(lo, hi).count(),
          (lo, hi) => range(lo, hi).toArray(),
          (p) => p.id,
          () => db.pupils.bulkGet(ids),
        ),
  );
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
  issue(
    writes,
    timed('store: pupils bulkPut (issue → done)', () => putAll(db.pupils, [...merged.values()])),
  );
  for (let i = 0; i < keys.length; i += UNDO_BLOCK) {
    const block: UndoBlock = {
      importId,
      kind: 'pupils',
      keys: keys.slice(i, i + UNDO_BLOCK),
      before: before.slice(i, i + UNDO_BLOCK),
    };
    issue(writes, db.undo.add(block));
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
  const list = incoming.map((i) => i.year);
  for (const y of list) {
    if (y.marks.length !== slotCount)
      throw new Error(
        `Marks for pupil ${y.pupilId} in ${startYear} have ${y.marks.length} sessions; expected ${slotCount}.`,
      );
  }
  touched.startYears.add(startYear);
  const ids = [...new Set(list.map((y) => y.pupilId))];
  const range = (lo: string, hi: string) =>
    db.pupilYears.where('[pupilId+startYear]').between([lo, startYear], [hi, startYear], true, true);
  const fresh = await nothingStored(
    touched,
    `pupilYears ${startYear}`,
    () => db.pupilYears.where('startYear').equals(startYear).count(),
    ids.map((id) => yearKey(id, startYear)),
    touched.years,
  );
  const existing = fresh
    ? []
    : await timed('store: years read existing', () =>
        readExisting<PupilYear>(
          ids,
          (lo, hi) => range(lo, hi).count(),
          async (lo, hi) => (await range(lo, hi).toArray()).filter((y) => y.startYear === startYear),
          (y) => y.pupilId,
          () => db.pupilYears.bulkGet(ids.map((id): [string, number] => [id, startYear])),
        ),
      );
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
  timed('store: years merge', () => {
    for (const { year: y, covered: own } of incoming) {
      const cov = own ? coverageFlags(own, slotCount) : covered;
      merged.set(y.pupilId, mergePupilYear(merged.get(y.pupilId), y, cov));
    }
  });
  issue(
    writes,
    timed('store: years bulkPut (issue → done)', () => putAll(db.pupilYears, [...merged.values()])),
  );
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
    issue(
      writes,
      db.undo.add({
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
  // The newer summary row for a period replaces the older one whole: counts are not mergeable.
  const latest = new Map<string, PupilPeriodTotals>();
  for (const t of totals) latest.set(totalsKey(t.pupilId, t.startYear, t.periodLabel), { ...t });
  const rows = [...latest.values()];
  const keys = rows.map((t): [string, number, string] => [t.pupilId, t.startYear, t.periodLabel]);
  const fresh = await nothingStored(
    touched,
    'periodTotals',
    () => db.periodTotals.count(),
    [...latest.keys()],
    touched.totals,
  );
  const existing = fresh
    ? []
    : await timed('store: totals read existing', () => db.periodTotals.bulkGet(keys));
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
  issue(
    writes,
    timed('store: totals bulkPut (issue → done)', () => putAll(db.periodTotals, rows)),
  );
  for (let i = 0; i < undoKeys.length; i += UNDO_BLOCK) {
    issue(
      writes,
      db.undo.add({
        importId,
        kind: 'totals',
        keys: undoKeys.slice(i, i + UNDO_BLOCK),
        before: before.slice(i, i + UNDO_BLOCK),
      }),
    );
  }
}
