import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSchool } from '../../src/views/school';
import { actionEffect, caseRecords, dueList, EFFECT_MIN_SESSIONS } from '../../src/views/actions';
import {
  ACTION_KINDS,
  actionKindOf,
  furthestStage,
  LEGACY_KIND,
  stageOf,
  type ActionKind,
} from '../../src/domain/actions';
import type { Intervention } from '../../src/store/types';
import { PUPILS, YEARS } from './views-fixture';

const school = buildSchool(PUPILS, YEARS)!; // 2 Sep – 11 Oct 2024, six school weeks
let nextId = 1;
const act = (pupilId: string, date: string, kind: ActionKind, extra: Partial<Intervention> = {}) =>
  ({ id: nextId++, pupilId, date, kind, note: '', ...extra }) as Intervention;

describe('action kinds and stages', () => {
  it('reads each old kind as a staged one and rejects unknown kinds', () => {
    expect(actionKindOf('letter')).toBe('letter-concern');
    expect(actionKindOf('mentor')).toBe('support-plan');
    expect(actionKindOf('referral')).toBe('referral-la');
    expect(actionKindOf('penalty-notice')).toBe('penalty-notice');
    expect(actionKindOf('phone')).toBeNull();
    expect(actionKindOf('toString')).toBeNull();
    for (const k of Object.values(LEGACY_KIND)) expect(ACTION_KINDS).toContain(k);
  });
  it('the furthest stage is the latest in the guidance order among the actions, whatever their order', () => {
    expect(furthestStage([])).toBeNull();
    expect(furthestStage(['first-day-call', 'penalty-notice', 'letter-1'])).toBe('enforce');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTION_KINDS), { minLength: 1 }), (kinds) => {
        const s = furthestStage(kinds)!;
        expect(kinds.map(stageOf)).toContain(s);
        expect(furthestStage([...kinds].reverse())).toBe(s);
      }),
    );
  });
});

describe('case records on the as-of date', () => {
  const list = [
    act('B', '2024-09-20', 'letter-1', { owner: 'JS', followUp: '2024-10-04' }),
    act('B', '2024-10-01', 'meeting', { followUp: '2024-10-11' }),
    act('C', '2024-09-23', 'first-day-call', { followUp: '2024-10-07' }),
    act('D', '2024-09-10', 'letter-2', { followUp: '2024-09-24', owner: 'AB' }),
    act('D', '2024-10-10', 'penalty-notice'),
  ];
  it('only the latest action known on the date sets the follow-up', () => {
    const on = caseRecords(list, '2024-10-08');
    expect(on.get('B')).toMatchObject({ followUp: '2024-10-11', due: false, stage: 'support', owner: 'JS' });
    expect(on.get('C')).toMatchObject({ followUp: '2024-10-07', due: true, stage: 'contact' });
    // D's penalty notice is dated after 8 Oct: on that day the letter's follow-up was still open.
    expect(on.get('D')).toMatchObject({ followUp: '2024-09-24', due: true, stage: 'formal', owner: 'AB' });
    expect(on.get('D')!.actions).toHaveLength(1);
    const later = caseRecords(list, '2024-10-11');
    expect(later.get('D')).toMatchObject({ followUp: undefined, due: false, stage: 'enforce' });
    expect(later.get('B')!.due).toBe(true);
  });
  it('the due list is oldest follow-up first, with days waiting', () => {
    expect(dueList(caseRecords(list, '2024-10-08'), '2024-10-08')).toEqual([
      expect.objectContaining({ pupilId: 'D', followUp: '2024-09-24', daysOver: 14 }),
      expect.objectContaining({ pupilId: 'C', followUp: '2024-10-07', daysOver: 1 }),
    ]);
    // Nothing is due before its date: the day before C's follow-up only D's is.
    expect(dueList(caseRecords(list, '2024-10-06'), '2024-10-06').map((d) => d.pupilId)).toEqual(['D']);
  });
});

describe('attendance before and after an action', () => {
  const d = school.years.get('D')!; // absent 2–20 Sep, present from 23 Sep
  it('compares the four school weeks each side when both hold enough sessions', () => {
    const e = actionEffect(d, school.calendar, school.asOf, act('D', '2024-09-23', 'letter-1'));
    expect(e.before).toEqual({ possible: 30, attendancePct: 0 });
    expect(e.after).toEqual({ possible: 30, attendancePct: 100 });
    expect(e.enough).toBe(true);
  });
  it('hides the comparison when either window is short', () => {
    // Second week: one week before it (10 sessions).
    const early = actionEffect(d, school.calendar, school.asOf, act('D', '2024-09-09', 'letter-1'));
    expect(early.before.possible).toBe(10);
    expect(early.enough).toBe(false);
    // Last week: Thursday 10 Oct to as-of (Fri 11 Oct) is 4 sessions after.
    const late = actionEffect(d, school.calendar, school.asOf, act('D', '2024-10-10', 'letter-1'));
    expect(late.after.possible).toBe(4);
    expect(late.enough).toBe(false);
  });
  it('is shown exactly when both windows reach the minimum (any day in the fixture)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), (n) => {
        const day = new Date(Date.UTC(2024, 8, 2 + n)).toISOString().slice(0, 10);
        const e = actionEffect(d, school.calendar, school.asOf, act('D', day, 'meeting'));
        expect(e.enough).toBe(
          e.before.possible >= EFFECT_MIN_SESSIONS && e.after.possible >= EFFECT_MIN_SESSIONS,
        );
        expect(e.before.possible).toBeLessThanOrEqual(40);
        expect(e.after.possible).toBeLessThanOrEqual(40);
      }),
    );
  });
});
