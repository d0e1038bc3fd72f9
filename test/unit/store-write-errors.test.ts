/** Every refused write from the page reaches people in words: what failed, that nothing changed, the way out. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addIntervention, listInterventions } from '../../src/store/queries';
import { commitImport } from '../../src/store/registers';
import { undoImport } from '../../src/store/undo';
import { StoreError, explainWriteError, quotaMessage } from '../../src/store/errors';
import { OTHER_TAB_MESSAGE } from '../../src/store/generation';
import { PRESENT, batch, deleteAfterEach, freshDb, meta, pupil, pupilYear } from './store-fixtures';

const track = deleteAfterEach();
const full = () => {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};

describe('write failures in words', () => {
  it('a full disk while saving an action names the action and the ways out', async () => {
    const db = track(freshDb());
    db.interventions.hook('creating', full);
    const err = await addIntervention(
      { pupilId: 'A1', date: '2024-10-01', kind: 'letter-1', note: 'x' },
      db,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toBe(quotaMessage('save this action'));
    expect((err as Error).message).toMatch(
      /Nothing was changed\. To make room: export a backup .*remove the demo data/,
    );
    expect(await listInterventions(undefined, undefined, db)).toEqual([]);
  });

  it('an undo refused under a full disk says "undo this import", not "import this file"', async () => {
    const db = track(freshDb());
    const e = await commitImport(batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT })]), meta('a.csv'), db);
    db.imports.hook('updating', full);
    await expect(undoImport(e.id, db)).rejects.toThrow(quotaMessage('undo this import'));
  });

  it('an undo refused because a later import changed the same pupils names that import', async () => {
    const db = track(freshDb());
    const first = await commitImport(
      batch([pupil('A1')], [pupilYear('A1', { 0: PRESENT })]),
      meta('a.csv'),
      db,
    );
    await commitImport(batch([pupil('A1')], [pupilYear('A1', { 1: PRESENT })]), meta('b.csv'), db);
    const err = await undoImport(first.id, db).catch((e: unknown) => e);
    expect(explainWriteError(err, 'undo this import')).toBe(
      'Undo “b.csv” first: it was imported later and changed the same pupils.',
    );
  });

  it('explains the rest: another tab, a closed database, anything else', () => {
    expect(explainWriteError(new Error('x'), 'save this action', OTHER_TAB_MESSAGE)).toBe(OTHER_TAB_MESSAGE);
    expect(
      explainWriteError(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' }), 'save'),
    ).toMatch(/another tab.*Reload this tab/);
    expect(explainWriteError(new Error('Disk on fire.'), 'save this action')).toBe(
      'Could not save this action: Disk on fire. Nothing was changed.',
    );
    expect(explainWriteError({ name: 'QuotaExceededError' }, 'save this setting')).toBe(
      quotaMessage('save this setting'),
    );
  });
});
