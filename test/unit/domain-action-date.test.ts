import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  actionDateProblem,
  actionsKnownUntil,
  defaultActionDate,
  localDay,
} from '../../src/domain/action-date';
import { epochDay, isoFromEpochDay } from '../../src/domain/register';

const TODAY = '2026-12-03';
const day = fc.integer({ min: epochDay('2020-01-01'), max: epochDay('2030-12-31') }).map(isoFromEpochDay);

describe("an action's date", () => {
  it.each([
    // [as-of, looking back on purpose, default date, known until]
    ['2024-11-08', false, TODAY, TODAY], // the latest registers (the demo's, two years old): today
    ['2026-12-02', false, TODAY, TODAY], // yesterday's register: today
    ['2026-11-13', true, '2026-11-13', '2026-11-13'], // the officer chose a past date: that date
    ['2026-12-03', false, TODAY, TODAY],
  ] as const)(
    'as of %s (looking back: %s) defaults to %s; the case record counts to %s',
    (asOf, past, d, known) => {
      expect(defaultActionDate(asOf, past, TODAY)).toBe(d);
      expect(actionsKnownUntil(asOf, past, TODAY)).toBe(known);
    },
  );

  it('refuses a future date in words, and a date that is not one', () => {
    expect(actionDateProblem('2026-12-04', TODAY)).toBe(
      '4 December 2026 is in the future (today is 3 December 2026): record an action on the day it was taken or later.',
    );
    expect(actionDateProblem('', TODAY)).toBe('Enter the date the action was taken.');
    expect(actionDateProblem('2026-02-30', TODAY)).toBe('Enter the date the action was taken.');
    expect(actionDateProblem(TODAY, TODAY)).toBeNull();
    expect(actionDateProblem('2024-11-08', TODAY)).toBeNull();
  });

  it('the default is never after today, is accepted, and a recorded action is always counted', () => {
    fc.assert(
      fc.property(day, fc.boolean(), day, (asOf, past, today) => {
        const d = defaultActionDate(asOf, past, today);
        expect(d <= today).toBe(true);
        expect(actionDateProblem(d, today)).toBeNull();
        // The action defaulted to shows in the case records straight away.
        expect(d <= actionsKnownUntil(asOf, past, today)).toBe(true);
        expect(actionDateProblem(isoFromEpochDay(epochDay(today) + 1), today)).not.toBeNull();
      }),
    );
  });

  it("is today's date on this computer, not UTC's", () => {
    // 00:30 on 1 April 2026 in the computer's zone.
    expect(localDay(new Date(2026, 3, 1, 0, 30))).toBe('2026-04-01');
  });
});
