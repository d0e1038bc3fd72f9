import { describe, expect, it } from 'vitest';
import { buildSchool } from '../../src/views/school';
import { ruleRisk, type RiskView } from '../../src/views/risk';
import {
  filterWatch,
  joinWatch,
  NO_FILTER,
  sortWatch,
  watchCsv,
  filterOptions,
  topDriver,
  unexplained,
  matchesSearch,
} from '../../src/views/watchlist';
import { parseRoute, routeHash } from '../../src/views/route';
import { codeBreakdown, heatWeeks, weekdayPattern } from '../../src/views/pupil';
import { PUPILS, YEARS } from './views-fixture';

const school = buildSchool(PUPILS, YEARS)!;
const risk = new Map<string, RiskView>(school.rows.map((r) => [r.id, ruleRisk(r.metrics)]));
const actions = [
  { id: 1, pupilId: 'B', date: '2024-09-20', kind: 'letter-1' as const, note: '' },
  { id: 2, pupilId: 'B', date: '2024-10-01', kind: 'meeting' as const, note: 'with mum' },
];
const rows = joinWatch(school.rows, risk, (r) => ruleRisk(r.metrics), new Set(['B']), actions);

describe('watch list', () => {
  it('shows the latest action beside each pupil', () => {
    expect(rows.find((w) => w.row.id === 'B')!.latestAction!.kind).toBe('meeting');
    expect(rows.find((w) => w.row.id === 'A')!.latestAction).toBeUndefined();
  });
  it('sorts by risk, highest first, and by name', () => {
    expect(sortWatch(rows, { key: 'risk', descending: true }).map((w) => w.row.id)).toEqual([
      'D',
      'B',
      'C',
      'A',
    ]);
    expect(sortWatch(rows, { key: 'name', descending: false }).map((w) => w.row.id)).toEqual([
      'A',
      'B',
      'C',
      'D',
    ]);
    expect(sortWatch(rows, { key: 'attendance', descending: false }).map((w) => w.row.id)).toEqual([
      'D',
      'B',
      'C',
      'A',
    ]);
  });
  it('filters by year group, FSM, SEN, band, newly at risk and search', () => {
    const ids = (f: Partial<typeof NO_FILTER>) =>
      filterWatch(rows, { ...NO_FILTER, ...f }).map((w) => w.row.id);
    expect(ids({ yearGroup: '8' })).toEqual(['C', 'D']);
    expect(ids({ fsm: 'yes' })).toEqual(['B', 'D']);
    expect(ids({ sen: 'any' })).toEqual(['B', 'D']);
    expect(ids({ sen: 'ehcp' })).toEqual(['D']);
    expect(ids({ band: 'flagged' })).toEqual(['B', 'D']);
    expect(ids({ band: 'rising' })).toEqual(['C']);
    expect(ids({ band: 'trending' })).toEqual(['C']);
    expect(ids({ newlyOnly: true })).toEqual(['B']);
    expect(ids({ search: 'trua' })).toEqual(['C']);
    expect(ids({ search: 'dee' })).toEqual(['D']);
    expect(ids({ search: 'd' })).toEqual(['A', 'D']);
    expect(filterOptions(rows)).toEqual({ yearGroups: ['7', '8'], regGroups: ['7A', '8B'] });
  });
  it('"trending toward PA" keeps rising and high pupils, not those already PA or SA', () => {
    const a = school.rows.find((r) => r.id === 'A')!;
    const withHigh = new Map(risk).set('A', { ...ruleRisk(a.metrics), band: 'high' });
    const rows2 = joinWatch(school.rows, withHigh, (r) => ruleRisk(r.metrics), new Set(), []);
    const ids = (band: typeof NO_FILTER.band) =>
      filterWatch(rows2, { ...NO_FILTER, band }).map((w) => w.row.id);
    expect(ids('trending')).toEqual(['A', 'C']);
    expect(ids('flagged')).toEqual(['A', 'B', 'D']);
  });
  it('takes reasons asked for later where the scoring left a pupil without, and lists who still lacks them', () => {
    const c = school.rows.find((r) => r.id === 'C')!;
    const silent = new Map(risk).set('C', { ...ruleRisk(c.metrics), source: 'model', drivers: [] });
    const rows3 = joinWatch(school.rows, silent, (r) => ruleRisk(r.metrics), new Set(), []);
    const rowC = rows3.find((w) => w.row.id === 'C')!;
    expect(unexplained(rows3)).toEqual(['C']);
    expect(topDriver(rowC)).toBe('');
    const later = { C: [{ text: '3 of the last 8 Mondays absent', effect: 0.1 }] };
    expect(unexplained(rows3, later)).toEqual([]);
    expect(topDriver(rowC, later)).toBe('3 of the last 8 Mondays absent');
    expect(unexplained(rows3, { C: 'working' })).toEqual(['C']);
    expect(watchCsv(rows3, later)).toContain('3 of the last 8 Mondays absent');
  });
  it('exports CSV with one line per pupil', () => {
    const csv = watchCsv(sortWatch(rows, { key: 'risk', descending: true }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^Dee Away,D,8,8B,Already SA,,50,60,/);
  });
});

describe('pupil page', () => {
  const b = school.years.get('B')!;
  it('lays out every session up to as-of on the heat map', () => {
    const weeks = heatWeeks(b, school.calendar, school.asOf);
    expect(weeks).toHaveLength(6);
    expect(weeks.flatMap((w) => w.cells)).toHaveLength(60);
    const ill = weeks.flatMap((w) => w.cells).filter((c) => c.kind === 'authorised');
    expect(ill.map((c) => c.date)).toEqual([
      '2024-10-07',
      '2024-10-07',
      '2024-10-08',
      '2024-10-08',
      '2024-10-09',
      '2024-10-09',
    ]);
  });
  it('finds the weekday pattern and code breakdown', () => {
    const days = weekdayPattern(b, school.asOf);
    expect(days[0]).toEqual({ weekday: 'Monday', possible: 12, absent: 2, absencePct: (100 * 2) / 12 });
    expect(days[4].absent).toBe(0);
    expect(codeBreakdown(b, school.asOf).map((c) => [c.code, c.count])).toEqual([
      ['/', 27],
      ['\\', 27],
      ['I', 6],
    ]);
  });
});

describe('routes', () => {
  it('round-trips every screen and a pupil id with odd characters', () => {
    for (const r of [
      { name: 'overview' },
      { name: 'watch', query: '' },
      { name: 'watch', query: 'year=9&band=trending' },
      { name: 'groups' },
      { name: 'data' },
      { name: 'import' },
    ] as const)
      expect(parseRoute(routeHash(r))).toEqual(r);
    expect(parseRoute(routeHash({ name: 'pupil', id: 'A 1/2' }))).toEqual({ name: 'pupil', id: 'A 1/2' });
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/nonsense')).toEqual({ name: 'home' });
  });
});

describe('search as an officer types it', () => {
  const renee = { id: 'A795520218051', name: 'Renée O’Puddle' };
  const harry = { id: 'A795520215758', name: 'Harry Inkwell' };
  it.each([
    ['renee', renee, true],
    ["o'puddle", renee, true],
    ['O’PUDDLE', renee, true],
    ['Inkwell, Harry', harry, true],
    ['harry inkwell', harry, true],
    ['inkwell harriet', harry, false],
    ['5758', harry, true],
    ['', harry, true],
  ] as const)('%j finds %j: %s', (search, row, found) => {
    expect(matchesSearch(row, search)).toBe(found);
  });
});
