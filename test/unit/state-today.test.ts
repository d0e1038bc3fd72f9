import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { app } from '../../src/state/app.svelte';
import { actions } from '../../src/state/actions.svelte';
import { today } from '../../src/state/today.svelte';
import { router } from '../../src/state/router.svelte';
import { PUPILS, YEARS } from './views-fixture';

// The rune classes over the real store (fake IndexedDB): a letter run records one action per pupil, and the case
// records, the due list and today's list follow the as-of date.
vi.spyOn(console, 'warn').mockImplementation(() => {}); // no model worker in Node: the register rule is used

describe("today's state over the store", () => {
  it('records a letter for several pupils in one step; the follow-up is due from its date, as of any date', async () => {
    app.setSchool(PUPILS, YEARS); // as of Fri 11 Oct 2024
    expect(today.rows.map((r) => r.w.row.id).sort()).toEqual(['B', 'C', 'D']);

    app.setAsOf('2024-09-27');
    expect(app.pastView).toBe(true);
    const n = await actions.recordMany(
      ['B', 'C'].map((pupilId) => ({
        pupilId,
        date: app.school!.asOf,
        kind: 'letter-1' as const,
        note: '',
        owner: 'JS',
        followUp: '2024-10-04',
      })),
    );
    expect(n).toBe(2);
    expect(app.notice).toBe('Recorded letter: stage 1 for 2 pupils.');
    expect(actions.due).toEqual([]);

    app.setAsOf('2024-10-04');
    expect(actions.due.map((d) => d.pupilId)).toEqual(['B', 'C']);
    const dueRows = today.rows.filter((r) => r.reasons.includes('follow-up-due'));
    expect(dueRows.map((r) => r.w.row.id).sort()).toEqual(['B', 'C']);
    expect(today.options.owners).toEqual(['JS']);

    // Before the letters were sent, they are not known: the as-of date hides later actions.
    app.setAsOf('2024-09-26');
    expect(actions.records.size).toBe(0);
    app.setAsOf(null);
    expect(app.pastView).toBe(false);
    expect(router.asOf).toBeNull();
  });
});
