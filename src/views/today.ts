/**
 * Today's list: whom to contact today and why. Pupils trending toward PA (rising or high, not PA yet) or about to
 * cross, PA and SA pupils with no action in the last few school weeks, anyone whose follow-up has come, and anyone
 * at the penalty-notice threshold with nothing done since; each with the reasons that put them there, the most pressing
 * first. Already-PA and SA pupils also have their own tab.
 */
import { ACTION_STAGES, STAGE_LABEL, type ActionStage } from '../domain/actions';
import { schoolWeeks, type SchoolCalendar } from '../domain/calendar';
import { PENALTY_UNAUTHORISED_SESSIONS } from '../domain/metrics';
import { slotEndOfDate, yearSlots } from '../domain/register';
import { caseOf, type CaseRecord } from './actions';
import { TRENDING } from './risk';
import { compareYearGroups } from './school';
import type { WatchRow } from './watchlist';

/** PA and SA pupils with no action in this many school weeks come back onto today's list. */
export const QUIET_WEEKS = 4;
/** "Crossing soon": the PA runway is under one school week of sessions. */
export const SESSIONS_A_WEEK = 10;

/**
 * In the order they rank a pupil on the list. Pupils the register alone already shows (PA or SA with nothing done
 * lately) come last: otherwise they fill the first pages and hide those still on the way to PA.
 */
export type TodayReason = 'follow-up-due' | 'crossing-soon' | 'new' | 'penalty' | 'trending' | 'quiet';
export const REASON_ORDER: readonly TodayReason[] = [
  'follow-up-due',
  'crossing-soon',
  'new',
  'penalty',
  'trending',
  'quiet',
];
export const REASON_LABEL: Record<TodayReason, string> = {
  'follow-up-due': 'Follow-up due',
  penalty: 'Penalty-notice threshold reached',
  'crossing-soon': 'Crossing soon',
  new: 'Newly at risk',
  quiet: `No action in ${QUIET_WEEKS} school weeks`,
  trending: 'Trending toward PA',
};

export interface TodayRow {
  w: WatchRow;
  record: CaseRecord;
  reasons: TodayReason[];
}

export type TodayTab = 'today' | 'pa';

/** Everything the screen's filters hold; kept in the URL so a view can be bookmarked. */
export interface TodayQuery {
  tab: TodayTab;
  /** Only pupils with no action at all yet. */
  noAction: boolean;
  /** Only pupils whose follow-up is due. */
  due: boolean;
  /** Furthest stage reached; 'none' = no action yet. */
  stage: '' | ActionStage | 'none';
  owner: string;
  yearGroup: string;
  /** Rows a page; 0 = show all. */
  size: number;
  page: number;
}
export const TODAY_DEFAULT: TodayQuery = {
  tab: 'today',
  noAction: false,
  due: false,
  stage: '',
  owner: '',
  yearGroup: '',
  size: 25,
  page: 0,
};
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** Reads a hash route's query; anything unknown or malformed falls back to the default. */
export function parseTodayQuery(query: string): TodayQuery {
  const p = new URLSearchParams(query);
  const stage = p.get('stage') ?? '';
  const size = p.get('size');
  const page = Number(p.get('page'));
  return {
    tab: p.get('tab') === 'pa' ? 'pa' : 'today',
    noAction: p.get('noAction') === '1',
    due: p.get('due') === '1',
    stage:
      stage === 'none' || (ACTION_STAGES as readonly string[]).includes(stage) ? (stage as ActionStage) : '',
    owner: p.get('owner') ?? '',
    yearGroup: p.get('year') ?? '',
    size:
      size === 'all'
        ? 0
        : (PAGE_SIZES as readonly number[]).includes(Number(size))
          ? Number(size)
          : TODAY_DEFAULT.size,
    page: Number.isInteger(page) && page > 0 ? page - 1 : 0,
  };
}

/** The query part of the URL: only what differs from the default, in a fixed order. */
export function todayQueryString(q: TodayQuery): string {
  const p = new URLSearchParams();
  if (q.tab !== 'today') p.set('tab', q.tab);
  if (q.due) p.set('due', '1');
  if (q.noAction) p.set('noAction', '1');
  if (q.stage) p.set('stage', q.stage);
  if (q.owner) p.set('owner', q.owner);
  if (q.yearGroup) p.set('year', q.yearGroup);
  if (q.size !== TODAY_DEFAULT.size) p.set('size', q.size ? String(q.size) : 'all');
  if (q.page) p.set('page', String(q.page + 1));
  return p.toString();
}

/** The Monday that starts the last `weeks` school weeks up to as-of: an action since then is recent. */
export function quietSince(cal: SchoolCalendar, asOf: string, weeks = QUIET_WEEKS): string {
  const end = slotEndOfDate(yearSlots(cal.startYear), asOf);
  const ws = schoolWeeks(cal).filter((w) => w.startSlot < end);
  return ws.length ? ws[Math.max(0, ws.length - weeks)].monday : asOf;
}

function reasonsOf(w: WatchRow, record: CaseRecord, since: string): TodayReason[] {
  const m = w.row.metrics;
  const pa = m.pa || m.sa;
  const recent = record.latest !== undefined && record.latest.date >= since;
  const out: TodayReason[] = [];
  if (record.due) out.push('follow-up-due');
  // Period totals say nothing of the last 10 weeks or the sessions left: no penalty count, no runway.
  const marks = w.row.totals === null;
  if (marks && m.unauthorisedLast10Weeks >= PENALTY_UNAUTHORISED_SESSIONS) out.push('penalty');
  if (marks && !pa && !m.runway.paUnavoidable && m.runway.canMiss < SESSIONS_A_WEEK)
    out.push('crossing-soon');
  if (w.newlyAtRisk) out.push('new');
  if (pa && !recent) out.push('quiet');
  if (!pa && TRENDING.has(w.risk.band)) out.push('trending');
  return out;
}

/** Whether a pupil belongs on today's list (the PA tab lists every PA and SA pupil instead). */
function onToday(record: CaseRecord, reasons: readonly TodayReason[], since: string): boolean {
  const recent = record.latest !== undefined && record.latest.date >= since;
  return (
    reasons.includes('trending') ||
    reasons.includes('follow-up-due') ||
    reasons.includes('crossing-soon') ||
    reasons.includes('quiet') ||
    (reasons.includes('penalty') && !recent)
  );
}

const chance = (w: WatchRow) => w.risk.pPA ?? (w.row.metrics.absencePct ?? 0) / 100;

/**
 * The most pressing first: by the first reason in REASON_ORDER; then the longest-waiting follow-up, the most
 * unauthorised sessions, the shortest runway, or the highest chance of PA, as that reason asks; then pupil id.
 */
export function compareToday(a: TodayRow, b: TodayRow): number {
  const rank = (r: TodayRow) => (r.reasons.length ? REASON_ORDER.indexOf(r.reasons[0]) : REASON_ORDER.length);
  const ra = rank(a);
  const d = ra - rank(b);
  if (d) return d;
  const by: Partial<Record<TodayReason, number>> = {
    'follow-up-due': (a.record.followUp ?? '').localeCompare(b.record.followUp ?? ''),
    penalty: b.w.row.metrics.unauthorisedLast10Weeks - a.w.row.metrics.unauthorisedLast10Weeks,
    'crossing-soon': a.w.row.metrics.runway.canMiss - b.w.row.metrics.runway.canMiss,
  };
  return (
    (by[REASON_ORDER[ra]] ?? 0) ||
    chance(b.w) - chance(a.w) ||
    (a.w.row.id < b.w.row.id ? -1 : a.w.row.id > b.w.row.id ? 1 : 0)
  );
}

/** One tab's rows, ordered, before the filters. */
export function todayRows(
  rows: readonly WatchRow[],
  records: ReadonlyMap<string, CaseRecord>,
  since: string,
  tab: TodayTab,
): TodayRow[] {
  const out: TodayRow[] = [];
  for (const w of rows) {
    const record = caseOf(records, w.row.id);
    const reasons = reasonsOf(w, record, since);
    const pa = w.row.metrics.pa || w.row.metrics.sa;
    if (tab === 'pa' ? pa : onToday(record, reasons, since)) out.push({ w, record, reasons });
  }
  return out.sort(compareToday);
}

export function filterToday(rows: readonly TodayRow[], q: TodayQuery): TodayRow[] {
  const owner = q.owner.trim().toLowerCase();
  return rows.filter(
    ({ w, record }) =>
      (!q.noAction || !record.actions.length) &&
      (!q.due || record.due) &&
      (!q.stage || (q.stage === 'none' ? record.stage === null : record.stage === q.stage)) &&
      (!owner || record.owner.toLowerCase() === owner) &&
      (!q.yearGroup || w.row.yearGroup === q.yearGroup),
  );
}

/** Owners named in any case record (on the list or not) and year groups on the list, for the filter selects. */
export function todayOptions(
  rows: readonly TodayRow[],
  records: ReadonlyMap<string, CaseRecord>,
): { owners: string[]; yearGroups: string[] } {
  const owners = new Set<string>();
  const years = new Set<string>();
  for (const r of records.values()) if (r.owner) owners.add(r.owner);
  for (const r of rows) if (r.w.row.yearGroup) years.add(r.w.row.yearGroup);
  return { owners: [...owners].sort(), yearGroups: [...years].sort(compareYearGroups) };
}

/** What the filter shows, in words: printed at the top of every list and letter run. */
export function describeQuery(q: TodayQuery): string {
  const parts = [q.tab === 'pa' ? 'Already PA or SA' : "Today's list"];
  if (q.due) parts.push('follow-up due');
  if (q.noAction) parts.push('no action yet');
  if (q.stage) parts.push(q.stage === 'none' ? 'no stage yet' : `stage: ${STAGE_LABEL[q.stage]}`);
  if (q.owner) parts.push(`owner ${q.owner}`);
  if (q.yearGroup) parts.push(`Year ${q.yearGroup}`);
  return parts.join(', ');
}
