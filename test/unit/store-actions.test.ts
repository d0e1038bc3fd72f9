import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, RadarDb, SCHEMA_V4 } from '../../src/store/db';
import { addIntervention, listInterventions } from '../../src/store/queries';
import { exportBackup, restoreBackup } from '../../src/store/backup';
import { deleteAfterEach, freshDb } from './store-fixtures';

const track = deleteAfterEach();

describe('actions as a case record (schema version 5)', () => {
  it('rewrites the five old kinds to the staged ones when a version 4 database opens', async () => {
    const name = `test-v4-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores(SCHEMA_V4);
    await v4.table('interventions').bulkAdd([
      { pupilId: 'A', date: '2024-10-01', kind: 'letter', note: 'sent home' },
      { pupilId: 'A', date: '2024-10-08', kind: 'meeting', note: '' },
      { pupilId: 'B', date: '2024-10-02', kind: 'mentor', note: 'Mr Ali weekly' },
      { pupilId: 'B', date: '2024-10-03', kind: 'referral', note: '' },
      { pupilId: 'C', date: '2024-10-04', kind: 'other', note: 'phoned' },
    ]);
    v4.close();

    const db = track(new RadarDb(name));
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    // Stored in the new form, not only read so: the raw records carry the new kinds.
    const raw = await db.interventions.orderBy('id').toArray();
    expect(raw.map((i) => [i.kind, i.note])).toEqual([
      ['letter-concern', 'sent home'],
      ['meeting', ''],
      ['support-plan', 'Mentor: Mr Ali weekly'],
      ['referral-la', ''],
      ['other', 'phoned'],
    ]);
    // Reading again does not prefix the mentor note twice.
    expect((await listInterventions('B', undefined, db))[0].note).toBe('Mentor: Mr Ali weekly');
    // The follow-up index answers the due list's question.
    expect(await db.interventions.where('followUp').below('9999').count()).toBe(0);
  });

  it('keeps owner, follow-up and outcome through a backup and restore; refuses or drops a follow-up that is not a date', async () => {
    const db = track(freshDb());
    await addIntervention(
      {
        pupilId: 'A',
        date: '2024-10-01',
        kind: 'letter-1',
        note: '',
        owner: 'JS',
        followUp: '2024-10-15',
        outcome: 'Mum called back',
      },
      db,
    );
    await expect(
      addIntervention(
        { pupilId: 'B', date: '2024-10-01', kind: 'penalty-notice', note: '', followUp: 'next week' },
        db,
      ),
    ).rejects.toThrow(/follow-up date/);
    // A record written by something else with a follow-up that is not a date: restored without it.
    await db.interventions.add({
      pupilId: 'B',
      date: '2024-10-01',
      kind: 'penalty-notice',
      note: '',
      followUp: 'next week',
    } as never);
    const file = await exportBackup(undefined, db);
    await db.interventions.clear();
    await restoreBackup(file, undefined, db);
    const list = await listInterventions(undefined, undefined, db);
    expect(list.find((i) => i.pupilId === 'A')).toMatchObject({
      kind: 'letter-1',
      owner: 'JS',
      followUp: '2024-10-15',
      outcome: 'Mum called back',
    });
    expect(list.find((i) => i.pupilId === 'B')!.followUp).toBeUndefined();
  });
});
