/**
 * The ceiling for any risk model: an oracle that knows each simulated pupil's hidden plan (propensity,
 * spell mix, holidays, when they leave), the school's season (a flu wave, a closed week) and any drift
 * that has already begun, and works out P(year-end PA / SA) by replaying the rest of the year with
 * fresh chance. No register-only model can know more, so a target it misses is out of reach in these
 * simulated schools. A drift not yet begun is redrawn from the simulator's own prior (nobody could
 * know it); taking the prior unconditioned on "not begun yet" slightly understates late drift.
 */
import { isAbsence, isPossible } from '../domain/codes';
import type { PupilYear } from '../domain/register';
import { isPersistentlyAbsent, isSeverelyAbsent } from '../domain/metrics';
import { simulateMarks } from './absence-spells';
import { Rng } from './random';
import { drawDrift, type SimPlan } from './simulate';

/** Absent and possible sessions in slots before each school session, and in the whole year. */
function cumulative(marks: Uint8Array, sessions: Int32Array): { absent: Int16Array; possible: Int16Array } {
  const n = sessions.length;
  const absent = new Int16Array(n + 1);
  const possible = new Int16Array(n + 1);
  let a = 0;
  let p = 0;
  let j = 0;
  for (let s = 0; s < marks.length; s++) {
    while (j < n && sessions[j] === s) {
      absent[j] = a;
      possible[j++] = p;
    }
    if (isPossible(marks[s])) {
      p++;
      if (isAbsence(marks[s])) a++;
    }
  }
  while (j <= n) {
    absent[j] = a;
    possible[j++] = p;
  }
  return { absent, possible };
}

interface Replay {
  absent: Int16Array;
  possible: Int16Array;
}

/** One pupil-year's replays: without drift, with a freshly drawn drift, and with the real one. */
interface PupilReplays {
  actual: Replay;
  realDriftFrom: number;
  none: Replay[];
  drawn: (Replay | null)[];
  drawnFrom: number[];
  withRealDrift: Replay[];
}

export interface OracleRisk {
  pPA: Float32Array;
  pSA: Float32Array;
  toDate: Float32Array;
  /** 1 when already persistently absent to date (the one rule in src/domain/metrics.ts). */
  paNow: Uint8Array;
}

/**
 * Replays every pupil-year `count` times up front; the returned function gives the oracle's risks as
 * of school session index `upTo` (sessions[0..upTo) seen). years[i] must have been made by plans[i].
 */
export function oracleScorer(
  years: readonly PupilYear[],
  plans: readonly SimPlan[],
  sessions: Int32Array,
  count: number,
  seed = 1,
): (upTo: number) => OracleRisk {
  const pupils: PupilReplays[] = years.map((py, i) => {
    const { ctx, plan } = plans[i];
    const rng = new Rng(seed * 1_000_003 + i);
    const replay = (driftStart: number, driftDelta: number, s: number) =>
      cumulative(simulateMarks(ctx, { ...plan, driftStart, driftDelta }, new Rng(s)), sessions);
    const r: PupilReplays = {
      actual: cumulative(py.marks, sessions),
      realDriftFrom: plan.driftStart >= 0 ? ctx.open[plan.driftStart] : Infinity,
      none: [],
      drawn: [],
      drawnFrom: [],
      withRealDrift: [],
    };
    for (let k = 0; k < count; k++) {
      // One seed per replay for all three: they share their path up to the drift's start.
      const s = rng.int(0x7fffffff);
      r.none.push(replay(-1, 0, s));
      const d = drawDrift(rng, ctx.knobs, ctx.open.length, plan.logitRate);
      r.drawn.push(d.start >= 0 ? replay(d.start, d.delta, s) : null);
      r.drawnFrom.push(d.start >= 0 ? ctx.open[d.start] : -1);
      if (plan.driftStart >= 0) r.withRealDrift.push(replay(plan.driftStart, plan.driftDelta, s));
    }
    return r;
  });

  return (upTo) => {
    const j = Math.min(upTo, sessions.length);
    const boundary = j < sessions.length ? sessions[j] : Infinity;
    const n = years.length;
    const out: OracleRisk = {
      pPA: new Float32Array(n).fill(NaN),
      pSA: new Float32Array(n).fill(NaN),
      toDate: new Float32Array(n).fill(NaN),
      paNow: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) {
      const r = pupils[i];
      const a0 = r.actual.absent[j];
      const p0 = r.actual.possible[j];
      if (p0 === 0) continue;
      let pa = 0;
      let sa = 0;
      let runs = 0;
      for (let k = 0; k < r.none.length; k++) {
        const drawn = r.drawn[k];
        const future =
          r.realDriftFrom < boundary
            ? r.withRealDrift[k]
            : drawn && r.drawnFrom[k] >= boundary
              ? drawn
              : r.none[k];
        const last = future.absent.length - 1;
        const possible = p0 + future.possible[last] - future.possible[j];
        if (possible === 0) continue;
        const absent = a0 + future.absent[last] - future.absent[j];
        runs++;
        if (isPersistentlyAbsent(absent, possible)) pa++;
        if (isSeverelyAbsent(absent, possible)) sa++;
      }
      out.pPA[i] = runs ? pa / runs : NaN;
      out.pSA[i] = runs ? sa / runs : NaN;
      out.toDate[i] = a0 / p0;
      out.paNow[i] = isPersistentlyAbsent(a0, p0) ? 1 : 0;
    }
    return out;
  };
}
