/**
 * The date an action is recorded under. An officer records what was done today, so a new action (or a letter run)
 * is dated today, not the last register date (a letter sent on 3 December 2026 was saved as 8 November 2024).
 * When the officer has moved the as-of date into the past on purpose, they are filling in that time: the action is
 * dated that day. Either way the date can be changed, but never to a day after today.
 */
import { epochDay, isoFromEpochDay } from './register';

/** Today's date on this computer (not UTC: at 00:30 in British Summer Time, UTC is still yesterday). */
export function localDay(now = new Date()): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The date a new action starts with: as-of when the officer is looking back, otherwise today. */
export function defaultActionDate(asOf: string, pastView: boolean, today: string): string {
  return pastView && asOf < today ? asOf : today;
}

/**
 * The last day the case records count actions and follow-ups to: as-of when looking back (what was known then),
 * otherwise today, so an action recorded today shows at once even when the last register is a few days old.
 */
export function actionsKnownUntil(asOf: string, pastView: boolean, today: string): string {
  return pastView || asOf > today ? asOf : today;
}

const long = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Why `date` cannot be an action's date, in words, or null when it can: a real day, not after today. */
export function actionDateProblem(date: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || isoFromEpochDay(epochDay(date)) !== date)
    return 'Enter the date the action was taken.';
  if (date > today)
    return `${long(date)} is in the future (today is ${long(today)}): record an action on the day it was taken or later.`;
  return null;
}
