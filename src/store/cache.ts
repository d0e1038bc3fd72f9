/**
 * Blocks read and changed inside one transaction: each block is read at most once, changed in memory by every
 * batch of an import (or by undo, demo removal), and written once by flush() before the transaction ends.
 * Writing once matters: a trust's import arrives in 25 batches that each touch every block.
 */
import Dexie, { type Table } from 'dexie';
import type { Pupil, PupilYear } from '../domain/register';
import { bucketOf, packPupils, packTotals, packYear, unpackYear, type PupilBlock } from './blocks';
import type { TotalsBlock, YearBlock } from './blocks';
import type { RadarDb } from './db';
import { restoreAll, restorePupil, restorePupilYear, restoreTotals, type Problems } from './restore';
import type { PupilPeriodTotals } from './types';
import { addStage } from '../timing/stages';

type BlockKey = number | [number, number];

/** The map key of a block: as String(key), without Array#join (called twice per pupil-year on every import). */
const str = (key: BlockKey): string => (typeof key === 'number' ? String(key) : `${key[0]},${key[1]}`);

interface Spec<T, R> {
  table: Table<R, BlockKey>;
  keyOf: (record: R) => BlockKey;
  decode: (record: R, problems: Problems) => T[];
  itemKey: (item: T) => string;
  pack: (key: BlockKey, items: T[]) => R;
}

export class Blocks<T, R> {
  private loaded = new Map<string, { key: BlockKey; items: Map<string, T> }>();
  private dirty = new Set<string>();
  /** Whether the table held no block when first read: then nothing needs reading (blocks are written at the end). */
  private empty: boolean | undefined;
  constructor(private spec: Spec<T, R>) {}

  /** Read the blocks not read yet (one bulkGet); a missing block is an empty one. */
  async load(keys: BlockKey[], problems: Problems): Promise<void> {
    const missing = new Map<string, BlockKey>();
    for (const k of keys) {
      const s = str(k);
      if (!this.loaded.has(s)) missing.set(s, k);
    }
    if (!missing.size) return;
    const wanted = [...missing.values()];
    this.empty ??= (await countRaw(this.spec.table)) === 0;
    const records = this.empty ? [] : await this.spec.table.bulkGet(wanted);
    wanted.forEach((k, i) => this.add(k, records[i], problems));
  }

  /** Read every block of the table (demo removal). */
  async loadAll(problems: Problems): Promise<void> {
    for (const r of await this.spec.table.toArray()) {
      const k = this.spec.keyOf(r);
      if (!this.loaded.has(str(k))) this.add(k, r, problems);
    }
  }

  private add(key: BlockKey, record: R | undefined, problems: Problems) {
    const items = new Map<string, T>();
    if (record) for (const t of this.spec.decode(record, problems)) items.set(this.spec.itemKey(t), t);
    this.loaded.set(str(key), { key, items });
  }

  /** The items of a loaded block, to read or change; `change` marks it for flush(). */
  items(key: BlockKey, change = false): Map<string, T> {
    const s = str(key);
    const b = this.loaded.get(s);
    if (!b) throw new Error(`Block ${s} was not read before use.`);
    if (change) this.dirty.add(s);
    return b.items;
  }

  /** Every loaded block's key. */
  keys(): BlockKey[] {
    return [...this.loaded.values()].map((b) => b.key);
  }

  /** Write every changed block (delete the ones left empty); returns the pending writes. */
  flush(): Promise<unknown>[] {
    const puts: R[] = [];
    const gone: BlockKey[] = [];
    let t = performance.now();
    for (const k of this.dirty) {
      const b = this.loaded.get(k)!;
      if (b.items.size) puts.push(this.spec.pack(b.key, [...b.items.values()]));
      else gone.push(b.key);
    }
    addStage('store: blocks pack', performance.now() - t);
    this.dirty.clear();
    const out: Promise<unknown>[] = [];
    if (puts.length) {
      this.empty = false;
      t = performance.now();
      out.push(putAll(this.spec.table, puts));
      addStage('store: blocks put (clone + issue)', performance.now() - t);
    }
    if (gone.length) out.push(this.spec.table.bulkDelete(gone));
    return out;
  }
}

export const totalsItemKey = (pupilId: string, label: string) => `${pupilId}\u0000${label}`;

export interface BlockCache {
  pupils: Blocks<Pupil, PupilBlock>;
  years: Blocks<PupilYear, YearBlock>;
  totals: Blocks<PupilPeriodTotals, TotalsBlock>;
}

export function newBlockCache(db: RadarDb): BlockCache {
  return {
    pupils: new Blocks<Pupil, PupilBlock>({
      table: db.pupilBlocks as unknown as Table<PupilBlock, BlockKey>,
      keyOf: (r) => r.bucket,
      decode: (r, p) => restoreAll(Array.isArray(r.pupils) ? r.pupils : [], restorePupil, p),
      itemKey: (t) => t.id,
      pack: (k, items) => packPupils(k as number, items),
    }),
    years: new Blocks<PupilYear, YearBlock>({
      table: db.yearBlocks as unknown as Table<YearBlock, BlockKey>,
      keyOf: (r) => [r.startYear, r.bucket],
      decode: (r, p) => restoreAll(unpackYear(r), restorePupilYear, p),
      itemKey: (t) => t.pupilId,
      pack: (k, items) => packYear((k as [number, number])[0], (k as [number, number])[1], items),
    }),
    totals: new Blocks<PupilPeriodTotals, TotalsBlock>({
      table: db.totalsBlocks as unknown as Table<TotalsBlock, BlockKey>,
      keyOf: (r) => [r.startYear, r.bucket],
      decode: (r, p) => restoreAll(Array.isArray(r.rows) ? r.rows : [], restoreTotals, p),
      itemKey: (t) => totalsItemKey(t.pupilId, t.periodLabel),
      pack: (k, items) => packTotals((k as [number, number])[0], (k as [number, number])[1], items),
    }),
  };
}

/** Write every changed block of the cache. */
export function flushCache(cache: BlockCache): Promise<unknown> {
  return Promise.all([...cache.pupils.flush(), ...cache.years.flush(), ...cache.totals.flush()]);
}

export const pupilBlockKey = (id: string): BlockKey => bucketOf(id);
export const yearBlockKey = (pupilId: string, startYear: number): [number, number] => [
  startYear,
  bucketOf(pupilId),
];

type HookList = { subscribers?: unknown[] };

/** Whether anything (a test simulating a full disk, say) listens to writes on the table through Dexie. */
function hooked(table: Table<unknown, unknown>): boolean {
  const h = table.hook as unknown as { creating?: HookList; updating?: HookList };
  return (h.creating?.subscribers?.length ?? 0) > 0 || (h.updating?.subscribers?.length ?? 0) > 0;
}

/** The table's IndexedDB store in the current Dexie transaction, or null (outside one, or hooked for writes). */
function rawStore<T, K>(table: Table<T, K>, write: boolean): IDBObjectStore | null {
  const trans = Dexie.currentTransaction as unknown as { idbtrans?: IDBTransaction } | null;
  if (!trans?.idbtrans || (write && hooked(table as unknown as Table<unknown, unknown>))) return null;
  try {
    return trans.idbtrans.objectStore(table.name);
  } catch {
    return null; // not in this transaction's scope: Dexie reports it as it always has
  }
}

function settled<R>(request: IDBRequest<R>): Promise<R> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * table.count() and table.add(), straight to IndexedDB inside a transaction, as putAll: an import asks twice
 * whether a table is empty and adds its undo blocks, and Dexie's path cost more than the requests in a cold worker.
 */
export const countRaw = <T, K>(table: Table<T, K>): Promise<number> => {
  const store = rawStore(table, false);
  return store ? settled(store.count()) : table.count();
};
export const addRaw = <T, K>(table: Table<T, K>, value: T): Promise<unknown> => {
  const store = rawStore(table, true);
  return store ? settled(store.add(value)) : table.add(value);
};

/**
 * table.bulkPut, but straight to IndexedDB when the call runs inside a transaction and nothing hooks the table:
 * Dexie's per-record bookkeeping was about a third of a bulk write's time in Chromium. A failed request aborts
 * the transaction as Dexie's would, so an import still lands whole or not at all.
 */
export function putAll<T, K>(table: Table<T, K>, values: T[]): Promise<unknown> {
  const store = values.length ? rawStore(table, true) : null;
  if (!store) return table.bulkPut(values);
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
