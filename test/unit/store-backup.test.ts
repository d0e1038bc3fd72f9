import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../src/store/registers';
import {
  addIntervention,
  getMapping,
  loadModel,
  saveModel,
  saveRiskSnapshot,
  setMapping,
  setSetting,
  storageSummary,
} from '../../src/store/queries';
import { BACKUP_MESSAGES, exportBackup, restoreBackup } from '../../src/store/backup';
import { wipeAllData } from '../../src/store/safety';
import type { RadarDb } from '../../src/store/db';
import { GENERATION_KEY } from '../../src/store/generation';
import { ILL, PRESENT, UNAUTH, Y, batch, freshDb, meta, pupil, pupilYear } from './store-fixtures';

let db: RadarDb;
afterEach(async () => {
  await db?.delete();
});

async function fill(target: RadarDb) {
  await commitImport(
    batch(
      [pupil('A1', { surname: 'Khan', fsm: true, sen: 'support' }), pupil('B2', { demo: true })],
      [
        pupilYear('A1', { 0: PRESENT, 1: ILL, 519: UNAUTH }, { yearGroup: '10' }),
        pupilYear('B2', { 4: UNAUTH }, { startYear: Y - 1 }),
      ],
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
            aea: 1,
            authorised: 2,
            unauthorised: 1,
            lates: 3,
          },
        ],
      },
    ),
    meta('autumn.csv'),
    target,
  );
  await addIntervention(
    { pupilId: 'A1', date: '2024-10-01', kind: 'letter-1', note: 'First letter' },
    target,
  );
  await setSetting('calendarOverrides', { closures: ['2024-12-20'] }, target);
  await setMapping(
    { signature: 'upn|date|am|pm', layout: 'long', columns: { upn: 'UPN', date: 'Date' } },
    target,
  );
  await saveModel(
    'school-2024',
    {
      modelTopology: { layers: [1, 2] },
      weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
      weightData: new Float32Array([0.5, -1]).buffer,
    },
    { auc: 0.8 },
    target,
  );
  await saveRiskSnapshot({ asOf: '2024-10-18', pPa: { A1: 0.42 } }, target);
}

/** Every table a backup carries, raw, sorted by key. */
async function everything(target: RadarDb) {
  const names = [
    'pupils',
    'pupilYears',
    'periodTotals',
    'imports',
    'mappings',
    'interventions',
    'settings',
    'models',
    'riskSnapshots',
  ];
  const out: Record<string, unknown[]> = {};
  const views: Record<string, { toArray(): Promise<unknown[]> }> = {
    pupils: target.pupils,
    pupilYears: target.pupilYears,
    periodTotals: target.periodTotals,
  };
  // toArray is in primary-key order (per-record views: block order, pupils sorted within a block)
  for (const n of names) out[n] = await (views[n] ?? target.table(n)).toArray();
  // A restore moves the data's generation on (store/generation.ts): bookkeeping, never carried by a backup.
  out.settings = (out.settings as { key: string }[]).filter((s) => s.key !== GENERATION_KEY);
  return out;
}

describe('backup and restore', () => {
  it('round-trips everything, marks and model weights included (no passphrase)', async () => {
    db = freshDb();
    await fill(db);
    const before = await everything(db);
    const file = await exportBackup({}, db);
    expect(file.size).toBeGreaterThan(100);
    await wipeAllData(db);
    expect((await storageSummary(db)).pupils).toBe(0);
    const result = await restoreBackup(file, {}, db);
    expect(result.counts).toMatchObject({
      pupils: 2,
      pupilYears: 2,
      periodTotals: 1,
      imports: 1,
      interventions: 1,
      models: 1,
    });
    expect(result.problems).toEqual([]);
    expect(await everything(db)).toEqual(before);
    const year = await db.pupilYears.get(['A1', Y]);
    expect(year!.marks).toBeInstanceOf(Uint8Array);
    expect(year!.marks[519]).toBe(UNAUTH);
    const model = await loadModel('school-2024', db);
    expect([...new Float32Array(model!.artifacts.weightData)]).toEqual([0.5, -1]);
    expect((await getMapping('upn|date|am|pm', db))!.columns).toEqual({ upn: 'UPN', date: 'Date' });
  });

  it('round-trips with a passphrase, records the encryption in clear, and rejects a wrong passphrase without changing anything', async () => {
    db = freshDb();
    await fill(db);
    const file = await exportBackup({ passphrase: 'correct horse battery staple' }, db);
    const text = new TextDecoder().decode(new Uint8Array(await file.arrayBuffer()).subarray(0, 400));
    expect(text).toContain('"algorithm":"AES-GCM"');
    expect(text).toContain('"iterations":600000');
    expect(text).not.toContain('Khan');
    const before = await everything(db);
    await expect(restoreBackup(file, { passphrase: 'wrong' }, db)).rejects.toThrow(
      /The passphrase is wrong or the file is damaged/,
    );
    await expect(restoreBackup(file, {}, db)).rejects.toThrow(BACKUP_MESSAGES.needsPassphrase);
    expect(await everything(db)).toEqual(before);
    await db.pupilBlocks.clear(); // then a real restore puts it back
    await restoreBackup(file, { passphrase: 'correct horse battery staple' }, db);
    expect(await everything(db)).toEqual(before);
  });

  it('rejects a flipped byte anywhere, a truncated file and a foreign file, leaving the store untouched', async () => {
    db = freshDb();
    await fill(db);
    const bytes = new Uint8Array(await (await exportBackup({}, db)).arrayBuffer());
    await db.interventions.clear(); // the store now differs from the backup: a wrongful restore would show
    const before = await everything(db);
    for (const at of [10, 14, Math.floor(bytes.length / 2), bytes.length - 40, bytes.length - 1]) {
      const damaged = bytes.slice();
      damaged[at] ^= 0x01;
      await expect(restoreBackup(new Blob([damaged]), {}, db), `byte ${at}`).rejects.toThrow(
        /damaged|not an Attendance Radar backup/,
      );
    }
    await expect(restoreBackup(new Blob([bytes.slice(0, bytes.length - 100)]), {}, db)).rejects.toThrow(
      BACKUP_MESSAGES.damaged,
    );
    await expect(restoreBackup(new Blob(['upn,date\n1,2']), {}, db)).rejects.toThrow(
      BACKUP_MESSAGES.notBackup,
    );
    expect(await everything(db)).toEqual(before);
  });

  it('refuses a backup from a newer version', async () => {
    db = freshDb();
    const bytes = new Uint8Array(await (await exportBackup({}, db)).arrayBuffer());
    // Rewrite the header's version and re-seal, as a future app would write it.
    const len = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len)));
    header.version = 99;
    const newHeader = new TextEncoder().encode(JSON.stringify(header));
    const lenBytes = new Uint8Array(4);
    new DataView(lenBytes.buffer).setUint32(0, newHeader.length, true);
    const body = new Uint8Array([
      ...bytes.subarray(0, 8),
      ...lenBytes,
      ...newHeader,
      ...bytes.subarray(12 + len, bytes.length - 32),
    ]);
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
    await expect(restoreBackup(new Blob([body, hash]), {}, db)).rejects.toThrow(BACKUP_MESSAGES.newer);
  });
});

describe('wipeAllData', () => {
  it('deletes the database, the caches and the app’s own storage keys only', async () => {
    db = freshDb();
    await fill(db);
    const store = new Map<string, string>([
      ['attendance-radar:lastTab', 'x'],
      ['other-app', 'keep'],
    ]);
    const fakeStorage = {
      get length() {
        return store.size;
      },
      key: (i: number) => [...store.keys()][i] ?? null,
      removeItem: (k: string) => void store.delete(k),
    };
    const cacheNames = new Set(['workbox-precache-v2', 'runtime']);
    const g = globalThis as Record<string, unknown>;
    g.localStorage = fakeStorage;
    g.caches = { keys: async () => [...cacheNames], delete: async (k: string) => cacheNames.delete(k) };
    try {
      await wipeAllData(db);
    } finally {
      delete g.localStorage;
      delete g.caches;
    }
    expect([...store.keys()]).toEqual(['other-app']);
    expect(cacheNames.size).toBe(0);
    expect(await indexedDB.databases()).not.toContainEqual(expect.objectContaining({ name: db.name }));
    // The app keeps working: the database reopens empty.
    expect(await storageSummary(db)).toMatchObject({ pupils: 0, pupilYears: 0, interventions: 0 });
  });
});
