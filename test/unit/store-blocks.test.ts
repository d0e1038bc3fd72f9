import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf } from '../../src/store/blocks';
import { CURRENT_VERSION, RadarDb, SCHEMA_V2 } from '../../src/store/db';
import { commitImport } from '../../src/store/registers';
import { deleteDemoData, undoImport } from '../../src/store/undo';
import {
  listYears,
  loadPupil,
  loadPupilYears,
  loadTotals,
  loadYear,
  storageSummary,
} from '../../src/store/queries';
import { restoreBackup } from '../../src/store/backup';
import { bytesToBase64 } from '../../src/store/codec';
import type { PupilPeriodTotals } from '../../src/store/types';
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

/** `count` pupil ids that share one block, and one id in another block. */
function sameBlock(count: number): { ids: string[]; elsewhere: string } {
  const byBucket = new Map<number, string[]>();
  for (let i = 0; ; i++) {
    const id = `P${i}`;
    const list = byBucket.get(bucketOf(id)) ?? [];
    list.push(id);
    byBucket.set(bucketOf(id), list);
    if (list.length === count) {
      const elsewhere = [...byBucket].find(([b]) => b !== bucketOf(id))![1][0];
      return { ids: list, elsewhere };
    }
  }
}

const totals = (pupilId: string, periodLabel: string, possible: number): PupilPeriodTotals => ({
  pupilId,
  startYear: Y,
  periodLabel,
  from: '2024-09-02',
  to: '2024-10-18',
  possible,
  present: possible - 2,
  aea: 0,
  authorised: 1,
  unauthorised: 1,
});

describe('blocks', () => {
  it('hashes pupil ids to a stable bucket', () => {
    // Blocks on disk depend on these values: changing the hash would strand every stored register.
    expect(['A1', 'B2', 'P0'].map(bucketOf)).toEqual([7, 21, 45]);
    const buckets = new Set(Array.from({ length: 2000 }, (_, i) => bucketOf(`U${i}`)));
    expect(buckets.size).toBe(BUCKETS); // spreads over every bucket
    for (const b of buckets) expect(b >= 0 && b < BUCKETS).toBe(true);
  });

  it('stores a school in at most BUCKETS blocks per table per year, marks packed without views', async () => {
    const db = track(freshDb());
    const ids = Array.from({ length: 300 }, (_, i) => `S${i}`);
    await commitImport(
      batch(
        ids.map((id) => pupil(id)),
        ids.map((id, i) => pupilYear(id, { [i % SLOTS]: UNAUTH, 0: PRESENT })),
        { totals: ids.map((id) => totals(id, 'Autumn 1', 60)) },
      ),
      meta('school.csv'),
      db,
    );
    const blocks = await db.yearBlocks.toArray();
    expect(blocks.length).toBeGreaterThan(BUCKETS / 2);
    expect(blocks.length).toBeLessThanOrEqual(BUCKETS);
    expect(await db.pupilBlocks.count()).toBeLessThanOrEqual(BUCKETS);
    expect(await db.totalsBlocks.count()).toBeLessThanOrEqual(BUCKETS);
    for (const b of blocks) {
      expect(b.marks.length).toBe(b.pupilIds.length * SLOTS);
      expect(b.marks.buffer.byteLength).toBe(b.marks.length);
      for (const id of b.pupilIds) expect(bucketOf(id)).toBe(b.bucket);
    }
    expect(await storageSummary(db)).toMatchObject({ pupils: 300, pupilYears: 300, periodTotals: 300 });
    const year = await loadYear(Y, undefined, db);
    expect(year.map((y) => y.pupilId)).toEqual([...ids].sort());
    expect(year.find((y) => y.pupilId === 'S7')!.marks[7]).toBe(UNAUTH);
    expect((await loadTotals(Y, undefined, db)).length).toBe(300);
  });

  it('a re-import touching one pupil rewrites only that block and leaves its neighbours intact', async () => {
    const db = track(freshDb());
    const { ids, elsewhere } = sameBlock(3);
    const all = [...ids, elsewhere];
    await commitImport(
      batch(
        all.map((id) => pupil(id, { surname: `S-${id}` })),
        all.map((id) => pupilYear(id, { 0: PRESENT, 1: PRESENT }, { yearGroup: '9' })),
      ),
      meta('first.csv'),
      db,
    );
    let writes = 0;
    const count = () => void writes++;
    db.yearBlocks.hook('creating', count);
    db.yearBlocks.hook('updating', count);
    await commitImport(
      batch([pupil(ids[1], { forename: 'Ann' })], [pupilYear(ids[1], { 1: ILL })], {
        yearCoverage: [marks({ 1: 1 })],
      }),
      meta('one.csv'),
      db,
    );
    expect(writes).toBe(1);
    const year = await loadYear(Y, undefined, db);
    for (const y of year) {
      expect(y.yearGroup).toBe('9');
      expect([...y.marks.slice(0, 2)]).toEqual(y.pupilId === ids[1] ? [PRESENT, ILL] : [PRESENT, PRESENT]);
    }
    expect(await loadPupil(ids[1], undefined, db)).toEqual({
      id: ids[1],
      surname: `S-${ids[1]}`,
      forename: 'Ann',
    });
    expect(await loadPupil(ids[0], undefined, db)).toEqual({ id: ids[0], surname: `S-${ids[0]}` });
  });

  it('undoes an import that touched part of a block, keeping later changes to other pupils of that block', async () => {
    const db = track(freshDb());
    const { ids } = sameBlock(4);
    const [a, b, c, d] = ids;
    await commitImport(
      batch([pupil(a), pupil(b)], [pupilYear(a, { 0: PRESENT }), pupilYear(b, { 0: PRESENT })], {
        totals: [totals(a, 'Autumn 1', 60)],
      }),
      meta('first.csv'),
      db,
    );
    const before = await contents(db);
    // The import to undo: changes a, adds c, adds a totals row for a.
    const second = await commitImport(
      batch(
        [pupil(a, { surname: 'New' }), pupil(c)],
        [pupilYear(a, { 0: UNAUTH }), pupilYear(c, { 3: ILL })],
        {
          totals: [totals(a, 'Autumn 1', 58), totals(a, 'Autumn 2', 40)],
        },
      ),
      meta('second.csv'),
      db,
    );
    // A later import of other pupils in the same block (d new, b changed).
    await commitImport(
      batch([pupil(d)], [pupilYear(d, { 5: PRESENT }), pupilYear(b, { 6: ILL })]),
      meta('third.csv'),
      db,
    );
    await undoImport(second.id, db);
    const year = await loadYear(Y, undefined, db);
    expect(year.map((y) => y.pupilId)).toEqual([a, b, d].sort());
    expect(year.find((y) => y.pupilId === a)!.marks[0]).toBe(PRESENT);
    expect(year.find((y) => y.pupilId === b)!.marks[6]).toBe(ILL); // the later import's change stays
    expect(year.find((y) => y.pupilId === d)!.marks[5]).toBe(PRESENT);
    expect(await loadPupil(a, undefined, db)).toEqual({ id: a });
    expect(await loadPupil(c, undefined, db)).toBeUndefined();
    expect(await loadTotals(Y, undefined, db)).toEqual(before.periodTotals);
  });

  it('deletes a block left empty by undo, so the year disappears', async () => {
    const db = track(freshDb());
    const entry = await commitImport(
      batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT }, { startYear: Y - 3 })]),
      meta('old.csv'),
      db,
    );
    expect(await listYears(db)).toEqual([Y - 3]);
    await undoImport(entry.id, db);
    expect(await listYears(db)).toEqual([]);
    expect(await db.yearBlocks.count()).toBe(0);
    expect(await db.pupilBlocks.count()).toBe(0);
  });

  it('removes demo pupils from blocks they share with real pupils', async () => {
    const db = track(freshDb());
    const { ids } = sameBlock(2);
    await commitImport(
      batch([pupil(ids[0], { demo: true })], [pupilYear(ids[0], { 0: PRESENT })]),
      meta('Demo school'),
      db,
    );
    await commitImport(batch([pupil(ids[1])], [pupilYear(ids[1], { 0: UNAUTH })]), meta('real.csv'), db);
    expect(await deleteDemoData(db)).toBe(1);
    expect((await loadYear(Y, undefined, db)).map((y) => y.pupilId)).toEqual([ids[1]]);
    expect(await loadPupil(ids[0], undefined, db)).toBeUndefined();
    expect(await loadPupil(ids[1], undefined, db)).toEqual({ id: ids[1] });
  });

  it('loads one pupil’s years across school years from their blocks', async () => {
    const db = track(freshDb());
    await commitImport(
      batch(
        [pupil('A1'), pupil('P2')],
        [
          pupilYear('A1', { 0: PRESENT }, { startYear: Y - 1, yearGroup: '8' }),
          pupilYear('A1', { 1: ILL }, { yearGroup: '9' }),
          pupilYear('P2', { 2: UNAUTH }), // same block as A1
        ],
      ),
      meta('two-years.csv'),
      db,
    );
    const years = await loadPupilYears('A1', undefined, db);
    expect(years.map((y) => [y.startYear, y.yearGroup])).toEqual([
      [Y - 1, '8'],
      [Y, '9'],
    ]);
    expect(years[1].marks[1]).toBe(ILL);
    expect(years[1].marks[2]).toBe(0);
  });
});

describe('migration to blocks', () => {
  it('moves a version 2 database into blocks, keeping every record and the undo history', async () => {
    const name = `test-v2-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    const ids = Array.from({ length: 90 }, (_, i) => `P${i}`);
    await v2.table('pupils').bulkPut(ids.map((id) => ({ id, surname: `S-${id}` })));
    await v2
      .table('pupilYears')
      .bulkPut(
        ids.map((id, i) => ({ pupilId: id, startYear: Y, regGroup: '7A', marks: marks({ [i]: UNAUTH }) })),
      );
    await v2.table('pupilYears').put({ pupilId: 'P0', startYear: Y - 1, marks: marks({ 3: ILL }, Y - 1) });
    await v2.table('periodTotals').put(totals('P5', 'Autumn 1', 60));
    // An old record with its marks as a short plain array: migrated padded, as a read would restore it.
    await v2.table('pupilYears').put({ pupilId: 'Q1', startYear: Y, marks: [PRESENT] });
    // Import 1 added P0–P89; import 2 changed P1's slot 1 (from no mark) and added its totals row.
    await v2.table('imports').bulkPut([
      {
        id: 1,
        fileName: 'a.csv',
        layout: 'long',
        importedAt: '',
        dateRange: ['', ''],
        pupils: 90,
        years: [Y],
      },
      {
        id: 2,
        fileName: 'b.csv',
        layout: 'long',
        importedAt: '',
        dateRange: ['', ''],
        pupils: 1,
        years: [Y],
      },
    ]);
    await v2.table('undo').bulkAdd([
      { importId: 2, kind: 'pupils', keys: ['P1'], before: [{ id: 'P1', surname: 'S-P1' }] },
      {
        importId: 2,
        kind: 'years',
        startYear: Y,
        keys: ['P1'],
        existed: Uint8Array.of(1),
        attributes: [{ regGroup: '7A' }],
        marks: marks({}),
      },
    ]);
    v2.close();

    const db = track(new RadarDb(name));
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name)).not.toContain('pupilYears');
    expect(await db.yearBlocks.count()).toBeLessThanOrEqual(BUCKETS + 1);
    expect(await storageSummary(db)).toMatchObject({ pupils: 90, pupilYears: 92, periodTotals: 1 });
    const year = await loadYear(Y, undefined, db);
    expect(year.length).toBe(91);
    const q1 = year.find((y) => y.pupilId === 'Q1')!;
    expect([q1.marks.length, q1.marks[0]]).toEqual([SLOTS, PRESENT]);
    expect(year.find((y) => y.pupilId === 'P42')).toMatchObject({ regGroup: '7A' });
    expect(year.find((y) => y.pupilId === 'P42')!.marks[42]).toBe(UNAUTH);
    expect((await loadPupilYears('P0', undefined, db)).map((y) => y.startYear)).toEqual([Y - 1, Y]);
    expect(await loadPupil('P7', undefined, db)).toEqual({ id: 'P7', surname: 'S-P7' });
    expect(await loadTotals(Y, undefined, db)).toEqual([totals('P5', 'Autumn 1', 60)]);
    // The undo saved by version 2 still works on the blocks.
    await undoImport(2, db);
    const p1 = (await loadYear(Y, undefined, db)).find((y) => y.pupilId === 'P1')!;
    expect(p1.marks[1]).toBe(0);
    expect((await loadYear(Y, undefined, db)).find((y) => y.pupilId === 'P2')!.marks[2]).toBe(UNAUTH);
  });

  it('restores a backup written before blocks (one entry per pupil-year)', async () => {
    const db = track(freshDb());
    await commitImport(batch([pupil('Z9')], [pupilYear('Z9', { 0: PRESENT })]), meta('now.csv'), db);
    const payload = {
      schemaVersion: 2,
      createdAt: '2025-01-10T09:00:00.000Z',
      tables: {
        pupils: [{ id: 'A1', surname: 'Khan' }, { id: 'P2' }],
        pupilYears: [
          {
            pupilId: 'A1',
            startYear: Y,
            yearGroup: '10',
            marks: { $bytes: bytesToBase64(marks({ 5: ILL })), as: 'u8' },
          },
          { pupilId: 'P2', startYear: Y, marks: { $bytes: bytesToBase64(marks({ 6: UNAUTH })), as: 'u8' } },
        ],
        periodTotals: [totals('A1', 'Autumn 1', 60)],
        imports: [],
        interventions: [],
      },
    };
    const enc = new TextEncoder();
    const header = enc.encode(
      JSON.stringify({
        format: 'attendance-radar-backup',
        version: 1,
        createdAt: payload.createdAt,
        compression: 'none',
        encryption: null,
      }),
    );
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, header.length, true);
    const body = new Uint8Array([
      ...enc.encode('ARBACKUP'),
      ...len,
      ...header,
      ...enc.encode(JSON.stringify(payload)),
    ]);
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
    const result = await restoreBackup(new Blob([body, hash]), {}, db);
    expect(result.counts).toMatchObject({ pupils: 2, pupilYears: 2, periodTotals: 1 });
    expect(await loadPupil('Z9', undefined, db)).toBeUndefined(); // replaced, not merged
    const year = await loadYear(Y, undefined, db);
    expect(year.map((y) => y.pupilId)).toEqual(['A1', 'P2']); // same block (bucket 7)
    expect(year[0]).toMatchObject({ yearGroup: '10' });
    expect(year[0].marks[5]).toBe(ILL);
    expect(year[1].marks[6]).toBe(UNAUTH);
    expect(await loadTotals(Y, undefined, db)).toEqual([totals('A1', 'Autumn 1', 60)]);
  });
});
