import { describe, expect, it } from 'vitest';
import { slotEndOfDate, yearSlots } from '../../src/domain/register';
import { tallyMarks } from '../../src/domain/tally';
import { demoSchool, demoThroughDate } from '../../src/sim/demo';

describe('demo school', () => {
  const demo = demoSchool();

  it('runs the current year to the last Friday on or before today (default 2026-11-23 → 2026-11-20)', () => {
    expect(demo.throughDate).toBe('2026-11-20');
    expect(demo.calendar.map((c) => c.startYear)).toEqual([2025, 2026]);
    const end = slotEndOfDate(yearSlots(2026), '2026-11-20');
    const current = demo.years.filter((y) => y.startYear === 2026);
    expect(current.every((py) => py.marks.subarray(end).every((m) => m === 0))).toBe(true);
    expect(current.some((py) => py.marks[end - 1] !== 0)).toBe(true);
  });

  it('has a complete previous year and about 1,000 secondary pupils in each year, all flagged demo', () => {
    const previous = demo.years.filter((y) => y.startYear === 2025);
    const current = demo.years.filter((y) => y.startYear === 2026);
    for (const ys of [previous, current]) {
      expect(ys.length).toBeGreaterThan(900);
      expect(ys.length).toBeLessThan(1100);
    }
    const possible = previous
      .filter((y) => !y.admissionDate && !y.leavingDate)
      .map((y) => tallyMarks(y.marks).possible);
    expect(Math.max(...possible)).toBeLessThanOrEqual(380);
    expect(possible.filter((p) => p >= 370).length).toBeGreaterThan(previous.length / 2);
    expect(new Set(demo.years.map((y) => y.yearGroup))).toEqual(new Set(['7', '8', '9', '10', '11']));
    expect(demo.pupils.every((p) => p.demo === true)).toBe(true);
  });

  it('is identical for the same today, and moves with today', () => {
    const again = demoSchool({ today: '2026-11-23' });
    expect(again.years.map((y) => y.marks.join()).join('|')).toBe(
      demo.years.map((y) => y.marks.join()).join('|'),
    );
    expect(again.pupils).toEqual(demo.pupils);
    expect(demoSchool({ today: '2027-03-10' }).throughDate).toBe('2027-03-05');
  });

  it('clamps today into term', () => {
    expect(demoThroughDate('2026-11-22')).toBe('2026-11-20'); // Sunday
    expect(demoThroughDate('2026-11-20')).toBe('2026-11-20'); // a Friday is its own last Friday
    expect(demoThroughDate('2027-08-10')).toBe('2027-07-20'); // summer holiday: the whole year
    expect(demoThroughDate('2026-09-01')).toBe('2026-09-04'); // before term: the first Friday
  });
});
