/**
 * Router: which screen shows follows the hash; going to a screen adds a history entry, changing a list's filters
 * replaces it, the as-of date rides along on every screen, and each list's last filters are remembered.
 */
import { describe, expect, it, vi } from 'vitest';
import { Router } from './router.svelte';

function browser(hash = '') {
  const entries = [hash];
  const address = { hash };
  vi.stubGlobal('location', address);
  vi.stubGlobal('history', {
    pushState: (_: unknown, __: string, h: string) => entries.push((address.hash = h)),
    replaceState: (_: unknown, __: string, h: string) => (entries[entries.length - 1] = address.hash = h),
  });
  return { address, entries };
}

describe('Router', () => {
  it('opens on the screen, filters and as-of date its URL names', () => {
    browser('#/today?due=1&asOf=2024-10-04');
    const r = new Router();
    expect(r.route).toEqual({ name: 'today', query: 'due=1' });
    expect(r.asOf).toBe('2024-10-04');
    expect(r.lastQuery('today')).toBe('due=1');
  });

  it('adds a history entry per screen and replaces it per filter change', () => {
    const { address, entries } = browser('#/');
    const r = new Router();
    r.go({ name: 'watch', query: '' });
    r.replace({ name: 'watch', query: 'year=9' });
    r.replace({ name: 'watch', query: 'year=9&band=trending' });
    expect(entries).toEqual(['#/', '#/watch?year=9&band=trending']);
    r.go({ name: 'pupil', id: 'A 1' });
    expect(address.hash).toBe('#/pupil/A%201');
    expect(entries).toHaveLength(3);
    // The list's filters are remembered for the way back.
    expect(r.lastQuery('watch')).toBe('year=9&band=trending');
    expect(r.lastQuery('today')).toBe('');
  });

  it('carries the as-of date from screen to screen until it is cleared', () => {
    const { address } = browser('#/overview');
    const r = new Router();
    r.setAsOf('2024-10-01');
    expect(address.hash).toBe('#/overview?asOf=2024-10-01');
    expect(r.route).toEqual({ name: 'overview' });
    r.go({ name: 'today', query: 'owner=JS' });
    expect(address.hash).toBe('#/today?owner=JS&asOf=2024-10-01');
    r.setAsOf(null);
    expect(address.hash).toBe('#/today?owner=JS');
    expect(r.asOf).toBeNull();
  });
});
