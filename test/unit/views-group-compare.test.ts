import { describe, expect, it } from 'vitest';
import { compareGroups, groupBars } from '../../src/views/group-compare';
import { groupLines } from '../../src/views/groups';
import { buildSchool } from '../../src/views/school';
import { lastYearAt } from '../../src/views/weekly';
import { fillMarks } from '../../src/domain/mark-by-date';
import { emptyMarks } from '../../src/domain/register';
import { PRIOR_YEARS, PUPILS, YEARS } from './views-fixture';

// Last year: Ada and Ben in Year 7; Ben absent all week from Mon 2 Oct 2023 (views-fixture.ts).
const PRIOR = PRIOR_YEARS;

function compared(asOf: string) {
  const school = buildSchool(PUPILS, YEARS, asOf)!;
  const lines = groupLines(school.rows, new Map(), 'secondary', school.asOf);
  return compareGroups(lines, lastYearAt(PUPILS, PRIOR, school.asOf), 'secondary');
}
const find = (rows: ReturnType<typeof compared>, name: string) => rows.find((r) => r.line.name === name)!;

describe('each group beside the same point last year', () => {
  it("matches each group with last year's same group on the same date, worked out by hand", () => {
    const rows = compared('2024-10-11'); // last year: to Wed 11 Oct 2023, 28 school days, 56 sessions
    const y7 = find(rows, 'Year 7').lastYear!;
    expect(y7.pupils).toBe(2);
    // Ben missed 10 of 56 sessions (17.9%): PA; Ada none. 102 of 112 sessions attended.
    expect(y7.paCount).toBe(1);
    expect(y7.paRate).toBe(50);
    expect(y7.attendancePct).toBeCloseTo((100 * 102) / 112, 10);
    expect(find(rows, '7A').lastYear?.paRate).toBe(50);
    // FSM and SEN as the pupils' records say: Ben (FSM, SEN support) alone PA.
    expect(find(rows, 'FSM').lastYear).toMatchObject({ pupils: 1, paRate: 100 });
    expect(find(rows, 'non-FSM').lastYear).toMatchObject({ pupils: 1, paRate: 0 });
    // No Year 8 last year: nothing to compare with, rather than a zero.
    expect(find(rows, 'Year 8').lastYear).toBeNull();
    expect(find(rows, '8B').lastYear).toBeNull();
  });

  it('follows the as-of date: before Ben was absent last year, last year had no PA', () => {
    const rows = compared('2024-09-27'); // last year: to Wed 27 Sep 2023
    expect(find(rows, 'Year 7').lastYear).toMatchObject({ pupils: 2, paCount: 0, paRate: 0 });
  });

  it("has no last year when last year's registers do not reach the same date", () => {
    const short = PRIOR.map((p) => {
      const marks = emptyMarks(2023);
      fillMarks(marks, 2023, '2023-09-04', '2023-09-29', '/');
      return { ...p, marks };
    });
    const school = buildSchool(PUPILS, YEARS)!;
    const lines = groupLines(school.rows, new Map(), 'secondary', school.asOf);
    const none = compareGroups(lines, lastYearAt(PUPILS, short, school.asOf), 'secondary');
    expect(none.map((r) => r.lastYear)).toEqual(lines.map(() => null));
    expect(none.map((r) => r.line)).toEqual(lines);
  });

  it("gives the chart each group's own figures, in the table's order", () => {
    const rows = compared('2024-10-11');
    const bars = groupBars(rows);
    expect(bars.map((b) => b.name)).toEqual(rows.map((r) => r.line.name));
    const y7 = bars[rows.findIndex((r) => r.line.name === 'Year 7')];
    expect(y7).toEqual({
      name: 'Year 7',
      pupils: 2,
      paRate: find(rows, 'Year 7').line.figures.paRate,
      nationalPa: find(rows, 'Year 7').line.nationalPa,
      lastYearPa: 50,
    });
  });
});
