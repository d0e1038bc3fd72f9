import { describe, expect, it } from 'vitest';
import { buildSchool } from '../../src/views/school';
import { figuresOf, lastYearAt, sameDateLastYear, weeklyAttendance } from '../../src/views/weekly';
import { isoWeekOf, NATIONAL_WEEKS, nationalWeekFor } from '../../src/domain/national-weekly';
import { fillMarks } from '../../src/domain/mark-by-date';
import { emptyMarks, type PupilYear } from '../../src/domain/register';
import { PUPILS, YEARS } from './views-fixture';

const school = buildSchool(PUPILS, YEARS)!; // 2 Sep – 11 Oct 2024

describe('weekly attendance beside the national figure', () => {
  it('numbers weeks as ISO 8601 does, so a week matches the same week of another year', () => {
    expect(isoWeekOf('2024-09-09')).toBe(37);
    expect(isoWeekOf('2024-12-30')).toBe(1); // belongs to 2025's first week
    expect(isoWeekOf('2026-01-01')).toBe(1);
    expect(isoWeekOf('2027-01-01')).toBe(53); // a Friday in 2026's last week
    for (const n of NATIONAL_WEEKS) expect(isoWeekOf(n.monday)).toBe(n.isoWeek);
    expect(nationalWeekFor('2025-09-08')?.isoWeek).toBe(37);
    expect(nationalWeekFor('2024-10-28')).toBeUndefined(); // half term: no national figure
  });
  it("gives each week's own attendance, by hand from the fixture, and the national figure for the phase", () => {
    const weeks = weeklyAttendance(school, 'secondary');
    expect(weeks.map((w) => w.monday)).toEqual([
      '2024-09-02',
      '2024-09-09',
      '2024-09-16',
      '2024-09-23',
      '2024-09-30',
      '2024-10-07',
    ]);
    // Week of 9 Sep: Dee absent all 10 sessions, the other three present: 30 of 40.
    expect(weeks[1]).toEqual({
      monday: '2024-09-09',
      possible: 40,
      attendancePct: 75,
      nationalPct: 100 - 5.67,
    });
    // Week of 16 Sep: Dee 10 and Cal 4 sessions absent: 26 of 40.
    expect(weeks[2].attendancePct).toBe(65);
    // Week of 7 Oct: Ben ill Mon–Wed (6 sessions): 34 of 40.
    expect(weeks[5].attendancePct).toBe(85);
    expect(weeks[0].nationalPct).toBeNull(); // week 36 is not in the series
  });
  it('stops at the as-of date', () => {
    const early = buildSchool(PUPILS, YEARS, '2024-09-11')!;
    const weeks = weeklyAttendance(early, 'primary');
    expect(weeks.map((w) => w.possible)).toEqual([40, 24]); // Mon–Wed of the second week
  });
});

describe('the same point last year', () => {
  const prior: PupilYear[] = ['A', 'B'].map((pupilId) => {
    const marks = emptyMarks(2023);
    fillMarks(marks, 2023, '2023-09-04', '2023-10-13', '/');
    if (pupilId === 'B') fillMarks(marks, 2023, '2023-10-02', '2023-10-06', 'O');
    return { pupilId, startYear: 2023, marks };
  });
  it('is the same date a year earlier', () => {
    expect(sameDateLastYear('2024-10-11')).toBe('2023-10-11');
    expect(sameDateLastYear('2024-02-29')).toBe('2023-02-28');
  });
  it("shows last year's school on that date, when last year's registers reach it", () => {
    const then = lastYearAt(PUPILS, prior, '2024-10-11')!;
    expect(then.asOf).toBe('2023-10-11');
    // 28 school days each to Wed 11 Oct 2023; Ben absent 10 sessions: 102 of 112 sessions attended.
    expect(figuresOf(then)).toEqual({
      asOf: '2023-10-11',
      pupils: 2,
      attendancePct: (100 * 102) / 112,
      paPct: 50,
      saPct: 0,
    });
    expect(lastYearAt(PUPILS, prior, '2024-10-25')).toBeNull();
    expect(lastYearAt(PUPILS, [], '2024-10-11')).toBeNull();
  });
});
