/**
 * Undoing an import, and removing the demo school.
 * An import can be undone while no later, still-applied import touched the same pupils: otherwise restoring the
 * older state would silently throw away the later file's marks. People undo the later one first.
 */
import { yearSlots, type PupilYear } from '../domain/register';
import { db as appDb, type RadarDb } from './db';
import { totalsKey, yearKey } from './apply';
import {
  flushCache,
  newBlockCache,
  pupilBlockKey,
  totalsItemKey,
  yearBlockKey,
  type BlockCache,
  type Blocks,
} from './cache';
import type { Problems } from './restore';
import { guardWrite, StoreError } from './errors';
import { announceReplacement, newGeneration } from './generation';
import type { ImportLogEntry, UndoBlock } from './types';

/** Every record key an import's undo blocks cover, in one namespace per table. */
function touchedKeys(blocks: UndoBlock[]): Set<string> {
  const keys = new Set<string>();
  for (const b of blocks) {
    if (b.kind === 'pupils') for (const k of b.keys) keys.add(`p:${k}`);
    else if (b.kind === 'years') for (const k of b.keys) keys.add(`y:${yearKey(k, b.startYear)}`);
    else for (const k of b.keys) keys.add(`t:${totalsKey(...k)}`);
  }
  return keys;
}

/** Put one undo block's previous state back into the (cached) blocks: pupil by pupil, so neighbours keep theirs. */
async function restoreBlock(cache: BlockCache, b: UndoBlock, problems: Problems): Promise<void> {
  if (b.kind === 'pupils') {
    await cache.pupils.load(b.keys.map(pupilBlockKey), problems);
    b.keys.forEach((id, i) => {
      const items = cache.pupils.items(pupilBlockKey(id), true);
      const old = b.before[i];
      if (old) items.set(id, old);
      else items.delete(id);
    });
  } else if (b.kind === 'totals') {
    await cache.totals.load(
      b.keys.map(([id, y]) => yearBlockKey(id, y)),
      problems,
    );
    b.keys.forEach(([id, y, label], i) => {
      const items = cache.totals.items(yearBlockKey(id, y), true);
      const old = b.before[i];
      if (old) items.set(totalsItemKey(id, label), old);
      else items.delete(totalsItemKey(id, label));
    });
  } else {
    const slotCount = yearSlots(b.startYear).slotCount;
    await cache.years.load(
      b.keys.map((id) => yearBlockKey(id, b.startYear)),
      problems,
    );
    b.keys.forEach((pupilId, i) => {
      const items = cache.years.items(yearBlockKey(pupilId, b.startYear), true);
      if (!b.existed[i]) {
        items.delete(pupilId);
        return;
      }
      const marks = b.marks.slice(i * slotCount, (i + 1) * slotCount);
      items.set(pupilId, { ...b.attributes[i], pupilId, startYear: b.startYear, marks } as PupilYear);
    });
  }
}

/** Put back exactly what the import changed. Rejects with a StoreError saying which import to undo first. */
export function undoImport(importId: number, db: RadarDb = appDb): Promise<ImportLogEntry> {
  return guardWrite(
    () =>
      db.transaction(
        'rw',
        [db.imports, db.undo, db.pupilBlocks, db.yearBlocks, db.totalsBlocks],
        async () => {
          const entry = await db.imports.get(importId);
          if (!entry) throw new StoreError('That import is not in the imports log.', 'not-found');
          if (entry.undone) throw new StoreError(`“${entry.fileName}” has already been undone.`, 'conflict');
          const blocks = await db.undo.where('importId').equals(importId).toArray();
          if (!blocks.length && entry.pupils > 0)
            throw new StoreError(
              `“${entry.fileName}” can no longer be undone (the data was restored from a backup).`,
              'conflict',
            );
          const mine = touchedKeys(blocks);
          const later = await db.imports
            .where('id')
            .above(importId)
            .filter((e) => !e.undone)
            .toArray();
          for (const e of later.reverse()) {
            const theirs = touchedKeys(await db.undo.where('importId').equals(e.id).toArray());
            for (const k of theirs) {
              if (mine.has(k))
                throw new StoreError(
                  `Undo “${e.fileName}” first: it was imported later and changed the same pupils.`,
                  'conflict',
                );
            }
          }
          const cache = newBlockCache(db);
          const problems: Problems = [];
          for (const b of blocks) await restoreBlock(cache, b, problems);
          await flushCache(cache);
          await db.undo.where('importId').equals(importId).delete();
          const done = { ...entry, undone: true };
          await db.imports.put(done);
          return done;
        },
      ),
    'undo this import',
  );
}

/** Remove every demo pupil with their years, totals, interventions, risk scores and undo records. */
export function deleteDemoData(
  db: RadarDb = appDb,
  /** A line for the imports log (a demo removal kept undoable: replace.ts), added in the same transaction. */
  log?: Omit<ImportLogEntry, 'id'>,
): Promise<number> {
  let putBack = () => {};
  const tables = [
    db.settings,
    db.pupilBlocks,
    db.yearBlocks,
    db.totalsBlocks,
    db.interventions,
    db.riskSnapshots,
    db.undo,
    db.imports,
  ];
  return guardWrite(
    () =>
      db.transaction('rw', tables, async () => {
        const cache = newBlockCache(db);
        const problems: Problems = [];
        await cache.pupils.loadAll(problems);
        const ids: string[] = [];
        for (const k of cache.pupils.keys())
          for (const p of cache.pupils.items(k).values()) if (p.demo === true) ids.push(p.id);
        if (!ids.length) return 0;
        const demo = new Set(ids);
        await cache.years.loadAll(problems);
        await cache.totals.loadAll(problems);
        const drop = <T, R>(blocks: Blocks<T, R>, pupilOf: (t: T) => string) => {
          for (const k of blocks.keys()) {
            const items = blocks.items(k);
            const gone = [...items].filter(([, t]) => demo.has(pupilOf(t)));
            if (!gone.length) continue;
            const changed = blocks.items(k, true);
            for (const [key] of gone) changed.delete(key);
          }
        };
        drop(cache.pupils, (p) => p.id);
        drop(cache.years, (y) => y.pupilId);
        drop(cache.totals, (t) => t.pupilId);
        await flushCache(cache);
        await db.interventions.where('pupilId').anyOf(ids).delete();
        await db.riskSnapshots.toCollection().modify((s) => {
          for (const id of ids) delete s.pPa[id];
        });
        await forgetDemoInUndo(db, demo);
        if (log) await db.imports.add(log as ImportLogEntry);
        putBack = await newGeneration(db, db.generation);
        return ids.length;
      }),
    'remove the demo data',
  ).then(
    (n) => {
      if (n) announceReplacement(db.generation);
      return n;
    },
    (e) => {
      putBack();
      throw e;
    },
  );
}

/** Undo must never bring demo pupils back; an import that only held demo pupils leaves the log too. */
async function forgetDemoInUndo(db: RadarDb, demo: Set<string>): Promise<void> {
  const importsHit = new Set<number>();
  const importsKept = new Set<number>();
  await db.undo.toCollection().each((b) => {
    const keep = b.keys.map((k) => !demo.has(typeof k === 'string' ? k : k[0]));
    if (keep.some((x) => !x)) importsHit.add(b.importId);
    if (keep.some((x) => x)) importsKept.add(b.importId);
  });
  if (!importsHit.size) return;
  const blocks = await db.undo
    .where('importId')
    .anyOf([...importsHit])
    .toArray();
  for (const b of blocks) {
    const keepIdx = b.keys.flatMap((k, i) => (demo.has(typeof k === 'string' ? k : k[0]) ? [] : [i]));
    if (!keepIdx.length) await db.undo.delete(b.seq!);
    else if (keepIdx.length < b.keys.length) await db.undo.put(pickFromBlock(b, keepIdx));
  }
  for (const id of importsHit) if (!importsKept.has(id)) await db.imports.delete(id);
}

function pickFromBlock(b: UndoBlock, idx: number[]): UndoBlock {
  if (b.kind === 'pupils')
    return { ...b, keys: idx.map((i) => b.keys[i]), before: idx.map((i) => b.before[i]) };
  if (b.kind === 'totals')
    return { ...b, keys: idx.map((i) => b.keys[i]), before: idx.map((i) => b.before[i]) };
  const slotCount = yearSlots(b.startYear).slotCount;
  const marks = new Uint8Array(idx.length * slotCount);
  idx.forEach((i, j) => marks.set(b.marks.subarray(i * slotCount, (i + 1) * slotCount), j * slotCount));
  return {
    ...b,
    keys: idx.map((i) => b.keys[i]),
    existed: Uint8Array.from(idx, (i) => b.existed[i]),
    attributes: idx.map((i) => b.attributes[i]),
    marks,
  };
}
