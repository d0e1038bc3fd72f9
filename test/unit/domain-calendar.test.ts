import { describe, expect, it } from 'vitest';
import { emptyMarks, slotEndOfDate, yearSlots } from '../../src/domain/register';
import { fillMarks, setMark } from '../../src/domain/mark-by-date';
import {
  dayOnOrBefore,
  inferCalendar,
  periodContaining,
  schoolWeeks,
  sessionsBetween,
  type SchoolCalendar,
} from '../../src/domain/calendar';

const Y = 2024;
const year = yearSlots(Y);

/**
 * School A, 2024/25 (hand-made, one week off the typical pattern at Easter):
 * INSET 2–3 Sep and 4 Nov; half terms 4 Sep–25 Oct, 5 Nov–20 Dec, 6 Jan–14 Feb, 24 Feb–4 Apr,
 * 22 Apr–23 May, 2 Jun–21 Jul; bank holiday 5 May; polling-day closure (#) 2 May; snow day (Y4) 9 Jan.
 */
const A_TERMS: [string, string][] = [
  ['2024-09-04', '2024-10-25'],
  ['2024-11-05', '2024-12-20'],
  ['2025-01-06', '2025-02-14'],
  ['2025-02-24', '2025-04-04'],
  ['2025-04-22', '2025-05-23'],
  ['2025-06-02', '2025-07-21'],
];

function schoolARegisters(): Uint8Array[] {
  const p1 = emptyMarks(Y);
  const p2 = emptyMarks(Y);
  for (const [from, to] of A_TERMS) {
    fillMarks(p1, Y, from, to, '/');
    fillMarks(p2, Y, from, to, 'D'); // dual registered all year: never makes a day open by itself
  }
  for (const p of [p1, p2]) {
    fillMarks(p, Y, '2025-05-05', '2025-05-05', '/'); // clear below
    p.fill(0, slotEndOfDate(year, '2025-05-04'), slotEndOfDate(year, '2025-05-05'));
    fillMarks(p, Y, '2025-05-02', '2025-05-02', '#');
    fillMarks(p, Y, '2025-01-09', '2025-01-09', 'Y4');
  }
  return [p1, p2];
}

function truncateAfter(marks: Uint8Array, iso: string): Uint8Array {
  const m = marks.slice();
  m.fill(0, slotEndOfDate(year, iso));
  return m;
}

const dates = (cal: SchoolCalendar) => cal.halfTerms.map((p) => [p.name, p.startDate, p.endDate, p.assumed]);

describe('inferCalendar from a full year of registers', () => {
  const cal = inferCalendar(Y, schoolARegisters());

  it('finds the six half terms from the holidays in the data', () => {
    expect(dates(cal)).toEqual([
      ['Autumn 1', '2024-09-04', '2024-10-25', false],
      ['Autumn 2', '2024-11-05', '2024-12-20', false],
      ['Spring 1', '2025-01-06', '2025-02-14', false],
      ['Spring 2', '2025-02-24', '2025-04-04', false],
      ['Summer 1', '2025-04-22', '2025-05-23', false],
      ['Summer 2', '2025-06-02', '2025-07-21', false],
    ]);
    expect(cal.terms.map((t) => [t.name, t.startDate, t.endDate])).toEqual([
      ['Autumn', '2024-09-04', '2024-12-20'],
      ['Spring', '2025-01-06', '2025-04-04'],
      ['Summer', '2025-04-22', '2025-07-21'],
    ]);
    expect(cal.source).toBe('inferred');
  });

  it('counts open sessions: # closures, bank holidays and whole-school Y4 days are not open', () => {
    // Open days by half term: 38 + 34 + (30 - snow day) + 30 + (24 - 5 May - 2 May) + 36 = 189
    expect(cal.plannedSessions).toBe(378);
    const di = (iso: string) => dayOnOrBefore(year, iso);
    expect(cal.openDay[di('2025-05-02')]).toBe(0);
    expect(cal.closureDay[di('2025-05-02')]).toBe(1);
    expect(cal.closureDay[di('2025-05-05')]).toBe(0); // a bank holiday is not a planned closure
    expect(cal.openDay[di('2025-01-09')]).toBe(0);
    expect(cal.openDay[di('2024-09-03')]).toBe(0); // INSET
    expect(cal.lastMarkedDay).toBe('2025-07-21');
    expect(cal.firstMarkedDay).toBe('2024-09-04');
  });

  it('answers which half term a date is in', () => {
    expect(periodContaining(cal, '2024-11-05')?.name).toBe('Autumn 2');
    expect(periodContaining(cal, '2024-10-30')).toBeUndefined(); // half term
    expect(periodContaining(cal, '2024-11-09')).toBeUndefined(); // Saturday
    expect(periodContaining(cal, '2025-05-02')?.name).toBe('Summer 1'); // closed, but in term
  });

  it('lists school weeks and counts sessions between dates', () => {
    const weeks = schoolWeeks(cal);
    // 8 + 7 + 6 + 6 + 5 + 8 weeks with an open day
    expect(weeks).toHaveLength(40);
    expect(weeks[0]).toEqual({ startSlot: 0, endSlot: 10, monday: '2024-09-02' });
    expect(weeks[8].monday).toBe('2024-11-04');
    expect(sessionsBetween(cal, '2024-09-01', '2024-09-08')).toBe(6);
    expect(sessionsBetween(cal, '2025-04-28', '2025-05-09')).toBe(16); // 10 days less 2 May and 5 May
  });
});

describe('inferCalendar with data only to mid-November', () => {
  const cal = inferCalendar(
    Y,
    schoolARegisters().map((m) => truncateAfter(m, '2024-11-15')),
  );

  it('keeps the observed half term and assumes the typical pattern for the rest', () => {
    expect(dates(cal)).toEqual([
      ['Autumn 1', '2024-09-04', '2024-10-25', false],
      ['Autumn 2', '2024-11-05', '2024-12-20', true],
      ['Spring 1', '2025-01-06', '2025-02-14', true],
      ['Spring 2', '2025-02-24', '2025-04-11', true],
      ['Summer 1', '2025-04-28', '2025-05-23', true],
      ['Summer 2', '2025-06-02', '2025-07-21', true],
    ]);
    expect(cal.lastMarkedDay).toBe('2024-11-15');
  });

  it('plans the rest of the year: INSET days and bank holidays are not open', () => {
    // Observed: 38 + 9 days. Assumed after 15 Nov: 25 (to 20 Dec) + 29 (6 Jan INSET) + 35
    // + 19 (5 May) + 35 (2 Jun INSET) = 143 days. 190 days in all.
    expect(cal.plannedSessions).toBe(380);
    expect(sessionsBetween(cal, '2024-11-16', '2025-08-31')).toBe(286);
  });
});

describe('inferCalendar edge cases', () => {
  it('with no registers, uses the typical year', () => {
    const cal = inferCalendar(Y, []);
    expect(cal.plannedSessions).toBe(380);
    expect(cal.halfTerms.every((p) => p.assumed)).toBe(true);
    expect(cal.halfTerms[0].startDate).toBe('2024-09-02');
    expect(cal.lastMarkedDay).toBeNull();
  });

  it('treats short gaps as in-term unless they sit on a half-term week', () => {
    const m = emptyMarks(Y);
    for (const [from, to] of A_TERMS) fillMarks(m, Y, from, to, '/');
    m.fill(0, slotEndOfDate(year, '2024-11-17'), slotEndOfDate(year, '2024-11-21')); // 4 days mid-term
    fillMarks(m, Y, '2025-02-21', '2025-02-21', '/'); // Feb break only Mon–Thu (4 days)
    const cal = inferCalendar(Y, [m]);
    expect(cal.halfTerms[1].startDate).toBe('2024-11-05');
    expect(cal.halfTerms[1].endDate).toBe('2024-12-20');
    expect(cal.halfTerms[2].endDate).toBe('2025-02-14');
    expect(cal.halfTerms[3].startDate).toBe('2025-02-21');
    expect(cal.halfTerms.every((p) => !p.assumed)).toBe(true);
  });

  it('finds Easter from the longest spring gap, even when Easter weekend falls inside term', () => {
    const terms: [string, string][] = [
      ...A_TERMS.slice(0, 3),
      ['2025-02-24', '2025-04-17'], // Good Friday 18 Apr and Easter Monday 21 Apr off...
      ['2025-04-22', '2025-04-25'], // ...back for a week...
      ['2025-05-12', '2025-05-23'], // ...then two weeks off from 28 Apr
      A_TERMS[5],
    ];
    const m = emptyMarks(Y);
    for (const [from, to] of terms) fillMarks(m, Y, from, to, '/');
    const cal = inferCalendar(Y, [m]);
    expect(cal.halfTerms[3].endDate).toBe('2025-04-25');
    expect(cal.halfTerms[4].startDate).toBe('2025-05-12');
    expect(cal.halfTerms[4].endDate).toBe('2025-05-23');
  });

  it('lets the user set half-term dates', () => {
    const cal = inferCalendar(Y, [], {
      halfTerms: { 'Summer 2': { startDate: '2025-06-02', endDate: '2025-07-18' } },
    });
    expect(cal.source).toBe('user');
    const s2 = cal.halfTerms[5];
    expect([s2.startDate, s2.endDate, s2.assumed]).toEqual(['2025-06-02', '2025-07-18', false]);
    // The typical pattern ends 21 Jul with 2 Jun as INSET: 18 Jul drops 21 Jul.
    expect(cal.plannedSessions).toBe(378);
  });

  it('writes marks one session at a time', () => {
    const m = emptyMarks(Y);
    setMark(m, Y, '2024-09-10', 'PM', 'I');
    const cal = inferCalendar(Y, [m]);
    expect(sessionsBetween(cal, '2024-09-10', '2024-09-10')).toBe(1); // only PM had a possible mark
  });
});

describe('inferCalendar as the year unfolds', () => {
  it('keeps six ordered half terms and about 380 sessions whatever week the data stops', () => {
    const [full] = schoolARegisters();
    for (let di = 5; di < year.days.length; di += 7) {
      const cal = inferCalendar(Y, [truncateAfter(full, year.days[di])]);
      const ht = cal.halfTerms;
      for (let h = 0; h < 6; h++) {
        expect(ht[h].startSlot, `${year.days[di]} ${ht[h].name}`).toBeLessThan(ht[h].endSlot);
        if (h > 0)
          expect(ht[h].startSlot, `${year.days[di]} ${ht[h].name}`).toBeGreaterThanOrEqual(ht[h - 1].endSlot);
      }
      // Observed 378 over the whole year; the typical pattern plans 380.
      expect(cal.plannedSessions, year.days[di]).toBeGreaterThanOrEqual(370);
      expect(cal.plannedSessions, year.days[di]).toBeLessThanOrEqual(390);
    }
  });
});
