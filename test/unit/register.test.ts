import { describe, expect, it } from 'vitest';
import { slotDate, slotEndOfDate, slotOf, schoolYearOf, yearSlots } from '../../src/domain/register';
import { CODES, codeFor, isAbsence, isAttendance, isPossible, markId } from '../../src/domain/codes';

describe('school-year slots', () => {
  const y = yearSlots(2024);
  it('has two slots for every weekday from 1 September to 31 August', () => {
    // 2024-09-01 is a Sunday; 2025-08-31 is a Sunday: 365 days, 52 weeks + 1 day (Sunday) -> 260 weekdays
    expect(y.days.length).toBe(261 - 1);
    expect(y.days[0]).toBe('2024-09-02');
    expect(y.slotCount).toBe(520);
  });
  it('maps dates to slots and back', () => {
    expect(slotOf(y, '2024-09-02', 'AM')).toBe(0);
    expect(slotOf(y, '2024-09-02', 'PM')).toBe(1);
    expect(slotOf(y, '2024-09-09', 'AM')).toBe(10);
    expect(slotOf(y, '2024-09-07', 'AM')).toBe(-1); // Saturday
    expect(slotOf(y, '2025-09-01', 'AM')).toBe(-1); // next year
    expect(slotDate(y, 11)).toEqual({ date: '2024-09-09', session: 'PM' });
    expect(slotEndOfDate(y, '2024-09-08')).toBe(10); // Sunday -> end of Friday 6th
  });
  it('assigns dates to school years', () => {
    expect(schoolYearOf('2024-08-31')).toBe(2023);
    expect(schoolYearOf('2024-09-01')).toBe(2024);
  });
});

describe('code table', () => {
  it('has unique ids and symbols', () => {
    expect(new Set(CODES.map((c) => c.id)).size).toBe(CODES.length);
    expect(new Set(CODES.map((c) => c.code)).size).toBe(CODES.length);
  });
  it('counts codes as the 2024 regulations say', () => {
    expect(isAttendance(markId('/'))).toBe(true);
    expect(isAttendance(markId('L'))).toBe(true);
    expect(isAttendance(markId('K'))).toBe(true);
    expect(isAbsence(markId('U'))).toBe(true);
    expect(codeFor('U')?.category).toBe('unauthorised');
    expect(codeFor('I')?.category).toBe('authorised');
    expect(isPossible(markId('D'))).toBe(false);
    expect(isPossible(markId('X'))).toBe(false);
    expect(isPossible(markId('#'))).toBe(false);
    expect(isPossible(markId('Y4'))).toBe(false);
    expect(codeFor('H')?.withdrawn).toBe('2024-08-19');
    expect(codeFor('F')?.withdrawn).toBe('2013-09-01');
  });
});
