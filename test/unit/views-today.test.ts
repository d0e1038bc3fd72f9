import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asOfWithin, buildSchool, type PupilRow } from '../../src/views/school';
import { asOfOf, parseRoute, routeHash, withAsOf } from '../../src/views/route';
import { ruleRisk } from '../../src/views/risk';
import {
  describeWatchFilter,
  filterWatch,
  groupFilter,
  joinWatch,
  NO_FILTER,
  type WatchRow,
} from '../../src/views/watchlist';
import { caseRecords } from '../../src/views/actions';
import {
  describeQuery,
  filterToday,
  parseTodayQuery,
  quietSince,
  REASON_ORDER,
  todayOptions,
  todayQueryString,
  todayRows,
  TODAY_DEFAULT,
  type TodayQuery,
} from '../../src/views/today';
import { ACTION_STAGES } from '../../src/domain/actions';
import type { Intervention } from '../../src/store/types';
import { PUPILS, YEARS } from './views-fixture';

// A present (low), B exactly 10% (PA), C 6.7% (rising), D 50% unauthorised in September (SA); as of Fri 11 Oct.
const school = buildSchool(PUPILS, YEARS)!;
const risk = new Map(school.rows.map((r) => [r.id, ruleRisk(r.metrics)]));
const since = quietSince(school.calendar, school.asOf);
let nextId = 1;
const act = (pupilId: string, date: string, extra: Partial<Intervention> = {}): Intervention => ({
  id: nextId++,
  pupilId,
  date,
  kind: 'letter-1',
  note: '',
  ...extra,
});
function list(actions: Intervention[] = [], newly: string[] = [], rows: PupilRow[] = school.rows) {
  const watch = joinWatch(rows, risk, (r) => ruleRisk(r.metrics), new Set(newly), actions);
  return { watch, records: caseRecords(actions, school.asOf) };
}
const ids = (rows: { w: WatchRow }[]) => rows.map((r) => r.w.row.id);

describe("today's list", () => {
  it('the last four school weeks start on the Monday three weeks before as-of week', () => {
    expect(since).toBe('2024-09-16');
  });

  it('lists trending pupils and PA/SA pupils with nothing done lately, the most pressing first, each with why', () => {
    const { watch, records } = list();
    const rows = todayRows(watch, records, since, 'today');
    // D: SA with 30 unauthorised sessions in 10 weeks (penalty threshold), C: rising, B: PA with no action.
    expect(ids(rows)).toEqual(['D', 'C', 'B']);
    expect(rows.map((r) => r.reasons)).toEqual([['penalty', 'quiet'], ['trending'], ['quiet']]);
  });

  it('newly at risk ranks above the penalty-notice threshold', () => {
    const { watch, records } = list([], ['C']);
    expect(ids(todayRows(watch, records, since, 'today'))).toEqual(['C', 'D', 'B']);
  });

  it('a follow-up due comes first, the longest waiting first, even for a low-risk pupil', () => {
    const actions = [
      act('A', '2024-09-20', { followUp: '2024-10-04' }),
      act('C', '2024-09-23', { followUp: '2024-10-01' }),
      act('B', '2024-10-01', { followUp: '2024-10-21' }), // not due yet
    ];
    const { watch, records } = list(actions);
    const rows = todayRows(watch, records, since, 'today');
    expect(ids(rows)).toEqual(['C', 'A', 'D']);
    expect(rows[0].reasons[0]).toBe('follow-up-due');
    // B had a letter on 1 Oct (within four weeks) and its follow-up is not due: not on today's list…
    // …but still on the PA tab with every PA and SA pupil.
    expect(ids(todayRows(watch, records, since, 'pa'))).toEqual(['D', 'B']);
  });

  it('crossing soon (runway under a week of sessions) ranks above newly at risk, shortest runway first', () => {
    const near = (r: PupilRow, canMiss: number): PupilRow => ({
      ...r,
      metrics: { ...r.metrics, runway: { ...r.metrics.runway, canMiss } },
    });
    const rows = school.rows.map((r) => (r.id === 'C' ? near(r, 4) : r.id === 'A' ? near(r, 9) : r));
    const { watch, records } = list([], ['A', 'C'], rows);
    const today = todayRows(watch, records, since, 'today');
    expect(ids(today)).toEqual(['C', 'A', 'D', 'B']);
    expect(today[0].reasons.slice(0, 2)).toEqual(['crossing-soon', 'new']);
  });

  it('the order does not depend on the order the rows came in, and every row has a reason', () => {
    const actions = [act('A', '2024-09-20', { followUp: '2024-10-04' })];
    const { watch, records } = list(actions, ['C']);
    const want = ids(todayRows(watch, records, since, 'today'));
    fc.assert(
      fc.property(fc.shuffledSubarray(watch, { minLength: watch.length }), (shuffled) => {
        const rows = todayRows(shuffled, records, since, 'today');
        expect(ids(rows)).toEqual(want);
        for (const r of rows) expect(REASON_ORDER).toContain(r.reasons[0]);
      }),
    );
  });

  it('filters: follow-up due, no action yet, stage, owner and year group', () => {
    const actions = [
      act('A', '2024-09-20', { followUp: '2024-10-04', owner: 'JS' }),
      act('D', '2024-09-10', { kind: 'penalty-notice', owner: 'AB' }),
    ];
    const { watch, records } = list(actions);
    const rows = todayRows(watch, records, since, 'today');
    const f = (q: Partial<TodayQuery>) => ids(filterToday(rows, { ...TODAY_DEFAULT, ...q }));
    expect(f({ due: true })).toEqual(['A']);
    expect(f({ noAction: true }).sort()).toEqual(['B', 'C']);
    expect(f({ stage: 'enforce' })).toEqual(['D']);
    expect(f({ stage: 'none' }).sort()).toEqual(['B', 'C']);
    expect(f({ owner: 'js' })).toEqual(['A']);
    expect(f({ yearGroup: '8' }).sort()).toEqual(['C', 'D']);
  });
});

describe("today's filters in the URL", () => {
  it('round-trip any filter through the query string; the default is an empty query', () => {
    expect(todayQueryString(TODAY_DEFAULT)).toBe('');
    const query = fc.record({
      tab: fc.constantFrom('today' as const, 'pa' as const),
      noAction: fc.boolean(),
      due: fc.boolean(),
      stage: fc.constantFrom('' as const, 'none' as const, ...ACTION_STAGES),
      owner: fc.string(),
      yearGroup: fc.string(),
      size: fc.constantFrom(0, 10, 25, 50, 100),
      page: fc.nat(50),
    });
    fc.assert(
      fc.property(query, (q) => {
        expect(parseTodayQuery(todayQueryString(q))).toEqual(q);
      }),
    );
  });
  it('malformed values fall back to the default', () => {
    expect(parseTodayQuery('tab=x&stage=soon&size=7&page=-2&due=yes')).toEqual(TODAY_DEFAULT);
  });
});

describe("today's filter options", () => {
  it('offer every owner named in a case record, even of pupils not on the list, and the year groups listed', () => {
    const actions = [act('A', '2024-09-20', { owner: 'JS' }), act('D', '2024-10-01', { owner: 'AB' })];
    const { watch, records } = list(actions);
    const rows = todayRows(watch, records, since, 'today');
    expect(ids(rows)).not.toContain('A');
    expect(todayOptions(rows, records)).toEqual({ owners: ['AB', 'JS'], yearGroups: ['7', '8'] });
  });
});

describe('routes with a query and an as-of date', () => {
  it("keep today's filters in the route and the as-of date beside it, for any screen", () => {
    const hash = withAsOf(routeHash({ name: 'today', query: 'due=1&owner=JS' }), '2024-10-01');
    expect(hash).toBe('#/today?due=1&owner=JS&asOf=2024-10-01');
    expect(parseRoute(hash)).toEqual({ name: 'today', query: 'due=1&owner=JS' });
    expect(asOfOf(hash)).toBe('2024-10-01');
    expect(parseRoute(withAsOf(routeHash({ name: 'pupil', id: 'A?1' }), '2024-10-01'))).toEqual({
      name: 'pupil',
      id: 'A?1',
    });
    expect(asOfOf('#/overview?asOf=1st October')).toBeNull();
    expect(withAsOf('#/groups', null)).toBe('#/groups');
  });
  it('shows the school as of a date within its registers, else the last register', () => {
    expect(asOfWithin(school.calendar, '2024-09-20')).toBe('2024-09-20');
    expect(asOfWithin(school.calendar, '2024-10-20')).toBe('2024-10-11');
    expect(asOfWithin(school.calendar, '2024-08-20')).toBe('2024-10-11');
    expect(buildSchool(PUPILS, YEARS, '2024-09-20')!.byId.get('B')!.metrics.pa).toBe(false);
  });
});

describe('printed list headings', () => {
  it('say the filter in words', () => {
    expect(describeQuery({ ...TODAY_DEFAULT, due: true, owner: 'JS', stage: 'support' })).toBe(
      "Today's list, follow-up due, stage: Facilitate support, owner JS",
    );
    expect(describeWatchFilter({ ...NO_FILTER, yearGroup: '9', band: 'trending', newlyOnly: true })).toBe(
      'Year 9, trending toward PA, newly at risk',
    );
    expect(describeWatchFilter(NO_FILTER)).toBe('every pupil');
  });
});

describe('group rows open the watch list filtered to the group', () => {
  it('gives the filter that keeps exactly the pupils the group counts', () => {
    const rows = joinWatch(school.rows, risk, (r) => ruleRisk(r.metrics), new Set(), []);
    const only = (kind: Parameters<typeof groupFilter>[0], name: string) =>
      filterWatch(rows, groupFilter(kind, name)).map((w) => w.row.id);
    expect(only('Year group', 'Year 8')).toEqual(['C', 'D']);
    expect(only('Registration group', '7A')).toEqual(['A', 'B']);
    expect(only('FSM', 'FSM')).toEqual(['B', 'D']);
    expect(only('FSM', 'non-FSM')).toEqual(['A', 'C']);
    expect(only('SEN', 'EHC plan')).toEqual(['D']);
    expect(only('SEN', 'SEN support')).toEqual(['B']);
    expect(only('SEN', 'No SEN')).toEqual(['A', 'C']);
  });
});
