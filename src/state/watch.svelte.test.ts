/**
 * WatchState: the filters, sort and page live in the URL; what the list shows follows the URL (a bookmark
 * reopened), changes to the filters are written back to it, and the CSV holds the rows the view shows.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from './app.svelte';
import { router } from './router.svelte';
import { watch } from './watch.svelte';
import { parseRoute } from '../views/route';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';

// Node has no address bar: a minimal one the router writes to, as the browser's would.
const address = { hash: '' };
vi.stubGlobal('location', address);
// No model in Node: the register rule is used, and the app says so in a warning (after the test has moved on).
vi.stubGlobal('console', { ...console, warn: () => {} });
vi.stubGlobal('history', {
  pushState: (_: unknown, __: string, h: string) => (address.hash = h),
  replaceState: (_: unknown, __: string, h: string) => (address.hash = h),
});

/** What a reader of the hash would open: the route the browser's hashchange hands the router. */
const open = (hash: string) => router.replace(parseRoute(hash));
const ids = () => watch.visible.map((w) => w.row.id);

beforeEach(() => {
  app.setSchool(PUPILS, YEARS);
  open('#/watch');
});

describe('WatchState', () => {
  it('writes each filter change into the URL and shows what it asks for', () => {
    watch.setFilter({ yearGroup: '8' });
    expect(address.hash).toBe('#/watch?year=8');
    expect(ids().sort()).toEqual(['C', 'D']);
    watch.setFilter({ fsm: 'yes' });
    expect(address.hash).toBe('#/watch?year=8&fsm=yes');
    expect(ids()).toEqual(['D']);
    watch.sortBy('name');
    expect(address.hash).toBe('#/watch?year=8&fsm=yes&sort=name');
    watch.reset();
    expect(address.hash).toBe('#/watch');
    expect(ids()).toHaveLength(4);
  });

  it('reopens a bookmarked view: the URL alone sets the filters, the sort and the order shown', () => {
    open('#/watch?band=flagged&sort=name');
    expect(watch.filter.band).toBe('flagged');
    expect(watch.sort).toEqual({ key: 'name', descending: false });
    // High, PA or SA: Ben (PA) and Dee (SA), by name.
    expect(watch.visible.map((w) => w.row.name)).toEqual(['Ben Ill', 'Dee Away']);
    open('#/watch?band=flagged&sort=name&dir=desc');
    expect(watch.visible.map((w) => w.row.name)).toEqual(['Dee Away', 'Ben Ill']);
  });

  it('keeps the view for the way back from a pupil, and keeps the as-of date in the URL', () => {
    watch.setFilter({ regGroup: '7A' });
    router.go({ name: 'pupil', id: 'B' });
    expect(watch.href).toBe('#/watch?reg=7A');
    expect(watch.filter.regGroup).toBe('7A');
    router.setAsOf('2024-10-04');
    open('#/watch?reg=7A');
    watch.setFilter({ search: 'ben' });
    expect(address.hash).toBe('#/watch?q=ben&reg=7A&asOf=2024-10-04');
    router.setAsOf(null);
  });

  it('pages within the filtered rows and goes back to page 1 when a filter changes', () => {
    watch.setPage(3); // only one page of four pupils: the last page is shown
    expect(address.hash).toBe('#/watch?page=4');
    expect(watch.current).toBe(0);
    watch.setFilter({ sen: 'any' });
    expect(address.hash).toBe('#/watch?sen=any');
  });

  it('builds the CSV from the rows the view shows, named for the as-of date', async () => {
    watch.setFilter({ yearGroup: '7' });
    const { name, text } = await watch.csv();
    expect(name).toBe('watch-list-2024-10-11.csv');
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['B', 'A']); // highest risk first
  });
});
