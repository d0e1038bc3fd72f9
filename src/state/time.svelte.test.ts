/** TimeState: this year's figures beside last year's on the same date, and the weekly figures, following the data. */
import { describe, expect, it, vi } from 'vitest';
import { app } from './app.svelte';
import { time } from './time.svelte';
import { PRIOR_YEARS, PUPILS, YEARS } from '../../test/unit/views-fixture';

vi.stubGlobal('console', { ...console, warn: () => {} }); // no model in Node: the register rule is used

describe('TimeState', () => {
  it("gives last year's school on the same date when the store holds it, and follows the as-of date", () => {
    app.setSchool(PUPILS, YEARS, PRIOR_YEARS);
    expect(time.thisYearFigures?.asOf).toBe('2024-10-11');
    expect(time.lastYear?.asOf).toBe('2023-10-11');
    // Ada and Ben: 102 of 112 sessions attended; Ben PA.
    expect(time.lastYearFigures).toMatchObject({ pupils: 2, paPct: 50 });
    expect(time.lastYearFigures!.attendancePct).toBeCloseTo((100 * 102) / 112, 10);
    expect(time.weekly.map((w) => w.monday).at(-1)).toBe('2024-10-07');

    app.setAsOf('2024-09-20');
    expect(time.lastYear?.asOf).toBe('2023-09-20');
    expect(time.lastYearFigures?.paPct).toBe(0);
    expect(time.weekly).toHaveLength(3);
    app.setAsOf(null);
  });

  it('has nothing to compare with when last year is not loaded', () => {
    app.setSchool(PUPILS, YEARS);
    expect(time.lastYear).toBeNull();
    expect(time.lastYearFigures).toBeNull();
    expect(time.thisYearFigures?.pupils).toBe(4);
  });
});
