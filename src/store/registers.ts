/**
 * The write path for imports. Every import is all-or-nothing: one Dexie transaction over every table it
 * touches, so a throw, a full disk or a closed tab leaves the store exactly as it was.
 *
 * Small files: commitImport(batch, meta). Large files (a trust's 50,000 pupils): beginImport → stageChunk × n
 * → finishImport; chunks wait in the staging table (bounded memory in the parser), and finishImport applies them
 * one at a time inside a single transaction, so the store never holds half an import.
 */
import Dexie from 'dexie';
import { db as appDb, type RadarDb } from './db';
import { applyBatch, flushImport, issueBatch, newTouched, type Touched } from './apply';
import { guardWrite, StoreError } from './errors';
import { addStage, timed } from '../timing/stages';
import type { ImportBatch, ImportLogEntry, ImportMeta, StagedRecord } from './types';

const importTables = (db: RadarDb) => [
  db.pupilBlocks,
  db.yearBlocks,
  db.totalsBlocks,
  db.imports,
  db.undo,
  db.staging,
];

async function startEntry(db: RadarDb, meta: ImportMeta): Promise<ImportLogEntry> {
  const entry: Omit<ImportLogEntry, 'id'> = {
    fileName: meta.fileName,
    layout: meta.layout,
    dateRange: [meta.dateRange[0], meta.dateRange[1]],
    rowCounts: { ...meta.rowCounts },
    warnings: [...meta.warnings],
    ...(meta.kind ? { kind: meta.kind } : {}),
    importedAt: new Date().toISOString(),
    pupils: 0,
    years: [],
  };
  const id = (await db.imports.add(entry)) as number;
  return { ...entry, id };
}

async function finishEntry(db: RadarDb, entry: ImportLogEntry, touched: Touched): Promise<ImportLogEntry> {
  const done = {
    ...entry,
    pupils: touched.anyPupil.size,
    years: [...touched.startYears].sort((a, b) => a - b),
  };
  await db.imports.put(done);
  return done;
}

/** Commit a whole import in one transaction. */
export function commitImport(
  batch: ImportBatch,
  meta: ImportMeta,
  db: RadarDb = appDb,
): Promise<ImportLogEntry> {
  return commitImportBatches([batch], meta, db);
}

/**
 * Commit an import given as consecutive batches (e.g. 2,000 pupils each), all in one transaction: all of it
 * lands or none. For a parser that already holds the whole file's packed registers this is the large-file path:
 * no staging round trip (staged chunks would be written once, read back and written again), and each bulk
 * write stays bounded. `batches` may be a generator; it is pulled one batch at a time inside the transaction,
 * so it must not await anything but this database.
 */
export function commitImportBatches(
  batches: Iterable<ImportBatch>,
  meta: ImportMeta,
  db: RadarDb = appDb,
  onBatch?: (pupils: number) => void,
): Promise<ImportLogEntry> {
  let end = 0;
  const begin = performance.now();
  return guardWrite(() =>
    timed('store: transaction total', () =>
      db.transaction('rw', importTables(db), async () => {
        addStage('store: transaction start', performance.now() - begin);
        const entry = await timed('store: start entry', () => startEntry(db, meta));
        const touched = newTouched(db);
        // One batch's undo writes in flight while the next is read and merged; the blocks are written at the end.
        let pending: Promise<unknown> = Promise.resolve();
        for (const batch of batches) {
          const writes = await timed('store: issueBatch', () => issueBatch(db, entry.id, batch, touched));
          await pending;
          pending = Promise.all(writes);
          onBatch?.(batch.pupils.length);
        }
        await timed('store: last writes', () => pending);
        await flushImport(touched);
        const out = await timed('store: finish entry', () => finishEntry(db, entry, touched));
        end = performance.now();
        return out;
      }),
    ).finally(() => addStage('store: transaction commit', performance.now() - end)),
  );
}

/** A copy safe to stage: typed-array views are copied so a record never drags a whole parse buffer with it. */
function detach(batch: ImportBatch): ImportBatch {
  const own = (a: Uint8Array) => (a.byteOffset === 0 && a.buffer.byteLength === a.length ? a : a.slice());
  const coveredSlots: Record<number, Uint8Array> = {};
  for (const [k, v] of Object.entries(batch.coveredSlots ?? {})) coveredSlots[+k] = own(v);
  return {
    pupils: batch.pupils,
    years: batch.years.map((y) => ({ ...y, marks: own(y.marks) })),
    coveredSlots,
    yearCoverage: batch.yearCoverage?.map(own),
    totals: batch.totals,
  };
}

const stagingRange = (db: RadarDb, stagingId: string) =>
  db.staging
    .where('[stagingId+seq]')
    .between([stagingId, Dexie.minKey], [stagingId, Dexie.maxKey], true, true);

/** Start a multi-chunk import; returns the staging id to pass to stageChunk and finishImport. */
export async function beginImport(meta: ImportMeta, db: RadarDb = appDb): Promise<string> {
  const stagingId = crypto.randomUUID();
  await guardWrite(() => db.staging.put({ stagingId, seq: 0, meta, startedAt: new Date().toISOString() }));
  return stagingId;
}

/** Stage one chunk (e.g. 2,000 pupils). Nothing the app reads changes until finishImport. */
export async function stageChunk(stagingId: string, batch: ImportBatch, db: RadarDb = appDb): Promise<void> {
  const record: StagedRecord = { stagingId, seq: 0, batch: detach(batch) };
  await guardWrite(() =>
    db.transaction('rw', db.staging, async () => {
      const last = await stagingRange(db, stagingId).last();
      if (!last) throw new StoreError('This import was not started or has already finished.', 'not-found');
      record.seq = last.seq + 1;
      await db.staging.add(record);
    }),
  );
}

/** Apply every staged chunk in one transaction, then clear the staging. `final` updates counts known only at the end. */
export function finishImport(
  stagingId: string,
  final: Partial<ImportMeta> = {},
  db: RadarDb = appDb,
): Promise<ImportLogEntry> {
  return guardWrite(() =>
    db.transaction('rw', importTables(db), async () => {
      const keys = await stagingRange(db, stagingId).primaryKeys();
      const header = keys.length ? await db.staging.get(keys[0]) : undefined;
      if (!header?.meta)
        throw new StoreError('This import was not started or has already finished.', 'not-found');
      const entry = await startEntry(db, { ...header.meta, ...final });
      const touched = newTouched(db);
      // One chunk in memory at a time (plus the blocks it changes).
      for (const key of keys.slice(1)) {
        const staged = await db.staging.get(key);
        if (staged?.batch) await applyBatch(db, entry.id, staged.batch, touched);
      }
      await flushImport(touched);
      await stagingRange(db, stagingId).delete();
      return finishEntry(db, entry, touched);
    }),
  );
}

/** Drop a staged import (cancelled, or failed while parsing). */
export async function abandonImport(stagingId: string, db: RadarDb = appDb): Promise<void> {
  await stagingRange(db, stagingId).delete();
}

/** Remove staging left by a tab closed mid-import (call at start-up). Leaves other tabs' recent imports alone. */
export async function clearStaleStaging(maxAgeMs = 6 * 3600_000, db: RadarDb = appDb): Promise<number> {
  const cutoff = new Date(Date.now() - maxAgeMs).toISOString();
  return db.transaction('rw', db.staging, async () => {
    // Keys only: chunk records are large, headers (seq 0) are tiny.
    const keys = await db.staging.toCollection().primaryKeys();
    const headers = await db.staging.bulkGet(keys.filter((k) => k[1] === 0));
    const stale = headers.filter((h) => h && (h.startedAt ?? '') < cutoff);
    for (const h of stale) await stagingRange(db, h!.stagingId).delete();
    return stale.length;
  });
}
