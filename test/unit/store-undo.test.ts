import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  abandonImport,
  beginImport,
  clearStaleStaging,
  commitImport,
  commitImportBatches,
  finishImport,
  stageChunk,
} from '../../src/store/registers';
import { deleteDemoData, undoImport } from '../../src/store/undo';
import {
  addIntervention,
  listImports,
  listInterventions,
  loadYear,
  saveRiskSnapshot,
  latestRiskSnapshot,
} from '../../src/store/queries';
import type { RadarDb } from '../../src/store/db';
import {
  ILL,
  PRESENT,
  SLOTS,
  UNAUTH,
  Y,
  batch,
  contents,
  freshDb,
  meta,
  pupil,
  pupilYear,
} from './store-fixtures';

let db: RadarDb;
afterEach(async () => {
  await db?.delete();
});

const totals = (pupilId: string, possible: number) => ({
  pupilId,
  startYear: Y,
  periodLabel: 'Autumn 1',
  from: '2024-09-02',
  to: '2024-10-18',
  possible,
  present: possible - 2,
  aea: 0,
  authorised: 1,
  unauthorised: 1,
});

describe('undoImport', () => {
  it('restores exactly the previous state: changed marks, new pupil-years, new pupils, details and totals', async () => {
    db = freshDb();
    await commitImport(
      batch(
        [pupil('A1', { surname: 'Old' })],
        [pupilYear('A1', { 0: PRESENT, 1: UNAUTH }, { regGroup: '7X' })],
        { totals: [totals('A1', 60)] },
      ),
      meta('first.csv'),
      db,
    );
    const before = await contents(db);
    const second = await commitImport(
      batch(
        [pupil('A1', { surname: 'New' }), pupil('B2')],
        [
          pupilYear('A1', { 1: ILL, 2: PRESENT }, { regGroup: '8X' }),
          pupilYear('B2', { 0: PRESENT }),
          pupilYear('A1', { 0: PRESENT }, { startYear: Y + 1 }),
        ],
        { totals: [totals('A1', 64), totals('B2', 70)] },
      ),
      meta('second.csv'),
      db,
    );
    expect(await contents(db)).not.toEqual(before);
    const undone = await undoImport(second.id, db);
    expect(undone.undone).toBe(true);
    expect(await contents(db)).toEqual(before);
    expect(await db.undo.where('importId').equals(second.id).count()).toBe(0);
    expect((await listImports(undefined, db))[0]).toMatchObject({ fileName: 'second.csv', undone: true });
    await expect(undoImport(second.id, db)).rejects.toThrow(/already been undone/);
  });

  it('refuses to undo an import while a later one touched the same pupils, and allows it once that is undone', async () => {
    db = freshDb();
    const a = await commitImport(batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT })]), meta('a.csv'), db);
    const b = await commitImport(batch([pupil('B2')], [pupilYear('B2', { 0: UNAUTH })]), meta('b.csv'), db);
    const c = await commitImport(batch([pupil('A1')], [pupilYear('A1', { 0: ILL })]), meta('c.csv'), db);
    await expect(undoImport(a.id, db)).rejects.toThrow(/Undo “c.csv” first/);
    await undoImport(c.id, db);
    expect((await loadYear(Y, undefined, db)).find((y) => y.pupilId === 'A1')!.marks[0]).toBe(PRESENT);
    // b touched other pupils only, so a can be undone while b stays.
    await undoImport(a.id, db);
    const year = await loadYear(Y, undefined, db);
    expect(year.map((y) => y.pupilId)).toEqual(['B2']);
    expect(year[0].marks[0]).toBe(UNAUTH);
    expect(b.undone).toBeUndefined();
  });
});

describe('multi-chunk imports', () => {
  const chunk = (from: number, n: number, mark: number) => {
    const ids = Array.from({ length: n }, (_, i) => `P${from + i}`);
    return batch(
      ids.map((id) => pupil(id)),
      ids.map((id) => pupilYear(id, { 0: mark, 1: mark })),
    );
  };

  it('changes nothing until finishImport, then applies every chunk as one import', async () => {
    db = freshDb();
    const id = await beginImport(meta('trust.csv'), db);
    await stageChunk(id, chunk(0, 30, PRESENT), db);
    await stageChunk(id, chunk(30, 30, UNAUTH), db);
    await stageChunk(id, batch([], [pupilYear('P0', { 2: ILL })]), db); // a later chunk touching an earlier pupil
    expect(await db.pupilYears.count()).toBe(0);
    const entry = await finishImport(id, { rowCounts: { read: 61, imported: 61, skipped: 0 } }, db);
    expect(entry).toMatchObject({ pupils: 60, rowCounts: { read: 61 } });
    expect(await db.pupilYears.count()).toBe(60);
    expect(await db.staging.count()).toBe(0);
    const p0 = await db.pupilYears.get(['P0', Y]);
    expect([...p0!.marks.slice(0, 3)]).toEqual([PRESENT, PRESENT, ILL]);
    // Undo records P0's state from before the import, not from between chunks.
    await undoImport(entry.id, db);
    expect(await db.pupilYears.count()).toBe(0);
  });

  it('commits batches in one transaction: later batches see earlier ones, undo restores the state before', async () => {
    db = freshDb();
    await commitImport(chunk(20, 20, ILL), meta('before.csv'), db); // P20–P39 already stored
    const before = await contents(db);
    const entry = await commitImportBatches(
      [
        chunk(0, 30, PRESENT), // P0–P29: new, and ten that merge with stored ones
        chunk(30, 30, UNAUTH),
        batch([pupil('P0', { surname: 'Adams' })], [pupilYear('P0', { 2: ILL })]), // P0 again, in a later batch
      ],
      meta('trust.csv'),
      db,
    );
    expect(entry.pupils).toBe(60);
    expect(await db.pupilYears.count()).toBe(60);
    const p0 = await db.pupilYears.get(['P0', Y]);
    expect([...p0!.marks.slice(0, 3)]).toEqual([PRESENT, PRESENT, ILL]);
    expect(await db.pupils.get('P0')).toEqual({ id: 'P0', surname: 'Adams' });
    const p25 = await db.pupilYears.get(['P25', Y]);
    expect([...p25!.marks.slice(0, 2)]).toEqual([PRESENT, PRESENT]); // the newer file's marks won
    await undoImport(entry.id, db);
    expect(await contents(db)).toEqual(before);
  });

  it('is all-or-nothing: a bad chunk aborts the whole import', async () => {
    db = freshDb();
    await commitImport(chunk(0, 5, ILL), meta('before.csv'), db);
    const before = await contents(db);
    const id = await beginImport(meta('trust.csv'), db);
    await stageChunk(id, chunk(0, 20, PRESENT), db);
    await stageChunk(id, batch([], [{ pupilId: 'P99', startYear: Y, marks: new Uint8Array(3) }]), db);
    await expect(finishImport(id, {}, db)).rejects.toThrow();
    expect(await contents(db)).toEqual(before);
    expect((await listImports(undefined, db)).length).toBe(1);
    await abandonImport(id, db);
    expect(await db.staging.count()).toBe(0);
  });

  it('rejects chunks for an unknown import and clears stale staging', async () => {
    db = freshDb();
    await expect(stageChunk('nope', chunk(0, 1, PRESENT), db)).rejects.toThrow(/not started/);
    const id = await beginImport(meta('left-open.csv'), db);
    await stageChunk(id, chunk(0, 2, PRESENT), db);
    expect(await clearStaleStaging(60_000, db)).toBe(0); // recent: another tab may still be importing
    expect(await clearStaleStaging(-1, db)).toBe(1);
    expect(await db.staging.count()).toBe(0);
  });
});

describe('deleteDemoData', () => {
  it('removes demo pupils with their years, totals, interventions, risk scores and undo records; keeps real pupils', async () => {
    db = freshDb();
    const demoImport = await commitImport(
      batch(
        [pupil('D1', { demo: true }), pupil('D2', { demo: true })],
        [pupilYear('D1', { 0: PRESENT }), pupilYear('D2', { 0: PRESENT }, { startYear: Y - 1 })],
        {
          totals: [totals('D1', 60)],
        },
      ),
      meta('Demo school'),
      db,
    );
    const real = await commitImport(
      batch([pupil('R1')], [pupilYear('R1', { 0: UNAUTH })], { totals: [totals('R1', 50)] }),
      meta('real.csv'),
      db,
    );
    await addIntervention({ pupilId: 'D1', date: '2024-10-01', kind: 'letter-1', note: '' }, db);
    await addIntervention({ pupilId: 'R1', date: '2024-10-02', kind: 'meeting', note: 'with parent' }, db);
    await saveRiskSnapshot({ asOf: '2024-10-18', pPa: { D1: 0.4, R1: 0.7 } }, db);

    expect(await deleteDemoData(db)).toBe(2);
    const left = await contents(db);
    expect(left.pupils.map((p) => p.id)).toEqual(['R1']);
    expect(left.pupilYears.map((y) => y.pupilId)).toEqual(['R1']);
    expect(left.periodTotals.map((t) => t.pupilId)).toEqual(['R1']);
    expect((await listInterventions(undefined, undefined, db)).map((i) => i.pupilId)).toEqual(['R1']);
    expect((await latestRiskSnapshot(undefined, db))!.pPa).toEqual({ R1: 0.7 });
    expect((await listImports(undefined, db)).map((e) => e.id)).toEqual([real.id]);
    expect(await db.undo.where('importId').equals(demoImport.id).count()).toBe(0);
    expect(SLOTS).toBeGreaterThan(0);
  });
});
