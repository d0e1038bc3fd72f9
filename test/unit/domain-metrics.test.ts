import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CAT, CATEGORY_OF, markId } from '../../src/domain/codes';
import { emptyMarks, slotEndOfDate, slotOf, yearSlots, type PupilYear } from '../../src/domain/register';
import { fillMarks } from '../../src/domain/mark-by-date';
import { inferCalendar } from '../../src/domain/calendar';
import {
  groupMetrics,
  metricsForPeriod,
  paRunway,
  periodMetrics,
  pupilMetrics,
} from '../../src/domain/metrics';
import { combineTotals, metricsFromTotals, poolTotals, totalsAddUp } from '../../src/domain/summary';

const Y = 2024;
const year = yearSlots(Y);
const YEAR_END = '2025-08-31';

/**
 * The same hand-made school as domain-calendar.test.ts: 189 open days (378 sessions).
 * Half terms 4 Sep–25 Oct (38 days), 5 Nov–20 Dec (34), 6 Jan–14 Feb (29: snow day 9 Jan, Y4),
 * 24 Feb–4 Apr (30), 22 Apr–23 May (22: # on 2 May, bank holiday 5 May), 2 Jun–21 Jul (36).
 */
const TERMS: [string, string][] = [
  ['2024-09-04', '2024-10-25'],
  ['2024-11-05', '2024-12-20'],
  ['2025-01-06', '2025-02-14'],
  ['2025-02-24', '2025-04-04'],
  ['2025-04-22', '2025-05-23'],
  ['2025-06-02', '2025-07-21'],
];

/** Present at every open session of school A. */
function presentAllYear(): Uint8Array {
  const m = emptyMarks(Y);
  for (const [from, to] of TERMS) fillMarks(m, Y, from, to, '/');
  m.fill(0, slotEndOfDate(year, '2025-05-04'), slotEndOfDate(year, '2025-05-05'));
  fillMarks(m, Y, '2025-05-02', '2025-05-02', '#');
  fillMarks(m, Y, '2025-01-09', '2025-01-09', 'Y4');
  return m;
}

/** Overwrites attendance marks only (never closures or not-possible marks), both sessions, on [from, to]. */
function absent(m: Uint8Array, from: string, to: string, sym: string): Uint8Array {
  for (let s = slotOf(year, from, 'AM'), end = slotEndOfDate(year, to); s < end; s++) {
    if (CATEGORY_OF[m[s]] === CAT.present) m[s] = markId(sym);
  }
  return m;
}
function put(m: Uint8Array, iso: string, session: 'AM' | 'PM', sym: string): Uint8Array {
  m[slotOf(year, iso, session)] = sym === '' ? 0 : markId(sym);
  return m;
}
const pupil = (pupilId: string, marks: Uint8Array, extra: Partial<PupilYear> = {}): PupilYear => ({
  pupilId,
  startYear: Y,
  marks,
  ...extra,
});

const cal = inferCalendar(Y, [presentAllYear()]);

/** 8 sessions X (4–9 Sep), then 37 sessions of illness (10 Sep – 4 Oct AM): 37 / 370 = exactly 10%. */
function tenPercent(): PupilYear {
  const m = presentAllYear();
  for (const d of ['2024-09-04', '2024-09-05', '2024-09-06', '2024-09-09']) {
    put(m, d, 'AM', 'X');
    put(m, d, 'PM', 'X');
  }
  absent(m, '2024-09-10', '2024-10-03', 'I');
  put(m, '2024-10-04', 'AM', 'I');
  return pupil('ten', m);
}
/** As above with only 4 sessions X: 37 / 374 = 9.89%. */
function justUnder(): PupilYear {
  const p = tenPercent();
  put(p.marks, '2024-09-06', 'AM', '/');
  put(p.marks, '2024-09-06', 'PM', '\\');
  put(p.marks, '2024-09-09', 'AM', '/');
  put(p.marks, '2024-09-09', 'PM', '\\');
  return { ...p, pupilId: 'under' };
}

describe('pupilMetrics: thresholds', () => {
  it('exactly 10% is persistent absence', () => {
    const m = pupilMetrics(tenPercent(), cal, YEAR_END);
    // not possible: 8 X + the snow day's 2 Y4 sessions
    expect(m.tally).toMatchObject({
      possible: 370,
      attended: 333,
      absent: 37,
      authorised: 37,
      notPossible: 10,
    });
    expect(m.absencePct).toBe(10);
    expect(m.attendancePct).toBe(90);
    expect(m.pa).toBe(true);
    expect(m.sa).toBe(false);
    expect([m.spells, m.longestSpell]).toEqual([1, 37]);
  });
  it('9.9% is not', () => {
    const m = pupilMetrics(justUnder(), cal, YEAR_END);
    expect(m.tally.possible).toBe(374);
    expect(m.absencePct).toBeCloseTo(9.893, 3);
    expect(m.pa).toBe(false);
  });
  it('exactly 50% is severe absence (and persistent)', () => {
    // To 13 Sep: 8 open days = 16 sessions; absent 4–6 Sep (I) and 9 Sep (N) = 8.
    const m = absent(
      absent(presentAllYear(), '2024-09-04', '2024-09-06', 'I'),
      '2024-09-09',
      '2024-09-09',
      'N',
    );
    const r = pupilMetrics(pupil('half', m), cal, '2024-09-13');
    expect(r.tally).toMatchObject({ possible: 16, authorised: 6, unauthorised: 2 });
    expect([r.absencePct, r.pa, r.sa]).toEqual([50, true, true]);
    // One fewer absence: 7 / 16 = 43.75%
    put(m, '2024-09-09', 'PM', '\\');
    const r2 = pupilMetrics(pupil('half', m), cal, '2024-09-13');
    expect([r2.absencePct, r2.pa, r2.sa]).toEqual([43.75, true, false]);
  });
  it('has no rates without possible sessions', () => {
    const m = emptyMarks(Y);
    fillMarks(m, Y, '2024-09-04', '2024-10-25', 'X');
    const r = pupilMetrics(pupil('x', m), cal, '2024-10-25');
    expect([r.attendancePct, r.absencePct, r.pa, r.sa]).toEqual([null, null, false, false]);
    expect(r.tally.notPossible).toBe(76);
  });
});

describe('pupilMetrics: spells, missing marks and the penalty-notice count', () => {
  // 4 Sep I I | 5 Sep X I | 6 Sep / N | 9 Sep (no marks) | 10 Sep U / | 11 Sep D G | 12 Sep G L | 13 Sep / \
  function spelly(): PupilYear {
    const m = presentAllYear();
    const marks: [string, string, string][] = [
      ['2024-09-04', 'I', 'I'],
      ['2024-09-05', 'X', 'I'],
      ['2024-09-06', '/', 'N'],
      ['2024-09-09', '', ''],
      ['2024-09-10', 'U', '\\'],
      ['2024-09-11', 'D', 'G'],
      ['2024-09-12', 'G', 'L'],
    ];
    for (const [d, am, pm] of marks) put(put(m, d, 'AM', am), d, 'PM', pm);
    return pupil('spells', m);
  }
  it('counts spells that not-possible and unmarked sessions do not break', () => {
    const r = pupilMetrics(spelly(), cal, '2024-09-13');
    // Spells: (4 AM, 4 PM, 5 PM) (6 PM, 10 AM) (11 PM, 12 AM)
    expect([r.spells, r.longestSpell]).toEqual([3, 3]);
    expect(r.tally).toMatchObject({
      possible: 12,
      present: 5,
      authorised: 3,
      unauthorised: 4,
      lates: 2,
      notPossible: 2,
    });
    expect(r.tally.missing).toBe(6); // INSET 2–3 Sep and 9 Sep
    expect(r.missingOnOpenDays).toBe(2); // only 9 Sep was an open day
    expect(r.unauthorisedLast10Weeks).toBe(4);
  });
  it('looks back over the last 10 school weeks, skipping holiday weeks', () => {
    const m = presentAllYear();
    absent(m, '2024-09-04', '2024-09-04', 'N');
    put(m, '2024-11-18', 'AM', 'U');
    const p = pupil('pn', m);
    // To 15 Nov: weeks of 2 Sep … 21 Oct, 4 Nov, 11 Nov = 10 (half term week not counted)
    expect(pupilMetrics(p, cal, '2024-11-15').unauthorisedLast10Weeks).toBe(2);
    // Monday 18 Nov starts an 11th week: the window moves to 9 Sep
    expect(pupilMetrics(p, cal, '2024-11-18').unauthorisedLast10Weeks).toBe(1);
  });
});

describe('pupilMetrics: joiners and leavers', () => {
  it('counts a joiner from the admission date only', () => {
    const m = presentAllYear();
    fillMarks(m, Y, '2024-09-04', '2024-09-13', 'Z');
    put(m, '2024-09-13', 'AM', 'N'); // a stray mark before admission is not counted
    absent(m, '2024-09-16', '2024-09-16', 'I');
    const r = pupilMetrics(pupil('joiner', m, { admissionDate: '2024-09-16' }), cal, '2024-09-20');
    expect(r.tally).toMatchObject({ possible: 10, absent: 2, administrative: 0 });
    expect([r.absencePct, r.pa]).toEqual([20, true]);
    // 378 sessions in the year, 26 by 20 Sep: 352 remain. 10*(2+m) < 362 -> m <= 34.
    expect(r.runway).toEqual({ remainingSessions: 352, canMiss: 34, paUnavoidable: false });
  });
  it('a weekend admission date starts on the Monday', () => {
    const m = presentAllYear();
    absent(m, '2024-09-13', '2024-09-13', 'N');
    const r = pupilMetrics(pupil('j2', m, { admissionDate: '2024-09-14' }), cal, '2024-09-20');
    expect(r.tally.possible).toBe(10);
    expect(r.tally.absent).toBe(0);
  });
  it('stops a leaver at the leaving date, with nothing left to run', () => {
    const m = presentAllYear();
    absent(m, '2024-10-01', '2024-10-04', 'N');
    const r = pupilMetrics(pupil('leaver', m, { leavingDate: '2024-10-04' }), cal, '2024-12-01');
    // 4 Sep – 4 Oct: 23 days = 46 sessions, 8 absent (later marks ignored)
    expect(r.tally).toMatchObject({ possible: 46, absent: 8, unauthorised: 8 });
    expect(r.pa).toBe(true);
    expect(r.runway).toEqual({ remainingSessions: 0, canMiss: 0, paUnavoidable: true });
  });
});

describe('PA runway', () => {
  const partial = inferCalendar(Y, [presentAllYear().fill(0, slotEndOfDate(year, '2024-11-15'))]);
  const withAbsence = (n: number) => {
    const m = presentAllYear();
    for (let s = 0, left = n; left > 0; s++) {
      if (CATEGORY_OF[m[s]] !== CAT.present) continue;
      m[s] = markId('O');
      left--;
    }
    return pupilMetrics(pupil(`a${n}`, m), partial, '2024-11-15');
  };
  it('uses the assumed rest of the year when the data stops in November', () => {
    // 94 sessions observed to 15 Nov; 286 assumed to come (see domain-calendar.test.ts): 380 in all.
    const r = withAbsence(0);
    expect(r.tally.possible).toBe(94);
    expect(r.runway).toEqual({ remainingSessions: 286, canMiss: 37, paUnavoidable: false }); // 37/380 = 9.7%
  });
  it('is zero but still avoidable just below the line', () => {
    expect(withAbsence(37).runway).toEqual({ remainingSessions: 286, canMiss: 0, paUnavoidable: false });
  });
  it('says when PA can no longer be avoided', () => {
    // 38 / 380 = 10% even with full attendance from now
    expect(withAbsence(38).runway).toEqual({ remainingSessions: 286, canMiss: 0, paUnavoidable: true });
  });
  it('keeps the final rate strictly below 10%', () => {
    expect(paRunway(100, 5, 100)).toEqual({ remainingSessions: 100, canMiss: 14, paUnavoidable: false }); // 19/200
    expect(paRunway(100, 0, 5).canMiss).toBe(5); // never more than the sessions left
    expect(paRunway(0, 0, 0)).toEqual({ remainingSessions: 0, canMiss: 0, paUnavoidable: false });
  });
});

describe('periods and groups', () => {
  /** Ill every session from 4 Sep to 14 Feb: 101 open days = 202 of 378 sessions. */
  const severe = () => pupil('severe', absent(presentAllYear(), '2024-09-04', '2025-02-14', 'I'));

  it('measures each half term and term on its own possible sessions', () => {
    const rows = periodMetrics(tenPercent(), cal);
    expect(rows.map((r) => r.period.name)).toEqual([
      'Autumn 1',
      'Autumn 2',
      'Spring 1',
      'Spring 2',
      'Summer 1',
      'Summer 2',
    ]);
    expect(rows[0].metrics.tally).toMatchObject({ possible: 68, absent: 37 });
    expect([rows[0].metrics.pa, rows[0].metrics.sa]).toEqual([true, true]); // 54%
    expect([rows[1].metrics.tally.possible, rows[1].metrics.pa]).toEqual([68, false]);
    const terms = periodMetrics(tenPercent(), cal, 'term');
    expect(terms[0].metrics.tally).toMatchObject({ possible: 136, absent: 37 });
    expect([terms[0].metrics.pa, terms[0].metrics.sa]).toEqual([true, false]); // 27.2%
    expect(metricsForPeriod(severe(), cal.halfTerms[5]).tally).toMatchObject({ possible: 72, absent: 0 });
  });
  it('limits a period to the time on roll', () => {
    const p = pupil('j', presentAllYear(), { admissionDate: '2024-12-02' });
    expect(metricsForPeriod(p, cal.halfTerms[1]).tally.possible).toBe(30); // 2–20 Dec
    expect(metricsForPeriod(p, cal.halfTerms[0]).tally.possible).toBe(0);
  });
  it('pools a group: rates over pupils with possible sessions', () => {
    const allX = emptyMarks(Y);
    for (const [from, to] of TERMS) fillMarks(allX, Y, from, to, 'X');
    const g = groupMetrics([tenPercent(), justUnder(), pupil('x', allX), severe()], cal, YEAR_END);
    expect(g).toMatchObject({ pupils: 4, pupilsWithSessions: 3, paCount: 2, saCount: 1 });
    expect(g.tally).toMatchObject({ possible: 1122, absent: 276, attended: 846 }); // 370 + 374 + 0 + 378
    expect(g.paRate).toBeCloseTo(66.667, 3);
    expect(g.saRate).toBeCloseTo(33.333, 3);
    expect(g.absencePct).toBeCloseTo((100 * 276) / 1122, 10);
  });
  it('gives null rates for an empty group', () => {
    expect(groupMetrics([], cal, YEAR_END)).toMatchObject({
      pupils: 0,
      paRate: null,
      saRate: null,
      absencePct: null,
    });
  });
});

describe('summary totals', () => {
  const row = {
    pupilId: 'a',
    startYear: Y,
    possible: 100,
    present: 85,
    aea: 5,
    authorised: 6,
    unauthorised: 4,
  };
  it('gives the same rates and flags as marks would', () => {
    expect(metricsFromTotals(row)).toMatchObject({ attendancePct: 90, absencePct: 10, pa: true, sa: false });
    expect(totalsAddUp(row)).toBe(true);
    expect(totalsAddUp({ ...row, possible: 101 })).toBe(false);
  });
  it('combines periods and pools pupils', () => {
    const year = combineTotals([
      { ...row, periodLabel: 'Autumn', from: '2024-09-04', to: '2024-12-20', lates: 3 },
      { ...row, periodLabel: 'Spring', from: '2025-01-06', to: '2025-04-04', authorised: 0, present: 91 },
    ]);
    expect(year).toMatchObject({ possible: 200, present: 176, authorised: 6, unauthorised: 8, lates: 3 });
    expect([year?.from, year?.to, year?.periodLabel]).toEqual(['2024-09-04', '2025-04-04', undefined]);
    const g = poolTotals([
      row,
      { ...row, pupilId: 'b', present: 45, aea: 5, authorised: 40, unauthorised: 10 },
    ]);
    expect(g).toMatchObject({ pupils: 2, paCount: 2, saCount: 1, paRate: 100, saRate: 50, absencePct: 30 });
  });
});

describe('PA runway, any figures', () => {
  it('canMiss is the most absence that still ends strictly below 10%', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(400), fc.nat(400), (possible, a, remaining) => {
        const absentSoFar = Math.min(a, possible);
        const r = paRunway(possible, absentSoFar, remaining);
        const total = possible + remaining;
        expect(r.paUnavoidable).toBe(total > 0 && absentSoFar * 10 >= total);
        if (r.paUnavoidable || total === 0) {
          expect(r.canMiss).toBe(0);
          return;
        }
        expect((absentSoFar + r.canMiss) * 10).toBeLessThan(total);
        if (r.canMiss < remaining) expect((absentSoFar + r.canMiss + 1) * 10).toBeGreaterThanOrEqual(total);
      }),
      { numRuns: 500 },
    );
  });
});

describe('national year-to-date PA by week of the school year', () => {
  it('counts weeks as the national series does: week 1 holds the first weekday of September', async () => {
    const { weekOfSchoolYear } = await import('../../src/domain/national');
    expect(weekOfSchoolYear('2024-09-02')).toBe(1);
    expect(weekOfSchoolYear('2024-09-08')).toBe(1);
    expect(weekOfSchoolYear('2024-10-25')).toBe(8); // the week before October half term
    expect(weekOfSchoolYear('2025-03-24')).toBe(30);
    // 1 September 2029 is a Saturday: week 1 is the week of Monday 3 September.
    expect(weekOfSchoolYear('2029-09-03')).toBe(1);
    expect(weekOfSchoolYear('2029-09-10')).toBe(2);
  });
  it('takes the same week when published, else the nearest earlier one, and says which', async () => {
    const { nationalYtdPa } = await import('../../src/domain/national');
    const same = nationalYtdPa('secondary', '2024-10-23');
    expect([same.pa, same.week, same.sameWeek]).toEqual([22.84, 8, true]);
    const later = nationalYtdPa('primary', '2025-01-24'); // week 21
    expect([later.pa, later.week]).toEqual([13.42, 21]);
    const gap = nationalYtdPa('all', '2025-01-08'); // week 19: 18 is the nearest before
    expect([gap.pa, gap.week, gap.sameWeek]).toEqual([18.1, 18, false]);
    expect(gap.label).toContain('nearest published before week 19');
  });
});

describe('the one PA rule', () => {
  it('is whole-number, has no minimum of sessions, and SA is also PA', async () => {
    const { isPersistentlyAbsent: pa, isSeverelyAbsent: sa } = await import('../../src/domain/metrics');
    expect([pa(1, 10), pa(1, 11), pa(1, 6), pa(0, 0), pa(3, 30), pa(29, 291)]).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect([sa(5, 10), sa(4, 9), sa(0, 0)]).toEqual([true, false, false]);
  });
});
