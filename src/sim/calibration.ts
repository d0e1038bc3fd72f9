/**
 * Summary statistics of a simulated school in the national statistics' terms, for the calibration
 * report and tests: rates are % of possible sessions; PA/SA and bands are % of enrolments
 * (one per pupil per year). Reception is left out, as national figures cover compulsory school age.
 */
import { CAT, CATEGORY_OF, CODE_BY_ID } from '../domain/codes';
import { weekdayOf, yearSlots } from '../domain/register';
import { tallyMarks } from '../domain/tally';
import type { SimSchool } from './simulate';

export interface CalibrationStats {
  enrolments: number;
  absence: number;
  authorised: number;
  unauthorised: number;
  pa: number;
  sa: number;
  paFsm: number;
  paNonFsm: number;
  paSen: number;
  paNoSen: number;
  /** PA % by year group label. */
  paByYearGroup: Record<string, number>;
  /** Absence % in each week of the autumn term (weeks that have open sessions). */
  autumnWeekly: number[];
  /** Absence % by term: autumn, spring, summer. */
  byTerm: number[];
  /** Absence % by weekday, Monday to Friday. */
  byWeekday: number[];
  /** Unauthorised absence % by weekday. */
  unauthorisedByWeekday: number[];
  /** % of enrolments per 5-point absence band, last = ≥ 50. */
  bands: number[];
  /** % of possible sessions per register symbol. */
  codeShare: Record<string, number>;
  /** Mean length of runs of consecutive absence sessions (same code, within term), in sessions. */
  meanSpell: number;
  /** Share of spells 2–4 sessions long. */
  spells2to4: number;
}

export function calibrationStats(school: SimSchool, opts: { startYear?: number } = {}): CalibrationStats {
  let enrol = 0;
  let possible = 0;
  let auth = 0;
  let unauth = 0;
  let pa = 0;
  let sa = 0;
  const fsm = [0, 0];
  const fsmPa = [0, 0];
  const termPossible = [0, 0, 0];
  const termAbsent = [0, 0, 0];
  const dayPossible = [0, 0, 0, 0, 0];
  const dayAbsent = [0, 0, 0, 0, 0];
  const dayUnauth = [0, 0, 0, 0, 0];
  const bands = new Array(11).fill(0);
  const byId = new Float64Array(256);
  let spells = 0;
  let spellSessions = 0;
  let spells2to4 = 0;
  const fsmOf = new Map(school.pupils.map((p) => [p.id, !!p.fsm]));
  const senOf = new Map(school.pupils.map((p) => [p.id, !!p.sen && p.sen !== 'none']));
  const sen = [0, 0];
  const senPa = [0, 0];
  const groupCount = new Map<string, number>();
  const groupPa = new Map<string, number>();
  const weekPossible = new Map<number, number>();
  const weekAbsent = new Map<number, number>();
  const calByYear = new Map(school.calendar.map((c) => [c.startYear, c]));

  for (const py of school.years) {
    if (py.yearGroup === 'R' || (opts.startYear !== undefined && py.startYear !== opts.startYear)) continue;
    const t = tallyMarks(py.marks);
    if (t.possible === 0) continue;
    enrol++;
    possible += t.possible;
    auth += t.authorised;
    unauth += t.unauthorised;
    const rate = t.absent / t.possible;
    const isPa = rate >= 0.1 ? 1 : 0;
    pa += isPa;
    sa += rate >= 0.5 ? 1 : 0;
    bands[Math.min(10, Math.floor(rate * 20 + 1e-9))]++;
    const f = fsmOf.get(py.pupilId) ? 1 : 0;
    fsm[f]++;
    fsmPa[f] += isPa;
    const e = senOf.get(py.pupilId) ? 1 : 0;
    sen[e]++;
    senPa[e] += isPa;
    const g = py.yearGroup ?? '?';
    groupCount.set(g, (groupCount.get(g) ?? 0) + 1);
    groupPa.set(g, (groupPa.get(g) ?? 0) + isPa);

    const cal = calByYear.get(py.startYear)!;
    const slots = yearSlots(py.startYear);
    let run = 0;
    let runMark = 0;
    const endRun = () => {
      if (run > 0) {
        spells++;
        spellSessions += run;
        if (run >= 2 && run <= 4) spells2to4++;
      }
      run = 0;
    };
    for (let s = 0; s < py.marks.length; s++) {
      const m = py.marks[s];
      const cat = CATEGORY_OF[m];
      if (cal.termOfSlot[s] < 0) {
        endRun(); // a holiday ends a spell; weekends have no slots, so spells run across them
        continue;
      }
      if (cat < CAT.present || cat > CAT.unauthorised) continue;
      byId[m]++;
      const absent = cat === CAT.authorised || cat === CAT.unauthorised;
      const term = cal.termOfSlot[s];
      termPossible[term]++;
      const wd = weekdayOf(slots.epochDays[s >> 1]);
      // Autumn weeks of the first year simulated, keyed by their Monday.
      const week =
        term === 0 && py.startYear === school.calendar[0].startYear ? slots.epochDays[s >> 1] - wd : -1;
      if (week >= 0) {
        weekPossible.set(week, (weekPossible.get(week) ?? 0) + 1);
        if (absent) weekAbsent.set(week, (weekAbsent.get(week) ?? 0) + 1);
      }
      dayPossible[wd]++;
      if (absent) {
        termAbsent[term]++;
        dayAbsent[wd]++;
        if (cat === CAT.unauthorised) dayUnauth[wd]++;
        if (run > 0 && m !== runMark) endRun();
        run++;
        runMark = m;
      } else endRun();
    }
    endRun();
  }
  const pct = (a: number, b: number) => (b ? (100 * a) / b : NaN);
  const codeShare: Record<string, number> = {};
  for (let id = 1; id < 256; id++)
    if (byId[id]) codeShare[CODE_BY_ID[id]?.code ?? '?'] = pct(byId[id], possible);
  return {
    enrolments: enrol,
    absence: pct(auth + unauth, possible),
    authorised: pct(auth, possible),
    unauthorised: pct(unauth, possible),
    pa: pct(pa, enrol),
    sa: pct(sa, enrol),
    paFsm: pct(fsmPa[1], fsm[1]),
    paNonFsm: pct(fsmPa[0], fsm[0]),
    paSen: pct(senPa[1], sen[1]),
    paNoSen: pct(senPa[0], sen[0]),
    paByYearGroup: Object.fromEntries([...groupCount].map(([g, n]) => [g, pct(groupPa.get(g) ?? 0, n)])),
    autumnWeekly: [...weekPossible.keys()]
      .sort((a, b) => a - b)
      .map((w) => pct(weekAbsent.get(w) ?? 0, weekPossible.get(w)!)),
    byTerm: termAbsent.map((a, i) => pct(a, termPossible[i])),
    byWeekday: dayAbsent.map((a, i) => pct(a, dayPossible[i])),
    unauthorisedByWeekday: dayUnauth.map((a, i) => pct(a, dayPossible[i])),
    bands: bands.map((b) => pct(b, enrol)),
    codeShare,
    meanSpell: spells ? spellSessions / spells : NaN,
    spells2to4: spells ? spells2to4 / spells : NaN,
  };
}
