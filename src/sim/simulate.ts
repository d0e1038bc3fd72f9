/**
 * simulateSchool: a seeded, realistic school register over one or more consecutive years.
 * Pupils keep a propensity that persists (correlated) from year to year, move up a year group each
 * September, join and leave mid-year; some drift worse (or recover) from a random point: the pupils
 * the product exists to catch early. Same options, same bytes.
 */
import {
  isoFromEpochDay,
  slotEndOfDate,
  yearSlots,
  type Pupil,
  type PupilYear,
  type SenStatus,
} from '../domain/register';
import { schoolCalendar, type SimCalendar } from './calendar';
import { simulateMarks, type PupilYearPlan } from './absence-spells';
import { PHASES, type Phase, type PhaseParams } from './params';
import { resolveKnobs, type SimKnobs } from './knobs';
import { drawName, makeUpn } from './people';
import { Rng } from './random';
import { yearContext, type Variant, type YearContext } from './season';

export type { Phase } from './params';
export type { Variant } from './season';

export interface SimOptions {
  seed: number;
  phase: Phase;
  /** Pupils on roll (approximately, in each year). */
  pupils: number;
  /** Consecutive school years, >= 1, ending with lastStartYear. */
  years: number;
  /** The last year simulated, by its starting calendar year (2024 for 2024/25). */
  lastStartYear: number;
  variant?: Variant;
  /**
   * Generative assumptions that differ from the calibrated simulator (src/sim/knobs.ts), on top of
   * the variant's: the same school (seed) under another kind of year or population.
   */
  knobs?: Partial<SimKnobs>;
  /** Stop the last year's marks at the end of this date ("current year so far"). */
  throughDate?: string;
  /** Demo school: obviously fictional names and every pupil flagged demo. */
  demo?: boolean;
  /** Keep each pupil-year's hidden plan (SimSchool.plans), so an evaluation can replay it. */
  keepPlans?: boolean;
}

/** Hidden facts about one pupil-year, for tests and model evaluation; never shown as data. */
export interface SimTruth {
  pupilId: string;
  startYear: number;
  /** The propensity the year was drawn from (share of sessions absent, holidays excluded). */
  baseRate: number;
  /** In the heavy-tail mixture component. */
  highRisk: boolean;
  drifting: boolean;
  /** Slot where the drift starts, -1 when not drifting. */
  driftStartSlot: number;
  driftDirection: 'worse' | 'better' | null;
}

export interface SimSchool {
  phase: Phase;
  variant: Variant;
  seed: number;
  pupils: Pupil[];
  /** One per pupil per year on roll, in year order. */
  years: PupilYear[];
  /** truth[i] describes years[i]. */
  truth: SimTruth[];
  calendar: SimCalendar[];
  throughDate?: string;
  /** plans[i] made years[i], when asked for (keepPlans): for replays in src/sim/replay.ts only. */
  plans?: SimPlan[];
}

/** What a pupil-year's marks were drawn from: the school's year and the pupil's hidden plan. */
export interface SimPlan {
  ctx: YearContext;
  plan: PupilYearPlan;
  variant: Variant;
}

interface Member {
  pupil: Pupil;
  group: number;
  form: string;
  high: boolean;
  /** Chance of the heavy-tail component for this pupil (FSM and SEN raise it). */
  highChance: number;
  z: number;
  admittedYear: number;
}

const FORM_LETTERS = 'ABCDEFGHJK';

export function simulateSchool(opts: SimOptions): SimSchool {
  const params = PHASES[opts.phase];
  const variant = opts.variant ?? 'normal';
  const knobs = resolveKnobs(variant, opts.knobs);
  const rng = new Rng(opts.seed);
  const la = 201 + rng.int(737);
  const establishment = 2000 + rng.int(4000);
  const perGroup = Math.max(1, Math.round(opts.pupils / params.yearGroups.length));
  const formsPerGroup = Math.max(1, Math.round(perGroup / params.formSize));
  const firstYear = opts.lastStartYear - Math.max(1, opts.years) + 1;
  const school: SimSchool = {
    phase: opts.phase,
    variant,
    seed: opts.seed,
    pupils: [],
    years: [],
    truth: [],
    calendar: [],
  };
  if (opts.throughDate) school.throughDate = opts.throughDate;
  if (opts.keepPlans) school.plans = [];
  const usedUpns = new Set<string>();
  let serial = 0;

  const newMember = (group: number, startYear: number, joiner: boolean, admittedYear = startYear): Member => {
    const name = drawName(rng, !!opts.demo);
    // Born September–August so the pupil is 4 on 1 September of Reception (year number 0).
    const label = params.yearGroups[group];
    const birthYear = startYear - (label === 'R' ? 0 : Number(label)) - 5;
    const dob = isoFromEpochDay(Date.UTC(birthYear, 8, 1) / 86_400_000 + rng.int(365));
    let upn = '';
    for (let attempt = 0; !upn || usedUpns.has(upn); attempt++) {
      // Joiners arrive with a UPN from another school; intake pupils were given theirs at Reception.
      // A serial is three digits, so very large schools spill into other establishment numbers.
      const from = joiner || attempt > 0 ? [201 + rng.int(737), 2000 + rng.int(4000)] : [la, establishment];
      upn = makeUpn(from[0], from[1], birthYear + 5, serial++ % 1000);
    }
    usedUpns.add(upn);
    const fsm = rng.chance(params.fsmShare);
    const sen = drawSen(rng, params);
    const pupil: Pupil = {
      id: upn,
      upn,
      misId: String(100_000 + school.pupils.length * 7 + rng.int(7)),
      forename: name.forename,
      surname: name.surname,
      sex: name.sex,
      fsm,
      sen,
      dob,
    };
    if (opts.demo) pupil.demo = true;
    school.pupils.push(pupil);
    const highLogit =
      Math.log(params.highWeight / (1 - params.highWeight)) +
      (fsm ? params.fsmHighShift : 0) +
      (sen !== 'none' ? 0.5 : 0) +
      knobs.tailShift;
    const highChance = 1 / (1 + Math.exp(-highLogit));
    return {
      pupil,
      group,
      form: formName(serial % formsPerGroup),
      high: rng.next() < highChance,
      highChance,
      z: rng.normal(),
      admittedYear,
    };
  };

  let roll: Member[] = [];
  for (let g = 0; g < params.yearGroups.length; g++)
    for (let k = 0; k < perGroup; k++) roll.push(newMember(g, firstYear, false, firstYear - g));

  for (let year = firstYear; year <= opts.lastStartYear; year++) {
    const yrng = rng.fork(year);
    if (year > firstYear) {
      roll = roll.filter((m) => ++m.group < params.yearGroups.length);
      for (let k = 0; k < perGroup; k++) roll.push(newMember(0, year, false));
    }
    const cal = schoolCalendar(year, { closureWeek: knobs.closureWeek });
    school.calendar.push(cal);
    const ctx = yearContext(cal, params.yearGroups, yrng, opts.phase !== 'primary', knobs);
    const n = ctx.open.length;
    const isLast = year === opts.lastStartYear;
    const cutoff = isLast && opts.throughDate ? slotEndOfDate(yearSlots(year), opts.throughDate) : Infinity;

    const joiners = Math.round(roll.length * params.joinRate);
    const joinAt = new Map<Member, number>();
    for (let k = 0; k < joiners; k++) {
      const m = newMember(rng.int(params.yearGroups.length), year, true);
      joinAt.set(m, 10 + 2 * rng.int((n - 20) >> 1));
      roll.push(m);
    }
    const stayers: Member[] = [];
    for (const m of roll) {
      // Year-to-year persistence: the same mixture component mostly, and a correlated position in it.
      if (m.admittedYear !== year) {
        if (rng.chance(knobs.switchChance)) m.high = rng.chance(m.highChance);
        m.z = knobs.rho * m.z + Math.sqrt(1 - knobs.rho ** 2) * rng.normal();
      }
      const admitIndex = joinAt.get(m) ?? 0;
      if (admitIndex > 0 && ctx.open[admitIndex] >= cutoff) continue; // not yet joined
      const leaves = rng.chance(params.leaveRate);
      let leaveIndex = leaves
        ? Math.min(n, admitIndex + 10 + 2 * rng.int(Math.max(1, (n - admitIndex) >> 1)))
        : n;
      if (leaveIndex < n && ctx.open[leaveIndex] >= cutoff) leaveIndex = n; // leaves after "today": not known yet
      const yearGroup = params.yearGroups[m.group];
      const comp = m.high ? params.high : params.low;
      const p = m.pupil;
      const logitRate =
        comp.mu +
        knobs.propensityShift +
        comp.sd * knobs.propensitySpread * m.z +
        (p.fsm ? params.fsmShift : 0) +
        (p.sen === 'support' ? params.senShift : p.sen === 'ehcp' ? params.ehcpShift : 0) +
        (params.yearShift[yearGroup] ?? 0) * knobs.yearEffect;
      const drift = drawDrift(rng, knobs, n, logitRate);
      const prng = rng.fork(school.years.length);
      const plan: PupilYearPlan = {
        yearGroup,
        secondary: opts.phase !== 'primary',
        fsm: !!p.fsm,
        logitRate,
        otherUnauthorised: params.otherUnauthorised,
        holidayBlocks: params.holidayBlocks,
        admitIndex,
        leaveIndex,
        driftStart: drift.start,
        driftDelta: drift.delta,
        receptionPartTime: yearGroup === 'R' && rng.chance(0.2),
      };
      const marks = simulateMarks(ctx, plan, prng);
      school.plans?.push({ ctx, plan, variant });
      if (cutoff < marks.length) marks.fill(0, cutoff);
      const py: PupilYear = {
        pupilId: p.id,
        startYear: year,
        yearGroup,
        regGroup: `${yearGroup}${m.form}`,
        marks,
      };
      if (m.admittedYear === year) py.admissionDate = yearSlots(year).days[ctx.open[admitIndex] >> 1];
      if (leaveIndex < n) py.leavingDate = yearSlots(year).days[ctx.open[leaveIndex - 1] >> 1];
      school.years.push(py);
      school.truth.push({
        pupilId: p.id,
        startYear: year,
        baseRate: 1 / (1 + Math.exp(-logitRate)),
        highRisk: m.high,
        drifting: drift.start >= 0,
        driftStartSlot: drift.start >= 0 ? ctx.open[drift.start] : -1,
        driftDirection: drift.start < 0 ? null : drift.delta > 0 ? 'worse' : 'better',
      });
      if (leaveIndex === n) stayers.push(m);
    }
    roll = stayers;
  }
  // Pupils who only joined after the cut-off never appear.
  const present = new Set(school.years.map((y) => y.pupilId));
  school.pupils = school.pupils.filter((p) => present.has(p.id));
  return school;
}

/** 'A'…'K', then 'A2', 'B2'… for very large year groups. */
function formName(k: number): string {
  return (
    FORM_LETTERS[k % FORM_LETTERS.length] +
    (k >= FORM_LETTERS.length ? String(Math.floor(k / FORM_LETTERS.length) + 1) : '')
  );
}

function drawSen(rng: Rng, params: PhaseParams): SenStatus {
  const r = rng.next();
  return r < params.ehcpShare ? 'ehcp' : r < params.ehcpShare + params.senSupportShare ? 'support' : 'none';
}

export function drawDrift(
  rng: Rng,
  knobs: SimKnobs,
  n: number,
  logitRate: number,
): { start: number; delta: number } {
  if (!rng.chance(knobs.driftShare)) return { start: -1, delta: 0 };
  const lo = knobs.driftFrom === null ? 30 : Math.floor(n * knobs.driftFrom);
  const start = (lo + rng.int(Math.max(1, n - 40 - lo))) & ~1;
  // Recovery only makes sense for pupils who were missing a fair amount to begin with.
  const recover = logitRate > -2.4 && rng.chance(knobs.driftRecoverShare);
  const [small, large] = knobs.driftSize;
  const size = small + rng.next() * (large - small);
  return { start, delta: recover ? -size : size };
}
