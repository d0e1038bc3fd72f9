/**
 * The watch list's filters, sort and page as the query of its URL (`#/watch?year=9&band=trending&sort=name`), so a
 * view can be bookmarked, shared on the same machine or reopened after a reload; the same mechanism as today's
 * list (views/today.ts). Only what differs from the default is written, in a fixed order.
 */
import { RISK_BANDS } from './risk';
import { routeHash } from './route';
import { NO_FILTER, type Sort, type SortKey, type WatchFilter } from './watchlist';

export interface WatchQuery {
  filter: WatchFilter;
  sort: Sort;
  /** From 0; written from 1 in the URL, as the pager shows it. */
  page: number;
}

export const WATCH_DEFAULT: WatchQuery = {
  filter: NO_FILTER,
  sort: { key: 'risk', descending: true },
  page: 0,
};

const SORT_KEYS: readonly SortKey[] = ['risk', 'name', 'yearGroup', 'attendance', 'canMiss', 'action'];
const BANDS: readonly string[] = [...RISK_BANDS, 'flagged', 'trending'];
const FSM: readonly string[] = ['yes', 'no'];
const SEN: readonly string[] = ['none', 'support', 'ehcp', 'any'];

/** The one order a sort key starts in when its column is chosen: risk highest first, the rest ascending. */
export const firstDirection = (key: SortKey): boolean => key === 'risk';

/** Reads the list's query; anything unknown or malformed falls back to the default. */
export function parseWatchQuery(query: string): WatchQuery {
  const p = new URLSearchParams(query);
  const pick = <T extends string>(name: string, allowed: readonly string[]): T | '' => {
    const v = p.get(name) ?? '';
    return allowed.includes(v) ? (v as T) : '';
  };
  const sortKey = pick<SortKey>('sort', SORT_KEYS) || WATCH_DEFAULT.sort.key;
  const dir = p.get('dir');
  const page = Number(p.get('page'));
  return {
    filter: {
      search: p.get('q') ?? '',
      yearGroup: p.get('year') ?? '',
      regGroup: p.get('reg') ?? '',
      fsm: pick<'yes' | 'no'>('fsm', FSM),
      sen: pick<WatchFilter['sen'] & string>('sen', SEN),
      band: pick<WatchFilter['band'] & string>('band', BANDS),
      newlyOnly: p.get('new') === '1',
    },
    sort: {
      key: sortKey,
      descending: dir === 'desc' ? true : dir === 'asc' ? false : firstDirection(sortKey),
    },
    page: Number.isInteger(page) && page > 0 ? page - 1 : 0,
  };
}

/** The query part of the list's URL: only what differs from the default. */
export function watchQueryString(q: Partial<WatchQuery>): string {
  const f = { ...NO_FILTER, ...q.filter };
  const sort = q.sort ?? WATCH_DEFAULT.sort;
  const p = new URLSearchParams();
  if (f.search) p.set('q', f.search);
  if (f.yearGroup) p.set('year', f.yearGroup);
  if (f.regGroup) p.set('reg', f.regGroup);
  if (f.fsm) p.set('fsm', f.fsm);
  if (f.sen) p.set('sen', f.sen);
  if (f.band) p.set('band', f.band);
  if (f.newlyOnly) p.set('new', '1');
  if (sort.key !== WATCH_DEFAULT.sort.key) p.set('sort', sort.key);
  if (sort.descending !== firstDirection(sort.key)) p.set('dir', sort.descending ? 'desc' : 'asc');
  if (q.page) p.set('page', String(q.page + 1));
  return p.toString();
}

/** The link to the watch list showing just these pupils (a group's row, a figure on the overview). */
export function watchHref(filter: Partial<WatchFilter>): string {
  return routeHash({ name: 'watch', query: watchQueryString({ filter: { ...NO_FILTER, ...filter } }) });
}
