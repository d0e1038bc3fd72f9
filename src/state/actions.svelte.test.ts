/**
 * ActionsState over the real store (fake IndexedDB): what is recorded, deleted, put back or given an outcome is
 * what the store then holds, the case records follow, and a refused write leaves the list as it was.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionsState } from './actions.svelte';
import { app } from './app.svelte';
import * as backend from './backend';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';

vi.spyOn(console, 'warn').mockImplementation(() => {}); // no model worker in Node: the register rule is used

const stored = () => backend.listInterventions();

beforeEach(async () => {
  for (const i of await stored()) await backend.deleteIntervention(i.id);
  app.interventions = [];
  app.writeError = null;
  app.setSchool(PUPILS, YEARS); // as of Fri 11 Oct 2024
});

describe('ActionsState', () => {
  it("records an action: stored, in the pupil's case record with its stage, owner and follow-up", async () => {
    const actions = new ActionsState();
    await actions.record({
      pupilId: 'C',
      date: '2024-10-08',
      kind: 'letter-1',
      note: 'posted',
      owner: 'JS',
      followUp: '2024-10-11',
    });
    expect((await stored()).map((i) => [i.pupilId, i.kind, i.owner])).toEqual([['C', 'letter-1', 'JS']]);
    expect(app.notice).toBe('Recorded letter: stage 1 on 2024-10-08.');
    const c = actions.records.get('C')!;
    expect(c.stage).toBe('support');
    expect(c.owner).toBe('JS');
    expect(c.due).toBe(true); // follow-up on the as-of date
    expect(actions.due.map((d) => d.pupilId)).toEqual(['C']);
  });

  it('refuses an action the store cannot take, says why in view, and keeps the list as it was', async () => {
    const actions = new ActionsState();
    await expect(
      actions.record({ pupilId: 'C', date: '8 Oct', kind: 'letter-1', note: '' }),
    ).rejects.toThrow();
    expect(app.writeError).toBeTruthy();
    expect(await stored()).toEqual([]);
    expect(actions.records.size).toBe(0);
  });

  it('deletes an action and undoes the delete with everything it held', async () => {
    const actions = new ActionsState();
    await actions.record({
      pupilId: 'B',
      date: '2024-10-01',
      kind: 'first-day-call',
      note: 'mum',
      owner: 'AK',
    });
    await actions.record({
      pupilId: 'B',
      date: '2024-10-09',
      kind: 'meeting',
      note: '',
      followUp: '2024-10-18',
    });
    const meeting = (await stored()).find((i) => i.kind === 'meeting')!;
    await actions.setOutcome(meeting.id, 'agreed a plan');

    await actions.remove(meeting.id);
    expect((await stored()).map((i) => i.kind)).toEqual(['first-day-call']);
    expect(actions.records.get('B')!.latest!.kind).toBe('first-day-call');
    expect(actions.deleted?.kind).toBe('meeting');
    expect(app.notice).toContain('Undo puts it back');

    await actions.undoDelete();
    const back = (await stored()).find((i) => i.kind === 'meeting')!;
    const { id: _old, ...was } = meeting;
    const { id: _new, ...now } = back;
    expect(now).toEqual({ ...was, outcome: 'agreed a plan' });
    expect(actions.deleted).toBeNull();
    expect(actions.records.get('B')!.followUp).toBe('2024-10-18');
    // Nothing left to undo: a second undo adds nothing.
    await actions.undoDelete();
    expect(await stored()).toHaveLength(2);
  });

  it('writes, changes and clears an outcome', async () => {
    const actions = new ActionsState();
    await actions.record({ pupilId: 'D', date: '2024-10-02', kind: 'letter-2', note: '' });
    const [a] = await stored();
    await actions.setOutcome(a.id, '  no reply ');
    expect((await stored())[0].outcome).toBe('no reply');
    expect(actions.records.get('D')!.latest!.outcome).toBe('no reply');
    await actions.setOutcome(a.id, 'mum phoned back');
    expect((await stored())[0].outcome).toBe('mum phoned back');
    await actions.setOutcome(a.id, '');
    expect((await stored())[0].outcome).toBeUndefined();
    await expect(actions.setOutcome(a.id + 100, 'x')).rejects.toThrow();
  });

  it('refuses a date after today in words, before anything is stored; a letter run too', async () => {
    const actions = new ActionsState();
    actions.today = () => '2024-10-11';
    await expect(
      actions.record({ pupilId: 'C', date: '2024-10-12', kind: 'letter-1', note: '' }),
    ).rejects.toThrow('12 October 2024 is in the future (today is 11 October 2024)');
    await expect(
      actions.recordMany([
        { pupilId: 'A', date: '2024-10-11', kind: 'letter-1', note: '' },
        { pupilId: 'B', date: '2024-10-14', kind: 'letter-1', note: '' },
      ]),
    ).rejects.toThrow('14 October 2024 is in the future');
    expect(await stored()).toEqual([]);
    expect(app.writeError).toBeNull();
  });

  it("defaults to today on the latest registers, shows today's action at once, and to as-of when looking back", async () => {
    const actions = new ActionsState();
    actions.today = () => '2024-10-15'; // the last register (Fri 11 Oct) is four days old
    expect(actions.defaultDate).toBe('2024-10-15');
    await actions.record({
      pupilId: 'A',
      date: actions.defaultDate,
      kind: 'conversation',
      note: '',
      followUp: '2024-10-15',
    });
    expect(actions.records.get('A')?.latest?.date).toBe('2024-10-15');
    expect(actions.due.map((d) => d.pupilId)).toEqual(['A']);
    app.setAsOf('2024-10-09');
    expect(actions.defaultDate).toBe('2024-10-09');
    expect(actions.records.has('A')).toBe(false); // not known yet on 9 October
    app.setAsOf(null);
  });

  it('knows an action only from its date on: an earlier as-of date hides it', async () => {
    const actions = new ActionsState();
    await actions.record({ pupilId: 'A', date: '2024-10-10', kind: 'conversation', note: '' });
    expect(actions.records.has('A')).toBe(true);
    app.setAsOf('2024-10-09');
    expect(actions.records.has('A')).toBe(false);
    app.setAsOf(null);
  });
});
