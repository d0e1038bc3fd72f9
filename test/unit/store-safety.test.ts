import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  RadarDb,
  SCHEMA_V1,
  SCHEMA_V4,
  V1_SNAPSHOT_SETTING,
  type StoreEvent,
} from '../../src/store/db';
import { commitImport, commitImportBatches } from '../../src/store/registers';
import type { PupilYear } from '../../src/domain/register';
import { getSetting, latestRiskSnapshot, listImports, loadPupils, loadYear } from '../../src/store/queries';
import { QUOTA_MESSAGE, requestPersistence } from '../../src/store/safety';
import {
  ILL,
  PRESENT,
  SLOTS,
  UNAUTH,
  Y,
  batch,
  contents,
  freshDb,
  marks,
  meta,
  pupil,
  pupilYear,
  deleteAfterEach,
} from './store-fixtures';

const track = deleteAfterEach();

const seed = (db: RadarDb) =>
  commitImport(
    batch([pupil('A1'), pupil('B2')], [pupilYear('A1', { 0: PRESENT }), pupilYear('B2', { 1: ILL })]),
    meta('seed.csv'),
    db,
  );

describe('atomic imports', () => {
  it('leaves the store exactly as it was when a write fails part-way', async () => {
    const db = track(freshDb());
    await seed(db);
    const before = await contents(db);
    let writes = 0;
    // C3 and D4 fall in two new register blocks (A1's block exists): the second block write fails.
    db.yearBlocks.hook('creating', () => {
      if (++writes === 2) throw new Error('power cut');
    });
    const file = batch(
      [pupil('A1', { surname: 'Changed' }), pupil('C3'), pupil('D4')],
      [pupilYear('A1', { 0: UNAUTH }), pupilYear('C3', { 0: PRESENT }), pupilYear('D4', { 0: PRESENT })],
    );
    await expect(commitImport(file, meta('broken.csv'), db)).rejects.toThrow();
    expect(writes).toBe(2); // the failure really happened after other writes in the same import
    expect(await contents(db)).toEqual(before);
    expect((await listImports(undefined, db)).map((e) => e.fileName)).toEqual(['seed.csv']);
    expect(await db.undo.where('importId').above(1).count()).toBe(0);
  });

  it('changes nothing when a record fails on the direct write path (no hooks), after other writes', async () => {
    const db = track(freshDb());
    await seed(db);
    const before = await contents(db);
    // Without hooks, bulk writes go straight to IndexedDB: a record it cannot store must still abort the import.
    const unstorable = { ...pupilYear('D4', { 0: PRESENT }), note: () => 'not cloneable' } as PupilYear;
    const file = batch(
      [pupil('A1', { surname: 'Changed' }), pupil('C3'), pupil('D4')],
      [pupilYear('A1', { 0: UNAUTH }), pupilYear('C3', { 0: PRESENT }), unstorable],
    );
    await expect(commitImport(file, meta('broken.csv'), db)).rejects.toThrow();
    expect(await contents(db)).toEqual(before);
    expect((await listImports(undefined, db)).map((e) => e.fileName)).toEqual(['seed.csv']);
    expect(await db.undo.where('importId').above(1).count()).toBe(0);
  });

  it('changes nothing when a later batch of a large import fails', async () => {
    const db = track(freshDb());
    await seed(db);
    const before = await contents(db);
    const good = batch([pupil('C3')], [pupilYear('C3', { 0: PRESENT })]);
    const bad = batch([pupil('D4')], [{ pupilId: 'D4', startYear: Y, marks: new Uint8Array(3) }]);
    await expect(commitImportBatches([good, bad], meta('trust.csv'), db)).rejects.toThrow(/sessions/);
    expect(await contents(db)).toEqual(before);
    expect((await listImports(undefined, db)).map((e) => e.fileName)).toEqual(['seed.csv']);
  });

  it('turns a full disk into a clear message and changes nothing', async () => {
    const db = track(freshDb());
    await seed(db);
    const before = await contents(db);
    // The undo record is written after the pupils and marks: a quota failure there must undo those too.
    db.undo.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const file = batch(
      [pupil('A1', { surname: 'New' }), pupil('E5')],
      [pupilYear('A1', { 0: UNAUTH }), pupilYear('E5', { 0: PRESENT })],
    );
    await expect(commitImport(file, meta('big.csv'), db)).rejects.toThrow(QUOTA_MESSAGE);
    expect(await contents(db)).toEqual(before);
    expect((await listImports(undefined, db)).length).toBe(1);
  });

  it('gives the same message when the disk fills on the direct write path (no hooks)', async () => {
    const db = track(freshDb());
    await seed(db);
    const before = await contents(db);
    // Unhooked tables are written with IndexedDB's own put: make the second register block put (A1's and E5's
    // blocks differ) find the disk full.
    const proto = Object.getPrototypeOf(db.backendDB().transaction('yearBlocks').objectStore('yearBlocks'));
    const put = proto.put as (...a: unknown[]) => IDBRequest;
    let calls = 0;
    proto.put = function (this: IDBObjectStore, ...a: unknown[]) {
      if (this.name === 'yearBlocks' && ++calls === 2)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, a);
    };
    try {
      const file = batch(
        [pupil('A1', { surname: 'New' }), pupil('E5')],
        [pupilYear('A1', { 0: UNAUTH }), pupilYear('E5', { 0: PRESENT })],
      );
      await expect(commitImport(file, meta('big.csv'), db)).rejects.toThrow(QUOTA_MESSAGE);
    } finally {
      proto.put = put;
    }
    expect(calls).toBe(2);
    expect(await contents(db)).toEqual(before);
    expect((await listImports(undefined, db)).length).toBe(1);
  });
});

describe('restore on read', () => {
  it('pads or cuts marks of the wrong length, clears unknown mark ids, and reports each fix', async () => {
    const db = track(freshDb());
    // A damaged block: its packed marks stop two sessions into the last pupil (S1), and U1 has an unknown id.
    const packed = new Uint8Array(2 * SLOTS + 2);
    packed.set(marks({ 0: 250, 1: PRESENT }), 0);
    packed.set(marks({}), SLOTS);
    packed.set([PRESENT, ILL], 2 * SLOTS);
    const block = (bucket: number, pupilIds: string[], m: unknown) =>
      ({ startYear: Y, bucket, n: pupilIds.length, pupilIds, attributes: [], marks: m }) as never;
    await db.yearBlocks.bulkPut([block(1, ['U1', 'K1', 'S1'], packed), block(2, ['X1'], 'garbage')]);
    const problems: { table: string; key: string; message: string }[] = [];
    const year = await loadYear(Y, problems, db);
    expect(year.map((y) => y.pupilId)).toEqual(['K1', 'S1', 'U1']);
    for (const y of year) expect(y.marks.length).toBe(SLOTS);
    const s1 = year.find((y) => y.pupilId === 'S1')!;
    expect([...s1.marks.slice(0, 3)]).toEqual([PRESENT, ILL, 0]);
    expect([...year.find((y) => y.pupilId === 'U1')!.marks.slice(0, 2)]).toEqual([0, PRESENT]);
    expect(problems.map((p) => p.key).sort()).toEqual([`S1 ${Y}`, `U1 ${Y}`, `X1 ${Y}`]);
    expect(problems.find((p) => p.key.startsWith('S1'))!.message).toMatch(/padded/);
  });
});

const CURRENT_TABLES = Object.entries(SCHEMA_V4)
  .filter(([, v]) => v !== null)
  .map(([k]) => k)
  .sort();

describe('schema migration', () => {
  it('opens a version 1 database with the current schema, keeping data and moving the risk snapshot', async () => {
    const name = `test-v1-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('pupils').put({ id: 'A1', surname: 'Old' });
    await v1.table('pupilYears').put({ pupilId: 'A1', startYear: Y, marks: marks({ 0: PRESENT }) });
    await v1.table('settings').bulkPut([
      { key: V1_SNAPSHOT_SETTING, value: { asOf: '2024-10-18', scores: { A1: 0.3 }, importId: 1 } },
      { key: 'chosenModel', value: 'shipped' },
    ]);
    v1.close();

    const db = track(new RadarDb(name));
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(CURRENT_TABLES);
    expect(await loadPupils(undefined, db)).toEqual([{ id: 'A1', surname: 'Old' }]);
    expect((await loadYear(Y, undefined, db))[0].marks[0]).toBe(PRESENT);
    expect(await latestRiskSnapshot(undefined, db)).toMatchObject({
      asOf: '2024-10-18',
      importId: 1,
      pPa: { A1: 0.3 },
    });
    expect(await getSetting(V1_SNAPSHOT_SETTING, 'gone', db)).toBe('gone');
    expect(await getSetting('chosenModel', '', db)).toBe('shipped');
  });
});

describe('two tabs', () => {
  it('serialises overlapping imports from two connections: each applies whole, in one order, nothing torn', async () => {
    const name = `test-tabs-${crypto.randomUUID()}`;
    const tab1 = track(new RadarDb(name));
    const tab2 = new RadarDb(name);
    const ids = Array.from({ length: 40 }, (_, i) => `P${i}`);
    // Both files cover the same slots with different marks: every pupil-year must end wholly one file's.
    // Two school years, so each import makes several separate writes that could interleave without a transaction.
    const file = (mark: number) =>
      batch(
        ids.map((id) => pupil(id, { surname: mark === PRESENT ? 'One' : 'Two' })),
        ids.flatMap((id) => {
          const both = [
            pupilYear(id, { 0: mark, 1: mark, 2: mark }),
            pupilYear(id, { 7: mark }, { startYear: Y + 1 }),
          ];
          return mark === PRESENT ? both : both.reverse(); // opposite write orders would tear if interleaved
        }),
      );
    const [a, b] = await Promise.all([
      commitImport(file(PRESENT), meta('tab1.csv'), tab1),
      commitImport(file(UNAUTH), meta('tab2.csv'), tab2),
    ]);
    const winner = a.id > b.id ? PRESENT : UNAUTH; // the later transaction's marks win
    const year = await loadYear(Y, undefined, tab1);
    expect(year.length).toBe(40);
    for (const y of year) expect([...y.marks.slice(0, 3)]).toEqual([winner, winner, winner]);
    for (const y of await loadYear(Y + 1, undefined, tab1)) expect(y.marks[7]).toBe(winner);
    for (const p of await loadPupils(undefined, tab1))
      expect(p.surname).toBe(winner === PRESENT ? 'One' : 'Two');
    expect((await listImports(undefined, tab1)).length).toBe(2);
    tab2.close();
  });

  it('closes an old connection when another tab opens a newer schema, and tells the UI', async () => {
    const name = `test-vc-${crypto.randomUUID()}`;
    const oldTab = new RadarDb(name);
    const events: StoreEvent[] = [];
    oldTab.onStoreEvent((e) => events.push(e));
    await oldTab.open();
    const newTab = track(new Dexie(name));
    newTab.version(CURRENT_VERSION + 1).stores({ ...SCHEMA_V4, notes: '++id' });
    await newTab.open(); // would hang if the old tab kept its connection open
    expect(newTab.verno).toBe(CURRENT_VERSION + 1);
    expect(events.map((e) => e.type)).toEqual(['versionchange']);
    expect(events[0].message).toMatch(/Reload this tab/);
    expect(oldTab.isOpen()).toBe(false);
  });
});

describe('requestPersistence', () => {
  it('asks for persistent storage and reports usage and quota', async () => {
    const calls: string[] = [];
    const storage = {
      persisted: async () => (calls.push('persisted'), false),
      persist: async () => (calls.push('persist'), true),
      estimate: async () => ({ usage: 1234, quota: 10_000 }),
    };
    const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { storage }, configurable: true });
    try {
      expect(await requestPersistence()).toEqual({ persisted: true, usage: 1234, quota: 10_000 });
      expect(calls).toEqual(['persisted', 'persist']);
      Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
      expect(await requestPersistence()).toEqual({ persisted: false });
    } finally {
      if (original) Object.defineProperty(globalThis, 'navigator', original);
      else delete (globalThis as Record<string, unknown>).navigator;
    }
  });
});
