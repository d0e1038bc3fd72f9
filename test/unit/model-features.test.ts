import { describe, expect, it } from 'vitest';
import { markId } from '../../src/domain/codes';
import { emptyMarks, type PupilYear } from '../../src/domain/register';
import { F, FEATURE_COUNT, pupilFeatures, schoolProfile, schoolSessions } from '../../src/model/features';
import { buildRows } from '../../src/model/dataset';

const Y = 2024; // 1 Sep 2024 is a Sunday, so slot 0 is Monday 2 September AM
const P_AM = markId('/');
const P_PM = markId('\\');

/** A pupil present for the first `days` weekdays, with some slots overwritten. */
function pupil(id: string, days: number, set: Record<number, string> = {}, yearGroup = '9'): PupilYear {
  const marks = emptyMarks(Y);
  for (let s = 0; s < days * 2; s++) marks[s] = s & 1 ? P_PM : P_AM;
  for (const [slot, code] of Object.entries(set)) marks[+slot] = markId(code);
  return { pupilId: id, startYear: Y, yearGroup, marks };
}
const range = (from: number, to: number, code: string) =>
  Object.fromEntries(Array.from({ length: to - from }, (_, i) => [from + i, code]));

describe('schoolSessions', () => {
  it('keeps sessions where pupils are marked and drops planned closures', () => {
    const years = [1, 2, 3].map((i) => pupil(`p${i}`, 50, range(40, 50, '#')));
    const s = schoolSessions(years);
    expect(s.length).toBe(90);
    expect(s[39]).toBe(39);
    expect(s[40]).toBe(50);
  });
});

describe('pupilFeatures', () => {
  it('computes rates, spells, recent windows and the PA cushion from hand-made marks', () => {
    // 10 unauthorised sessions (one week, one spell) at the start, then 90 sessions present.
    const a = pupil('a', 50, range(0, 10, 'O'));
    const sessions = schoolSessions([a]);
    const x = new Float32Array(FEATURE_COUNT);
    const facts = pupilFeatures(a, undefined, sessions, 100, x)!;
    expect(facts.possible).toBe(100);
    expect(facts.absent).toBe(10);
    expect(facts.spells).toBe(1);
    expect(x[F.absenceToDate]).toBeCloseTo(0.1);
    expect(x[F.unauthorisedToDate]).toBeCloseTo(0.1);
    expect(x[F.illnessToDate]).toBe(0);
    expect(x[F.absenceLast4w]).toBe(0);
    // Weeks 5–8 before the as-of date (sessions 20..59) had no absence either.
    expect(facts.absencePrev4w).toBe(0);
    expect(x[F.longestSpellShare]).toBe(1);
    expect(x[F.meanSpellLength]).toBeCloseTo(1); // 10 sessions / 10
    expect(x[F.yearGone]).toBeCloseTo(100 / 380);
    // 280 sessions still to come; PA needs 0.1 × 380 − 10 = 28 more absences: a rate of 0.1.
    expect(x[F.paCushion]).toBeCloseTo(28 / 280);
    expect(x[F.yearGroup]).toBeCloseTo(9 / 13);
    expect(x[F.hasPrior]).toBe(0);
  });

  it('sees a recent decline, separate spells and a weekday pattern', () => {
    // Absent (illness) every Monday of the last 4 weeks: days 30, 35, 40, 45 → slots 60,61,70,71…
    const set: Record<number, string> = {};
    for (const day of [30, 35, 40, 45]) {
      set[day * 2] = 'I';
      set[day * 2 + 1] = 'I';
    }
    const b = pupil('b', 50, set);
    const x = new Float32Array(FEATURE_COUNT);
    const facts = pupilFeatures(b, undefined, schoolSessions([b]), 100, x)!;
    expect(facts.spells).toBe(4);
    expect(x[F.absenceLast4w]).toBeCloseTo(8 / 40);
    expect(x[F.absenceToDate]).toBeCloseTo(8 / 100);
    expect(x[F.trend]).toBeCloseTo(8 / 40);
    expect(x[F.illnessToDate]).toBeCloseTo(0.08);
    expect(facts.worstWeekday).toBe(0); // day index 0 = Monday 2 September
    expect(facts.worstWeekdayAbsent).toBe(4);
    expect(facts.worstWeekdayOf).toBe(8); // the last 8 Mondays are days 45, 40, …, 10
    expect(x[F.weekdayPeak]).toBeCloseTo(8 / 20 - 0.08);
  });

  it('ignores marks after the as-of point and uses the prior year', () => {
    const c = pupil('c', 50, range(60, 100, 'G'));
    const prior: PupilYear = { ...pupil('c', 190, range(0, 76, 'O')), startYear: Y - 1 };
    prior.marks = new Uint8Array(c.marks.length);
    for (let s = 0; s < 380; s++) prior.marks[s] = s < 76 ? markId('O') : P_AM;
    const x = new Float32Array(FEATURE_COUNT);
    pupilFeatures(c, prior, schoolSessions([c]), 60, x);
    expect(x[F.absenceToDate]).toBe(0);
    expect(x[F.holidayToDate]).toBe(0);
    expect(x[F.hasPrior]).toBe(1);
    expect(x[F.priorAbsence]).toBeCloseTo(0.2);
    expect(x[F.priorUnauthorised]).toBeCloseTo(0.2);
  });

  it('returns null for a pupil with no possible session yet', () => {
    const d = pupil('d', 0);
    expect(
      pupilFeatures(d, undefined, schoolSessions([pupil('e', 20)]), 40, new Float32Array(FEATURE_COUNT)),
    ).toBeNull();
  });
});

describe('school context', () => {
  it('gives every pupil the whole school’s absence over the same sessions', () => {
    // Three pupils over 10 days; one is absent for the whole of the last 4 weeks' window (all 20 sessions).
    const years = [pupil('a', 10), pupil('b', 10), pupil('c', 10, range(0, 20, 'I'))];
    const sessions = schoolSessions(years);
    const x = new Float32Array(FEATURE_COUNT);
    pupilFeatures(years[0], undefined, sessions, 20, x, 0, schoolProfile(years, sessions));
    expect(x[F.absenceToDate]).toBe(0);
    expect(x[F.schoolToDate]).toBeCloseTo(20 / 60);
    expect(x[F.schoolLast4w]).toBeCloseTo(20 / 60);
  });
});

describe('training rows', () => {
  // 40 pupils present for 20 school weeks (200 sessions), all PA-free: enough to count rows by week.
  const years = Array.from({ length: 40 }, (_, i) => pupil(`p${i}`, 100, i % 4 ? {} : { 20: 'I' }));
  const weekOf = (rows: ReturnType<typeof buildRows>) =>
    Array.from({ length: rows.count }, (_, r) =>
      Math.round((rows.x[r * FEATURE_COUNT + F.yearGone] * 380) / 10),
    );

  it('staggers each pupil’s as-of weeks so odd and even weeks are both seen, at the same cost', () => {
    const plain = buildRows([{ years }], { everyWeeks: 2, fromWeek: 1 });
    const staggered = buildRows([{ years }], { everyWeeks: 2, fromWeek: 1, stagger: true });
    expect(new Set(weekOf(plain)).has(2)).toBe(false);
    const seen = new Set(weekOf(staggered));
    for (const w of [1, 2, 3, 18, 19]) expect(seen.has(w)).toBe(true);
    expect(Math.abs(staggered.count - plain.count)).toBeLessThanOrEqual(years.length);
  });

  it('carries each school’s calibration weight onto its rows', () => {
    const rows = buildRows([{ years: years.slice(0, 10), weight: 3 }, { years: years.slice(10) }]);
    const w = Array.from(rows.w);
    expect(w.filter((v) => v === 3).length).toBe(rows.count / 4);
    expect(w.filter((v) => v === 1).length).toBe((rows.count * 3) / 4);
  });
});
