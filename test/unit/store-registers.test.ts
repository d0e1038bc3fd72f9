import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../src/store/registers';
import {
  listImports,
  loadPupil,
  loadPupils,
  loadYear,
  listYears,
  loadTotals,
  storageSummary,
} from '../../src/store/queries';
import type { RadarDb } from '../../src/store/db';
import {
  ILL,
  LATE,
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
} from './store-fixtures';

let db: RadarDb;
afterEach(async () => {
  await db?.delete();
});

describe('commitImport', () => {
  it('writes pupils, pupil-years and totals that read back unchanged', async () => {
    db = freshDb();
    const entry = await commitImport(
      batch(
        [pupil('A1', { surname: 'Khan', fsm: true }), pupil('B2', { sen: 'ehcp' })],
        [pupilYear('A1', { 0: PRESENT, 1: ILL }, { yearGroup: '9' }), pupilYear('B2', { 5: UNAUTH })],
        {
          totals: [
            {
              pupilId: 'A1',
              startYear: Y,
              periodLabel: 'Autumn 1',
              from: '2024-09-02',
              to: '2024-10-18',
              possible: 70,
              present: 66,
              aea: 0,
              authorised: 3,
              unauthorised: 1,
            },
          ],
        },
      ),
      meta('autumn.csv'),
      db,
    );
    expect(entry).toMatchObject({ fileName: 'autumn.csv', pupils: 2, years: [Y] });
    expect(typeof entry.id).toBe('number');
    expect(await listYears(db)).toEqual([Y]);
    const year = await loadYear(Y, undefined, db);
    expect(year.map((y) => y.pupilId).sort()).toEqual(['A1', 'B2']);
    const a1 = year.find((y) => y.pupilId === 'A1')!;
    expect(a1.yearGroup).toBe('9');
    expect(a1.marks).toBeInstanceOf(Uint8Array);
    expect(a1.marks.length).toBe(SLOTS);
    expect([...a1.marks.slice(0, 3)]).toEqual([PRESENT, ILL, 0]);
    expect(await loadPupil('A1', undefined, db)).toEqual({ id: 'A1', surname: 'Khan', fsm: true });
    expect((await loadPupils(undefined, db)).length).toBe(2);
    expect((await loadTotals(Y, undefined, db))[0]).toMatchObject({
      pupilId: 'A1',
      possible: 70,
      unauthorised: 1,
    });
    expect(await storageSummary(db)).toMatchObject({ pupils: 2, pupilYears: 2, periodTotals: 1, imports: 1 });
  });

  it('is idempotent: the same file twice gives the same state, and the log records both', async () => {
    db = freshDb();
    const file = () =>
      batch([pupil('A1', { forename: 'Ada' })], [pupilYear('A1', { 0: PRESENT, 3: UNAUTH })]);
    await commitImport(file(), meta('week1.csv'), db);
    const once = await contents(db);
    await commitImport(file(), meta('week1.csv'), db);
    expect(await contents(db)).toEqual(once);
    const log = await listImports(undefined, db);
    expect(log.map((e) => e.fileName)).toEqual(['week1.csv', 'week1.csv']);
    expect(log[0].id).toBeGreaterThan(log[1].id); // newest first
  });

  it('lets the newer mark win where files overlap and keeps marks the newer file did not cover', async () => {
    db = freshDb();
    await commitImport(
      batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT, 1: PRESENT, 2: UNAUTH, 3: PRESENT })]),
      meta('first.csv'),
      db,
    );
    // The second file covers slots 2..5 only; it corrects slot 2 and clears slot 3 (mark removed in the MIS).
    const covered = new Uint8Array(SLOTS);
    covered.fill(1, 2, 6);
    await commitImport(
      batch([pupil('A1')], [pupilYear('A1', { 2: ILL, 4: LATE })], { coveredSlots: { [Y]: covered } }),
      meta('second.csv'),
      db,
    );
    const [a1] = await loadYear(Y, undefined, db);
    expect([...a1.marks.slice(0, 6)]).toEqual([PRESENT, PRESENT, ILL, 0, LATE, 0]);
  });

  it('without coverage, only the newer file’s marks overwrite; its blanks keep the old marks', async () => {
    db = freshDb();
    await commitImport(batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT, 1: UNAUTH })]), meta('a.csv'), db);
    await commitImport(batch([pupil('A1')], [pupilYear('A1', { 1: ILL, 2: PRESENT })]), meta('b.csv'), db);
    const [a1] = await loadYear(Y, undefined, db);
    expect([...a1.marks.slice(0, 4)]).toEqual([PRESENT, ILL, PRESENT, 0]);
  });

  it('accepts coverage as a bitmask', async () => {
    db = freshDb();
    await commitImport(
      batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT, 9: PRESENT })]),
      meta('a.csv'),
      db,
    );
    const bits = new Uint8Array(Math.ceil(SLOTS / 8));
    bits[1] = 0b0000_0010; // slot 9 only
    await commitImport(batch([], [pupilYear('A1', {})], { coveredSlots: { [Y]: bits } }), meta('b.csv'), db);
    const [a1] = await loadYear(Y, undefined, db);
    expect(a1.marks[0]).toBe(PRESENT);
    expect(a1.marks[9]).toBe(0);
  });

  it('merges pupil details: newer non-empty values win, missing ones keep the old', async () => {
    db = freshDb();
    await commitImport(
      batch([pupil('A1', { forename: 'Ada', surname: 'Lovelace', fsm: false })], []),
      meta('a.csv'),
      db,
    );
    await commitImport(
      batch([pupil('A1', { surname: 'King', forename: '', fsm: true })], []),
      meta('b.csv'),
      db,
    );
    expect(await loadPupil('A1', undefined, db)).toEqual({
      id: 'A1',
      forename: 'Ada',
      surname: 'King',
      fsm: true,
    });
  });

  it('merges two rows for the same pupil-year within one file', async () => {
    db = freshDb();
    await commitImport(
      batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT }), pupilYear('A1', { 1: ILL })]),
      meta('a.csv'),
      db,
    );
    const [a1] = await loadYear(Y, undefined, db);
    expect([...a1.marks.slice(0, 2)]).toEqual([PRESENT, ILL]);
  });

  it('stores a copy of the marks, not a view of the caller’s buffer', async () => {
    db = freshDb();
    const big = new Uint8Array(SLOTS * 3);
    big[SLOTS + 4] = UNAUTH;
    const view = big.subarray(SLOTS, SLOTS * 2);
    await commitImport(
      batch([pupil('A1')], [{ pupilId: 'A1', startYear: Y, marks: view }]),
      meta('a.csv'),
      db,
    );
    const raw = await db.pupilYears.get(['A1', Y]);
    expect(raw!.marks.buffer.byteLength).toBe(SLOTS);
    expect(raw!.marks[4]).toBe(UNAUTH);
  });

  it('rejects marks of the wrong length and changes nothing', async () => {
    db = freshDb();
    await commitImport(batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT })]), meta('a.csv'), db);
    const before = await contents(db);
    const bad = { pupilId: 'B2', startYear: Y, marks: marks({}).slice(0, 10) };
    await expect(commitImport(batch([pupil('B2')], [bad]), meta('bad.csv'), db)).rejects.toThrow(
      /expected 520/,
    );
    expect(await contents(db)).toEqual(before);
    expect((await listImports(undefined, db)).length).toBe(1);
  });

  it('writes 1,500 pupils × a full year in bulk', async () => {
    db = freshDb();
    const years = Array.from({ length: 1500 }, (_, i) => {
      const m = new Uint8Array(SLOTS).fill(PRESENT);
      m[i % SLOTS] = UNAUTH;
      return { pupilId: `P${i}`, startYear: Y, marks: m };
    });
    const entry = await commitImport(
      batch(
        years.map((y) => pupil(y.pupilId)),
        years,
      ),
      meta('school.csv'),
      db,
    );
    expect(entry.pupils).toBe(1500);
    const loaded = await loadYear(Y, undefined, db);
    expect(loaded.length).toBe(1500);
    const p7 = loaded.find((y) => y.pupilId === 'P7')!;
    expect(p7.marks[7]).toBe(UNAUTH);
    expect(p7.marks[8]).toBe(PRESENT);
    // Undo keeps previous state in blocks, not one record per pupil-year.
    expect(await db.undo.count()).toBe(3 + 3);
  });
});
