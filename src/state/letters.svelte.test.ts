/**
 * LettersState over the real store (fake IndexedDB): the school's wording is kept and read back; a letter run is
 * recorded as one action per pupil in the same step, and each letter is filled from that pupil's own figures.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LettersState, SCHOOL_NAME_SETTING, TEMPLATES_SETTING } from './letters.svelte';
import { app } from './app.svelte';
import * as backend from './backend';
import { DEFAULT_TEMPLATES } from '../views/letters';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';

vi.stubGlobal('console', { ...console, warn: () => {} }); // no model in Node: the register rule is used

beforeEach(async () => {
  for (const i of await backend.listInterventions()) await backend.deleteIntervention(i.id);
  await backend.setSetting(TEMPLATES_SETTING, null);
  await backend.setSetting(SCHOOL_NAME_SETTING, '');
  app.interventions = [];
  app.setAsOf(null);
  app.setSchool(PUPILS, YEARS); // as of Fri 11 Oct 2024
});

describe('LettersState', () => {
  it("keeps the school's wording and name in this browser and reads them back", async () => {
    const a = new LettersState();
    await a.load();
    expect(a.templates['stage-1']).toEqual(DEFAULT_TEMPLATES['stage-1']);
    a.templates['stage-1'].body = 'Dear carer of {pupil}: {attendance}.';
    a.schoolName = '  Hill School ';
    await a.save();
    const b = new LettersState();
    await b.load();
    expect(b.templates['stage-1'].body).toBe('Dear carer of {pupil}: {attendance}.');
    expect(b.templates.concern).toEqual(DEFAULT_TEMPLATES.concern);
    expect(b.schoolName).toBe('Hill School');
    // Editing changed this browser's copy only: the shipped wording is still there to restore.
    expect(DEFAULT_TEMPLATES['stage-1'].body).not.toBe('Dear carer of {pupil}: {attendance}.');
    expect(new LettersState().templates['stage-1'].body).toBe(DEFAULT_TEMPLATES['stage-1'].body);
  });

  it("records the run as one letter action per pupil, and fills each letter from that pupil's figures", async () => {
    const l = new LettersState();
    await l.load();
    l.schoolName = 'Hill School';
    const said = await l.startRun({
      letter: 'stage-1',
      pupils: ['C', 'B'],
      owner: ' JS ',
      followUp: '2024-10-25',
      filter: 'Year 7 and 8',
      date: '2024-10-14', // sent the Monday after the last register (Fri 11 Oct)
    });
    expect(said).toBe('2 letters recorded as letter: stage 1, follow-up 2024-10-25.');
    const stored = await backend.listInterventions();
    expect(stored.map((i) => [i.pupilId, i.kind, i.date, i.owner, i.followUp])).toEqual([
      ['C', 'letter-1', '2024-10-14', 'JS', '2024-10-25'],
      ['B', 'letter-1', '2024-10-14', 'JS', '2024-10-25'],
    ]);
    // In list order; Cal missed 4 of 60 sessions (93.3%), Ben 6 of 60 (90.0%).
    expect(l.sheets.map((s) => s.id)).toEqual(['C', 'B']);
    const cal = l.sheets[0].paragraphs.join('\n');
    expect(cal).toContain('is 93.3%: 4 of 60 possible sessions missed (0 authorised, 4 unauthorised)');
    expect(cal).toContain('Hill School');
    expect(l.sheets[1].paragraphs.join('\n')).toContain('is 90.0%: 6 of 60');
    // Dated the day sent; the figures are as of the last register.
    expect(l.sheets[0].date).toBe('Mon 14 Oct 2024');
  });

  it('fills the letters as of the date shown (and dates them that day, looking back), and leaves out a pupil no longer on roll', async () => {
    const l = new LettersState();
    await l.load();
    app.setAsOf('2024-09-20');
    await l.startRun({ letter: 'concern', pupils: ['C', 'nobody'], owner: '', followUp: '', filter: '' });
    // To Fri 20 Sep: 15 school days, 30 sessions; Cal's 4 missed are all before it.
    expect(l.sheets.map((s) => s.id)).toEqual(['C']);
    expect(l.sheets[0].paragraphs.join('\n')).toContain('4 of 30 possible sessions');
    const [a] = await backend.listInterventions();
    expect(a).toMatchObject({ date: '2024-09-20', kind: 'letter-concern' });
    expect(a.owner).toBeUndefined();
    expect(a.followUp).toBeUndefined();
  });

  it('prints nothing it could not record: a refused save clears the run', async () => {
    const l = new LettersState();
    await l.load();
    await expect(
      l.startRun({ letter: 'stage-2', pupils: ['C'], owner: '', followUp: 'next week', filter: '' }),
    ).rejects.toThrow();
    expect(l.run).toBeNull();
    expect(l.sheets).toEqual([]);
    expect(app.writeError).toBeTruthy();
  });
});
