import { describe, expect, it } from 'vitest';
import { CODE_BY_ID, markId } from '../../src/domain/codes';
import { slotEndOfDate, slotOf, yearSlots } from '../../src/domain/register';
import { tallyMarks } from '../../src/domain/tally';
import { DAY, easterSunday, schoolCalendar } from '../../src/sim/calendar';
import { calibrationStats } from '../../src/sim/calibration';
import { validateUpn } from '../../src/domain/upn';
import { makeUpn } from '../../src/sim/people';
import { Rng } from '../../src/sim/random';
import { simulateSchool, type SimOptions, type SimSchool } from '../../src/sim/simulate';
import { writeLong } from '../../src/sim/writers';
import { isoFromEpochDay } from '../../src/domain/register';

const base: SimOptions = { seed: 7, phase: 'secondary', pupils: 300, years: 2, lastStartYear: 2024 };
const school = simulateSchool(base);
const Z = markId('Z');

const sessionsBetween = (s: SimSchool, startYear: number, from: number, to: number, symbol: string) => {
  const id = markId(symbol);
  let n = 0;
  let possible = 0;
  for (const py of s.years) {
    if (py.startYear !== startYear) continue;
    const t = tallyMarks(py.marks, from, to);
    possible += t.possible;
    for (let i = from; i < to; i++) if (py.marks[i] === id) n++;
  }
  return n / possible;
};

describe('random source', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('draws normals and gammas with the right means', () => {
    const r = new Rng(3);
    let sn = 0;
    let sg = 0;
    for (let i = 0; i < 20000; i++) {
      sn += r.normal();
      sg += r.gamma(2.5);
    }
    expect(Math.abs(sn / 20000)).toBeLessThan(0.03);
    expect(Math.abs(sg / 20000 - 2.5)).toBeLessThan(0.06);
  });
});

describe('school calendar', () => {
  it('finds Easter', () => {
    expect(isoFromEpochDay(easterSunday(2025))).toBe('2025-04-20');
    expect(isoFromEpochDay(easterSunday(2024))).toBe('2024-03-31');
  });
  it.each([2022, 2023, 2024, 2025, 2026])('%i has 380 open sessions in three terms with half terms', (y) => {
    const cal = schoolCalendar(y);
    expect(cal.openSessions).toBe(380);
    const [aut, spr, sum] = cal.terms;
    expect(aut.start >= `${y}-09-01` && aut.start <= `${y}-09-07`).toBe(true);
    expect(aut.end >= `${y}-12-16` && aut.end <= `${y}-12-22`).toBe(true);
    expect(aut.halfTermStart.slice(5, 7)).toBe('10');
    expect(spr.halfTermStart.slice(5, 7)).toBe('02');
    expect(spr.end < isoFromEpochDay(easterSunday(y + 1))).toBe(true);
    expect(sum.end >= `${y + 1}-07-14` && sum.end <= `${y + 1}-07-24`).toBe(true);
    expect(cal.insetDays.length).toBeGreaterThanOrEqual(2);
    // No open session inside a half term.
    const slots = yearSlots(y);
    for (const t of cal.terms) expect(cal.dayKind[slotOf(slots, t.halfTermStart, 'AM')]).toBe(DAY.noSchool);
  });
});

describe('pupil identities', () => {
  it('makes permanent UPNs that pass the domain check', () => {
    const upn = makeUpn(201, 4321, 2019, 42);
    expect(upn.slice(1)).toBe('201432119042');
    expect(validateUpn(upn)).toMatchObject({ valid: true });
    expect(validateUpn(`${upn[0] === 'A' ? 'B' : 'A'}${upn.slice(1)}`).valid).toBe(false);
  });
  it('gives every pupil a valid, unique UPN, a MIS id and a name', () => {
    expect(school.pupils.filter((p) => !validateUpn(p.upn!).valid)).toEqual([]);
    expect(new Set(school.pupils.map((p) => p.upn)).size).toBe(school.pupils.length);
    expect(new Set(school.pupils.map((p) => p.misId)).size).toBe(school.pupils.length);
    expect(school.pupils.every((p) => p.forename && p.surname && (p.sex === 'F' || p.sex === 'M'))).toBe(
      true,
    );
  });
  it('moves pupils up a year group each September and keeps their registration group letter', () => {
    const first = new Map(school.years.filter((y) => y.startYear === 2023).map((y) => [y.pupilId, y]));
    const moved = school.years.filter((y) => y.startYear === 2024 && first.has(y.pupilId));
    expect(moved.length).toBeGreaterThan(150);
    for (const y of moved) {
      const prev = first.get(y.pupilId)!;
      expect(Number(y.yearGroup)).toBe(Number(prev.yearGroup) + 1);
      expect(y.regGroup).toBe(`${y.yearGroup}${prev.regGroup!.slice(-1)}`);
    }
    expect(school.years.some((y) => y.startYear === 2024 && y.yearGroup === '7')).toBe(true);
    expect(
      school.years.some(
        (y) => y.startYear === 2024 && y.yearGroup === '11' && !first.has(y.pupilId) && !y.admissionDate,
      ),
    ).toBe(false);
  });
});

describe('simulated registers', () => {
  it('is deterministic: same seed, identical bytes; another seed differs', () => {
    const small = { ...base, pupils: 100 };
    const a = writeLong(simulateSchool(small), 2024);
    expect(writeLong(simulateSchool(small), 2024)).toBe(a);
    expect(writeLong(simulateSchool({ ...small, seed: 8 }), 2024)).not.toBe(a);
    const again = simulateSchool(base);
    expect(again.years.map((y) => Array.from(y.marks).join()).join('|')).toBe(
      school.years.map((y) => Array.from(y.marks).join()).join('|'),
    );
  });

  it('writes only current national codes, and no marks on holidays', () => {
    // Problems are collected, not expected per slot: a per-slot expect() would take seconds.
    const problems: string[] = [];
    for (const py of school.years) {
      const cal = school.calendar.find((c) => c.startYear === py.startYear)!;
      if (py.marks.length !== yearSlots(py.startYear).slotCount) problems.push(`${py.pupilId} length`);
      for (let s = 0; s < py.marks.length; s++) {
        const m = py.marks[s];
        if (cal.dayKind[s] === DAY.noSchool && m !== 0) problems.push(`${py.pupilId} holiday mark at ${s}`);
        if (m !== 0 && (!CODE_BY_ID[m] || CODE_BY_ID[m]!.legacy))
          problems.push(`${py.pupilId} bad code ${m}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('marks present AM as / and PM as \\ only', () => {
    const am = markId('/');
    const pm = markId('\\');
    let wrong = 0;
    for (const py of school.years)
      for (let s = 0; s < py.marks.length; s++)
        if ((py.marks[s] === am && s & 1) || (py.marks[s] === pm && !(s & 1))) wrong++;
    expect(wrong).toBe(0);
  });

  it('writes Z before a mid-year joiner is admitted, and only then', () => {
    const joiners = school.years.filter((y) => y.admissionDate && y.marks.includes(Z));
    expect(joiners.length).toBeGreaterThan(3);
    let wrong = 0;
    for (const py of school.years) {
      const cal = school.calendar.find((c) => c.startYear === py.startYear)!;
      const from = py.admissionDate ? slotOf(yearSlots(py.startYear), py.admissionDate, 'AM') : 0;
      for (let s = 0; s < py.marks.length; s++) {
        if (s < from && cal.dayKind[s] === DAY.open && py.marks[s] !== Z) wrong++;
        if (s >= from && py.marks[s] === Z) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });

  it('writes nothing after a leaver leaves, and leavers do not return the next year', () => {
    const leavers = school.years.filter((y) => y.leavingDate);
    expect(leavers.length).toBeGreaterThan(3);
    for (const py of leavers) {
      const end = slotEndOfDate(yearSlots(py.startYear), py.leavingDate!);
      expect(py.marks.subarray(end).every((m) => m === 0)).toBe(true);
      expect(py.marks[end - 1]).not.toBe(0);
      if (py.startYear === 2023)
        expect(school.years.some((y) => y.startYear === 2024 && y.pupilId === py.pupilId)).toBe(false);
    }
  });

  it('builds absence in spells: mean 2–6 sessions, a large share lasting 2–4', () => {
    const s = calibrationStats(school);
    expect(s.meanSpell).toBeGreaterThan(2);
    expect(s.meanSpell).toBeLessThan(6);
    expect(s.spells2to4).toBeGreaterThan(0.3);
  });

  it('carries a pupil’s absence over from one year to the next', () => {
    const rate = (y: number) =>
      new Map(school.years.filter((p) => p.startYear === y).map((p) => [p.pupilId, tallyMarks(p.marks)]));
    const a = rate(2023);
    const b = rate(2024);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [id, t] of a) {
      const u = b.get(id);
      if (!u || t.possible < 300 || u.possible < 300) continue;
      xs.push(t.absent / t.possible);
      ys.push(u.absent / u.possible);
    }
    expect(correlation(xs, ys)).toBeGreaterThan(0.4);
  });

  it('makes drifting pupils miss more after the drift starts than before', () => {
    let before = 0;
    let after = 0;
    let n = 0;
    school.truth.forEach((t, i) => {
      if (t.driftDirection !== 'worse') return;
      const py = school.years[i];
      const pre = tallyMarks(py.marks, 0, t.driftStartSlot);
      const post = tallyMarks(py.marks, t.driftStartSlot + 40);
      if (pre.possible < 20 || post.possible < 20) return;
      before += pre.absent / pre.possible;
      after += post.absent / post.possible;
      n++;
    });
    expect(n).toBeGreaterThan(10);
    expect(after / n).toBeGreaterThan(1.5 * (before / n));
  });

  it('records one truth per pupil-year', () => {
    expect(school.truth.length).toBe(school.years.length);
    school.truth.forEach((t, i) => expect(t.pupilId).toBe(school.years[i].pupilId));
    const share = school.truth.filter((t) => t.drifting).length / school.truth.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.15);
  });

  it('stops the last year at throughDate', () => {
    const s = simulateSchool({ ...base, years: 1, throughDate: '2024-11-15' });
    const end = slotEndOfDate(yearSlots(2024), '2024-11-15');
    expect(s.years.every((py) => py.marks.subarray(end).every((m) => m === 0))).toBe(true);
    expect(s.years.some((py) => py.marks[end - 1] !== 0)).toBe(true);
    expect(s.years.every((py) => !py.leavingDate || py.leavingDate <= '2024-11-15')).toBe(true);
  });

  it('gives Reception pupils X (not required to attend) only in a primary school', () => {
    const primary = simulateSchool({ ...base, phase: 'primary', years: 1 });
    const X = markId('X');
    const withX = primary.years.filter((y) => y.marks.includes(X));
    expect(withX.length).toBeGreaterThan(0);
    expect(withX.every((y) => y.yearGroup === 'R')).toBe(true);
    expect(school.years.some((y) => y.marks.includes(X))).toBe(false);
  });
});

describe('variants', () => {
  const one = { ...base, years: 1 };
  const normal = simulateSchool(one);
  const slots = yearSlots(2024);
  const lateNov = slotOf(slots, '2024-11-18', 'AM');
  const endDec = slotOf(slots, '2024-12-20', 'PM') + 1;

  it('flu-wave raises illness in late autumn', () => {
    const flu = simulateSchool({ ...one, variant: 'flu-wave' });
    expect(sessionsBetween(flu, 2024, lateNov, endDec, 'I')).toBeGreaterThan(
      1.4 * sessionsBetween(normal, 2024, lateNov, endDec, 'I'),
    );
  });

  it('closure-week closes the site (Y4) for five days', () => {
    const closed = simulateSchool({ ...one, variant: 'closure-week' });
    expect(closed.calendar[0].closureDays).toHaveLength(5);
    const y4 = markId('Y4');
    const py = closed.years[0];
    expect(py.marks.filter((m) => m === y4).length).toBe(10);
    expect(normal.years[0].marks.includes(y4)).toBe(false);
  });

  it('late-drift has more drifting pupils, starting later', () => {
    const late = simulateSchool({ ...one, variant: 'late-drift' });
    const drifting = (s: SimSchool) => s.truth.filter((t) => t.drifting);
    expect(drifting(late).length).toBeGreaterThan(1.5 * drifting(normal).length);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(drifting(late).map((t) => t.driftStartSlot))).toBeGreaterThan(
      mean(drifting(normal).map((t) => t.driftStartSlot)),
    );
  });
});

function correlation(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
