/**
 * A pupil's case record as the screens read it: the actions known on the as-of date, the follow-up that is
 * due, the furthest stage reached, and attendance before and after each action.
 */
import { furthestStage, type ActionStage } from '../domain/actions';
import { dayOnOrAfter, type SchoolCalendar } from '../domain/calendar';
import { coreFromTally, onRollRange } from '../domain/metrics';
import { epochDay, slotEndOfDate, yearSlots, type PupilYear } from '../domain/register';
import { tallyMarks } from '../domain/tally';
import type { Intervention } from '../store/types';

/** The window each side of an action, in school weeks, as the pupil page states it. */
export const EFFECT_WEEKS = 4;
/**
 * Fewest possible sessions each window needs before a before/after figure is shown: half the window (two school
 * weeks). Fewer, and one day's absence moves the figure by five points or more: it says nothing about the action.
 */
export const EFFECT_MIN_SESSIONS = EFFECT_WEEKS * 5;

export interface ActionEffect {
  intervention: Intervention;
  before: { possible: number; attendancePct: number | null };
  after: { possible: number; attendancePct: number | null };
  /** Both windows hold at least EFFECT_MIN_SESSIONS possible sessions. */
  enough: boolean;
}

/**
 * Attendance in the EFFECT_WEEKS school weeks (five open days each) before the action's day, and from that day
 * for as long again, cut at as-of. Counting open days, not calendar weeks, keeps both windows the same length
 * across holidays and whatever weekday the action fell on.
 */
export function actionEffect(
  py: PupilYear,
  cal: SchoolCalendar,
  asOf: string,
  i: Intervention,
): ActionEffect {
  const year = yearSlots(py.startYear);
  const asOfEnd = slotEndOfDate(year, asOf);
  const days = EFFECT_WEEKS * 5;
  const at = dayOnOrAfter(year, i.date);
  let from = at;
  for (let n = 0; from > 0 && n < days;) if (cal.openDay[--from]) n++;
  let to = at;
  for (let n = 0; to < year.days.length && n < days; to++) if (cal.openDay[to]) n++;
  const win = (a: number, b: number) => {
    const [f, t] = onRollRange(py, a, Math.max(a, Math.min(b, asOfEnd)));
    const m = coreFromTally(tallyMarks(py.marks, f, t));
    return { possible: m.tally.possible, attendancePct: m.attendancePct };
  };
  const before = win(from * 2, at * 2);
  const after = win(at * 2, to * 2);
  return {
    intervention: i,
    before,
    after,
    enough: before.possible >= EFFECT_MIN_SESSIONS && after.possible >= EFFECT_MIN_SESSIONS,
  };
}

/** Latest first: the same day's later record first. */
export const byLatest = (a: Intervention, b: Intervention): number =>
  b.date.localeCompare(a.date) || b.id - a.id;

export interface CaseRecord {
  /** Actions dated on or before as-of, latest first. */
  actions: Intervention[];
  latest?: Intervention;
  /** The latest action's follow-up date, when it has one: recording a newer action replaces it. */
  followUp?: string;
  /** The follow-up date has come (it is on or before as-of). */
  due: boolean;
  stage: ActionStage | null;
  /** The latest action's owner that has one. */
  owner: string;
}

const NO_CASE: CaseRecord = { actions: [], due: false, stage: null, owner: '' };

/** Every pupil's case record on the as-of date; actions dated later are not known yet then. */
export function caseRecords(actions: readonly Intervention[], asOf: string): Map<string, CaseRecord> {
  const by = new Map<string, Intervention[]>();
  for (const a of actions) {
    if (a.date > asOf) continue;
    const list = by.get(a.pupilId);
    if (list) list.push(a);
    else by.set(a.pupilId, [a]);
  }
  const out = new Map<string, CaseRecord>();
  for (const [id, list] of by) {
    list.sort(byLatest);
    const latest = list[0];
    const followUp = latest.followUp;
    out.set(id, {
      actions: list,
      latest,
      followUp,
      due: followUp !== undefined && followUp <= asOf,
      stage: furthestStage(list.map((a) => a.kind)),
      owner: list.find((a) => a.owner)?.owner ?? '',
    });
  }
  return out;
}

export const caseOf = (records: ReadonlyMap<string, CaseRecord>, id: string): CaseRecord =>
  records.get(id) ?? NO_CASE;

export interface DueItem {
  pupilId: string;
  action: Intervention;
  followUp: string;
  /** Calendar days past the follow-up date on as-of (0 = due today). */
  daysOver: number;
}

/** Follow-ups due on or before as-of, the longest waiting first. */
export function dueList(records: ReadonlyMap<string, CaseRecord>, asOf: string): DueItem[] {
  const out: DueItem[] = [];
  for (const [pupilId, c] of records)
    if (c.due && c.latest && c.followUp)
      out.push({
        pupilId,
        action: c.latest,
        followUp: c.followUp,
        daysOver: epochDay(asOf) - epochDay(c.followUp),
      });
  return out.sort((a, b) => a.followUp.localeCompare(b.followUp) || a.pupilId.localeCompare(b.pupilId));
}
