import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteModel,
  getMapping,
  getSetting,
  latestRiskSnapshot,
  listModels,
  listRiskSnapshots,
  loadModel,
  readProblems,
  loadPupils,
  saveModel,
  saveRiskSnapshot,
  setMapping,
  setSetting,
} from '../../src/store/queries';
import type { RadarDb } from '../../src/store/db';
import { freshDb } from './store-fixtures';

let db: RadarDb;
afterEach(async () => {
  await db?.delete();
});

describe('risk snapshots', () => {
  it('finds the latest snapshot and the one before it, for “newly at risk since the last import”', async () => {
    db = freshDb();
    expect(await latestRiskSnapshot(undefined, db)).toBeUndefined();
    const first = await saveRiskSnapshot({ asOf: '2024-10-18', importId: 1, pPa: { A: 0.1, B: 0.6 } }, db);
    const second = await saveRiskSnapshot({ asOf: '2024-12-20', importId: 2, pPa: { A: 0.5, B: 0.7 } }, db);
    expect((await latestRiskSnapshot(undefined, db))!.id).toBe(second.id);
    expect(await latestRiskSnapshot(second.id, db)).toMatchObject({ id: first.id, pPa: { A: 0.1, B: 0.6 } });
    expect((await listRiskSnapshots(db)).map((s) => s.asOf)).toEqual(['2024-10-18', '2024-12-20']);
    expect(await listRiskSnapshots(db)).not.toContainEqual(
      expect.objectContaining({ pPa: expect.anything() }),
    );
  });
});

describe('models, settings and mappings', () => {
  it('joins several weight buffers into one and deletes models', async () => {
    db = freshDb();
    const w1 = new Float32Array([1, 2]).buffer;
    const w2 = new Float32Array([3]).buffer;
    const specs = [
      { name: 'a', shape: [2], dtype: 'float32' },
      { name: 'b', shape: [1], dtype: 'float32' },
    ];
    await saveModel(
      'm',
      { modelTopology: { k: 1 }, weightSpecs: specs, weightData: [w1, w2] },
      { version: 3 },
      db,
    );
    const m = await loadModel('m', db);
    expect([...new Float32Array(m!.artifacts.weightData)]).toEqual([1, 2, 3]);
    expect((await listModels(db)).map((x) => [x.id, x.meta.version])).toEqual([['m', 3]]);
    await deleteModel('m', db);
    expect(await loadModel('m', db)).toBeUndefined();
  });

  it('returns the fallback for unset settings and the latest value otherwise; mappings are replaced by signature', async () => {
    db = freshDb();
    expect(await getSetting('chosenModel', 'shipped', db)).toBe('shipped');
    await setSetting('chosenModel', 'school-2024', db);
    expect(await getSetting('chosenModel', 'shipped', db)).toBe('school-2024');
    await setMapping({ signature: 's', layout: 'wide', columns: { upn: 'UPN' } }, db);
    await setMapping({ signature: 's', layout: 'wide', columns: { upn: 'Pupil UPN' } }, db);
    expect((await getMapping('s', db))!.columns).toEqual({ upn: 'Pupil UPN' });
    expect(await getMapping('other', db)).toBeUndefined();
  });

  it('skips unreadable records and reports them through readProblems()', async () => {
    db = freshDb();
    readProblems();
    await db.pupilBlocks.put({ bucket: 0, n: 2, pupils: [{ id: 'A' }, { id: '  ' }] });
    expect((await loadPupils(undefined, db)).map((p) => p.id)).toEqual(['A']);
    expect(readProblems()).toEqual([
      { table: 'pupils', key: '?', message: 'a pupil without an id was skipped' },
    ]);
    expect(readProblems()).toEqual([]);
  });
});
