/**
 * A restore or a demo removal never destroys data: the confirmation can show both sides, a safety copy is kept in a
 * database of its own, and the imports-log line it adds undoes it exactly (and that undo can be undone in turn).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/store/registers';
import { addIntervention, listImports } from '../../src/store/queries';
import { exportBackup } from '../../src/store/backup';
import {
  checkBackup,
  describeStore,
  removeDemoKeepingCopy,
  restoreChecked,
  safetyDbOf,
  undoReplacement,
} from '../../src/store/replace';
import { wipeAllData } from '../../src/store/safety';
import {
  ILL,
  PRESENT,
  batch,
  contents,
  deleteAfterEach,
  freshDb,
  meta,
  pupil,
  pupilYear,
} from './store-fixtures';

const track = deleteAfterEach();

async function school(upnSchool: string, n: number, demo = false) {
  const db = track(freshDb());
  const pupils = Array.from({ length: n }, (_, k) =>
    pupil(`A938${upnSchool}24${String(k).padStart(3, '0')}`, {
      upn: `A938${upnSchool}24${String(k).padStart(3, '0')}`,
      demo,
    }),
  );
  await commitImport(
    batch(
      pupils,
      pupils.map((p, k) => pupilYear(p.id, { 0: k % 2 ? PRESENT : ILL })),
    ),
    meta(`${upnSchool}.csv`),
    db,
  );
  await addIntervention(
    { pupilId: pupils[0].id, date: '2024-10-01', kind: 'letter-1', note: 'Letter home' },
    db,
  );
  return db;
}

describe('restore keeps a safety copy and can be undone', () => {
  it('shows both sides, replaces, and the log line puts back exactly what was here', async () => {
    const here = await school('4123', 5);
    const other = await school('7777', 3);
    const file = await exportBackup({}, other);
    const before = await contents(here);

    const checked = await checkBackup(file, 'other.arbackup');
    expect(checked.picture).toMatchObject({
      school: 'LA 938, school 7777',
      pupils: 3,
      actions: 1,
      imports: 1,
    });
    expect(await describeStore(here)).toMatchObject({
      school: 'LA 938, school 4123',
      pupils: 5,
      actions: 1,
      from: '2024-09-02',
      to: '2024-10-18',
      years: [2024],
    });
    // Checking wrote nothing.
    expect(await contents(here)).toEqual(before);

    await restoreChecked(checked, here);
    expect((await contents(here)).pupils.map((p) => p.id)).toEqual(
      (await contents(other)).pupils.map((p) => p.id),
    );
    const log = await listImports(undefined, here);
    const line = log.find((e) => e.kind === 'restore')!;
    expect(line.fileName).toBe('Restored backup other.arbackup');
    expect(await safetyDbOf(here).copies.count()).toBe(1);

    await undoReplacement(line, here);
    expect(await contents(here)).toEqual(before);
    // The undo is logged too, and can itself be undone.
    const undo = (await listImports(undefined, here)).find((e) => e.kind === 'restore')!;
    expect(undo.fileName).toBe('Undid the restore (Restored backup other.arbackup)');
    await undoReplacement(undo, here);
    expect((await contents(here)).pupils).toHaveLength(3);
  });

  it('restoring into an empty store keeps no copy and logs nothing extra', async () => {
    const empty = track(freshDb());
    const other = await school('7777', 2);
    await restoreChecked(await checkBackup(await exportBackup({}, other), 'b.arbackup'), empty);
    expect((await listImports(undefined, empty)).filter((e) => e.kind)).toEqual([]);
    expect(await safetyDbOf(empty).copies.count()).toBe(0);
  });

  it('keeps only the newest three copies, and says so when an older one is asked for', async () => {
    const here = await school('4123', 2);
    const file = await exportBackup({}, await school('7777', 1));
    for (let k = 0; k < 4; k++) await restoreChecked(await checkBackup(file, `b${k}.arbackup`), here);
    expect(await safetyDbOf(here).copies.count()).toBe(3);
    const gone = {
      ...(await listImports(undefined, here)).find((e) => e.kind)!,
      safetyCopy: 'not-kept',
    };
    await expect(undoReplacement(gone, here)).rejects.toThrow(/can no longer be undone.*Nothing was changed/);
  });

  it('removing demo data beside a real school keeps a copy; undo brings the demo pupils back', async () => {
    const here = await school('4123', 3);
    const demo = await school('9999', 2, true);
    const demoPupils = (await contents(demo)).pupils;
    await commitImport(
      batch(
        demoPupils,
        demoPupils.map((p) => pupilYear(p.id, { 2: PRESENT })),
      ),
      meta('demo'),
      here,
    );
    const before = await contents(here);
    expect(await removeDemoKeepingCopy(here)).toBe(2);
    expect((await contents(here)).pupils).toHaveLength(3);
    const line = (await listImports(undefined, here)).find((e) => e.kind === 'demo-removal')!;
    await undoReplacement(line, here);
    expect(await contents(here)).toEqual(before);
  });

  it('"Delete all data" deletes the safety copies too', async () => {
    const here = await school('4123', 2);
    await restoreChecked(
      await checkBackup(await exportBackup({}, await school('7777', 1)), 'b.arbackup'),
      here,
    );
    expect(await safetyDbOf(here).copies.count()).toBe(1);
    await wipeAllData(here);
    expect(await safetyDbOf(here).copies.count()).toBe(0);
  });
});
