/**
 * Two tabs = two connections to one database. A restore, a demo removal or a deletion in one stops the other from
 * writing (inside its write transactions, whole), so nothing is re-created or merged behind the user's back.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { RadarDb } from '../../src/store/db';
import { commitImport } from '../../src/store/registers';
import { addIntervention, setSetting } from '../../src/store/queries';
import { exportBackup, restoreBackup } from '../../src/store/backup';
import { deleteDemoData } from '../../src/store/undo';
import { wipeAllData } from '../../src/store/safety';
import { OTHER_TAB_MESSAGE } from '../../src/store/generation';
import { PRESENT, batch, contents, deleteAfterEach, meta, pupil, pupilYear } from './store-fixtures';

const track = deleteAfterEach();

async function twoTabs(): Promise<[RadarDb, RadarDb]> {
  const name = `tabs-${crypto.randomUUID()}`;
  const a = track(new RadarDb(name));
  const b = new RadarDb(name);
  await commitImport(
    batch(
      [pupil('A1'), pupil('D1', { demo: true })],
      [pupilYear('A1', { 0: PRESENT }), pupilYear('D1', { 1: PRESENT })],
    ),
    meta('first.csv'),
    a,
  );
  await b.open();
  return [a, b];
}

const action = { pupilId: 'A1', date: '2024-10-01', kind: 'letter-1', note: 'Letter home' } as const;

describe('another tab stops writing', () => {
  it('after a restore: its action and its import are refused whole, with the reason; this tab writes on', async () => {
    const [a, b] = await twoTabs();
    await restoreBackup(await exportBackup({}, a), {}, a);
    const after = await contents(a);
    await expect(addIntervention(action, b)).rejects.toThrow();
    expect(b.generation.stale).toBe(OTHER_TAB_MESSAGE);
    await expect(
      commitImport(batch([pupil('B9')], [pupilYear('B9', { 0: PRESENT })]), meta('late.csv'), b),
    ).rejects.toThrow(OTHER_TAB_MESSAGE);
    await expect(setSetting('x', 1, b)).rejects.toThrow(OTHER_TAB_MESSAGE);
    expect(await contents(a)).toEqual(after);
    // The restoring tab itself carries on.
    await addIntervention(action, a);
    expect((await contents(a)).interventions).toHaveLength(1);
    b.close();
  });

  it('after a demo removal', async () => {
    const [a, b] = await twoTabs();
    expect(await deleteDemoData(a)).toBe(1);
    await expect(addIntervention({ ...action, pupilId: 'D1' }, b)).rejects.toThrow();
    expect((await contents(a)).interventions).toEqual([]);
    b.close();
  });

  it('after "Delete all data": the other tab neither writes nor re-creates the database', async () => {
    const [a, b] = await twoTabs();
    const stale: string[] = [];
    b.onStoreEvent((e) => stale.push(e.message));
    await wipeAllData(a);
    a.close();
    await expect(addIntervention(action, b)).rejects.toThrow();
    await expect(
      commitImport(batch([pupil('B9')], [pupilYear('B9', { 0: PRESENT })]), meta('late.csv'), b),
    ).rejects.toThrow();
    expect(await Dexie.exists(a.name)).toBe(false);
    expect(stale[0]).toMatch(/deleted in another tab/);
  });

  it('a tab that opened after the restore writes as usual', async () => {
    const [a, b] = await twoTabs();
    b.close();
    await restoreBackup(await exportBackup({}, a), {}, a);
    const c = new RadarDb(a.name);
    await addIntervention(action, c);
    expect((await contents(a)).interventions).toHaveLength(1);
    c.close();
  });
});
