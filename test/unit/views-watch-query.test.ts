import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  parseWatchQuery,
  WATCH_DEFAULT,
  watchHref,
  watchQueryString,
  type WatchQuery,
} from '../../src/views/watch-query';
import { parseRoute } from '../../src/views/route';
import { RISK_BANDS } from '../../src/views/risk';
import { NO_FILTER } from '../../src/views/watchlist';

// Any view of the list the screen can show: the filters' own values, any search text and group names.
const text = fc.string({ maxLength: 12 });
const query: fc.Arbitrary<WatchQuery> = fc.record({
  filter: fc.record({
    search: text,
    yearGroup: text,
    regGroup: text,
    fsm: fc.constantFrom('', 'yes', 'no'),
    sen: fc.constantFrom('', 'none', 'support', 'ehcp', 'any'),
    band: fc.constantFrom('', 'flagged', 'trending', ...RISK_BANDS),
    newlyOnly: fc.boolean(),
  }),
  sort: fc.record({
    key: fc.constantFrom('risk', 'name', 'yearGroup', 'attendance', 'canMiss', 'action'),
    descending: fc.boolean(),
  }),
  page: fc.nat(40),
});

describe('the watch list in its URL', () => {
  it('reads back every view it writes, through the whole hash route as a bookmark keeps it', () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(parseWatchQuery(watchQueryString(q))).toEqual(q);
        const route = parseRoute(`#/watch?${watchQueryString(q)}`);
        expect(route.name === 'watch' && parseWatchQuery(route.query)).toEqual(q);
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('writes only what differs from the default, so the plain list has a plain URL', () => {
    expect(watchQueryString(WATCH_DEFAULT)).toBe('');
    expect(watchQueryString({ filter: { ...NO_FILTER, yearGroup: '9', band: 'trending' } })).toBe(
      'year=9&band=trending',
    );
    expect(watchQueryString({ sort: { key: 'name', descending: false } })).toBe('sort=name');
    expect(watchQueryString({ sort: { key: 'name', descending: true } })).toBe('sort=name&dir=desc');
    expect(watchQueryString({ page: 2 })).toBe('page=3');
    expect(watchHref({ regGroup: '7A' })).toBe('#/watch?reg=7A');
  });

  it('falls back to the default for anything unknown or malformed', () => {
    expect(parseWatchQuery('band=purple&fsm=maybe&sen=x&sort=shoe&page=-2&new=yes')).toEqual(WATCH_DEFAULT);
    expect(parseWatchQuery('page=1.5').page).toBe(0);
    expect(parseWatchQuery('sort=name&dir=sideways').sort).toEqual({ key: 'name', descending: false });
  });
});
