/**
 * GroupsState: each group beside the same group at the same point last year when the store holds last year, the
 * charts drawn from the same figures, all following the as-of date and the data loaded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from './app.svelte';
import { groups } from './groups.svelte';
import { PRIOR_YEARS, PUPILS, YEARS } from '../../test/unit/views-fixture';

vi.stubGlobal('console', { ...console, warn: () => {} }); // no model in Node: the register rule is used

const lastYearOf = (name: string) => groups.rows.find((r) => r.line.name === name)?.lastYear ?? null;
const diamonds = (svg: string) => (svg.match(/class="last-year"/g) ?? []).length;

beforeEach(() => app.setAsOf(null));

describe('GroupsState', () => {
  it("compares each group with last year's on the same date and draws it on the group's chart", () => {
    app.setSchool(PUPILS, YEARS, PRIOR_YEARS);
    expect(groups.lastYearAsOf).toBe('2023-10-11');
    expect(lastYearOf('Year 7')?.paRate).toBe(50);
    expect(lastYearOf('Year 8')).toBeNull();
    expect(groups.byKind['Year group'].map((r) => r.line.name)).toEqual(['Year 7', 'Year 8']);
    expect(groups.byKind['Registration group'].map((r) => r.line.name)).toEqual(['7A', '8B']);
    // One diamond where last year is known (Year 7), none for Year 8.
    expect(diamonds(groups.charts['Year group'])).toBe(1);
    expect(groups.charts['Year group']).toContain('Year 7: 50.0% PA at the same point last year');
    expect(groups.charts['Year group']).toContain('and the same point last year');
  });

  it('moves last year with the as-of date', () => {
    app.setSchool(PUPILS, YEARS, PRIOR_YEARS);
    app.setAsOf('2024-09-27');
    expect(groups.lastYearAsOf).toBe('2023-09-27');
    expect(lastYearOf('Year 7')?.paRate).toBe(0);
  });

  it('without last year: no comparison, and the charts say so by leaving it out', () => {
    app.setSchool(PUPILS, YEARS);
    expect(groups.lastYearAsOf).toBeNull();
    expect(groups.rows.every((r) => r.lastYear === null)).toBe(true);
    expect(diamonds(groups.charts['Year group'])).toBe(0);
    expect(groups.charts['Year group']).not.toContain('last year');
    // Fairness lines: year groups, FSM and SEN, not registration groups.
    expect(new Set(groups.fairness.map((l) => l.kind))).toEqual(new Set(['Year group', 'FSM', 'SEN']));
  });
});
