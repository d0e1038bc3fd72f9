/**
 * TodayState: the tab, filters and page live in the URL (`#/today?…`); the list follows the URL (a bookmark
 * reopened) and each filter change is written back to it, replacing the history entry; the ticked pupils stay here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from './app.svelte';
import { router } from './router.svelte';
import { today } from './today.svelte';
import { parseRoute } from '../views/route';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';

// Node has no address bar: a minimal one the router writes to, as the browser's would.
const address = { hash: '' };
const entries: string[] = [];
vi.stubGlobal('location', address);
vi.stubGlobal('history', {
  pushState: (_: unknown, __: string, h: string) => entries.push((address.hash = h)),
  replaceState: (_: unknown, __: string, h: string) => (entries[entries.length - 1] = address.hash = h),
});
vi.stubGlobal('console', { ...console, warn: () => {} }); // no model in Node: the register rule is used

const open = (hash: string) => router.go(parseRoute(hash));
const ids = () => today.visible.map((t) => t.w.row.id).sort();

beforeEach(() => {
  app.interventions = [];
  app.setSchool(PUPILS, YEARS); // as of Fri 11 Oct 2024: Ben PA, Cal rising, Dee SA
  open('#/today');
});

describe('TodayState', () => {
  it('writes each filter into the URL without a history entry per click, and shows what it asks for', () => {
    const before = entries.length;
    expect(ids()).toEqual(['B', 'C', 'D']);
    today.set({ yearGroup: '8' });
    expect(address.hash).toBe('#/today?year=8');
    expect(ids()).toEqual(['C', 'D']);
    today.set({ tab: 'pa' });
    expect(address.hash).toBe('#/today?tab=pa&year=8');
    expect(ids()).toEqual(['D']);
    expect(entries.length).toBe(before);
    today.set({ tab: 'today', yearGroup: '' });
    expect(address.hash).toBe('#/today');
  });

  it('reopens a bookmarked view from the URL alone', () => {
    open('#/today?tab=pa&size=all');
    expect(today.query.tab).toBe('pa');
    expect(today.query.size).toBe(0);
    // Already PA or SA: Ben and Dee; the tab counts both lists.
    expect(ids()).toEqual(['B', 'D']);
    expect(today.counts).toEqual({ today: 3, pa: 2 });
    open('#/today?stage=none&year=7');
    expect(ids()).toEqual(['B']);
  });

  it('goes back to page 1 on any change but the page, and keeps the ticked pupils', () => {
    open('#/today?size=10&page=3');
    expect(today.query.page).toBe(2);
    expect(today.current).toBe(0); // one page of three pupils
    today.toggle('C', true);
    today.set({ owner: 'JS' });
    expect(address.hash).toBe('#/today?owner=JS&size=10');
    expect([...today.selected]).toEqual(['C']);
    today.toggle('C', false);
    expect(today.selected.size).toBe(0);
  });
});
