/**
 * Timing of the domain core over a synthetic school, for `npm run bench` (never for unit tests).
 * Works in Node and in the browser: only performance.now() and a seeded generator, no I/O.
 */
import { markId } from './codes';
import { inferCalendar } from './calendar';
import { emptyMarks, type PupilYear } from './register';
import { groupMetrics, periodMetrics, pupilMetrics } from './metrics';

export interface DomainTimings {
  pupils: number;
  inferCalendarMs: number;
  groupMetricsMs: number;
  pupilMetricsMs: number;
  periodMetricsMs: number;
  /** A checksum of the work done, so no step can be optimised away. */
  paRate: number | null;
}

/** Pupils present on every open day of a typical year, each absent (I or N) at their own rate. */
export function syntheticYear(pupils: number, startYear = 2024, seed = 1): PupilYear[] {
  let s = seed >>> 0;
  const rnd = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const cal = inferCalendar(startYear, []);
  const base = emptyMarks(startYear);
  const [am, pm, ill, noReason] = [markId('/'), markId('\\'), markId('I'), markId('N')];
  for (let i = 0; i < base.length; i++) if (cal.openSession[i]) base[i] = i & 1 ? pm : am;
  const out: PupilYear[] = [];
  for (let p = 0; p < pupils; p++) {
    const marks = base.slice();
    const rate = rnd() < 0.8 ? rnd() * 0.1 : rnd() * 0.5;
    for (let i = 0; i < marks.length; i++)
      if (marks[i] && rnd() < rate) marks[i] = rnd() < 0.7 ? ill : noReason;
    out.push({ pupilId: String(p), startYear, marks });
  }
  return out;
}

function time(f: () => void, runs = 3): number {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Median of 3 runs of each step over `pupils` synthetic pupil-years, as of mid-March. */
export function measureDomain(pupils: number, asOf = '2025-03-14'): DomainTimings {
  const pys = syntheticYear(pupils);
  const registers = pys.map((p) => p.marks);
  let cal = inferCalendar(2024, registers);
  const inferCalendarMs = time(() => {
    cal = inferCalendar(2024, registers);
  });
  let paRate: number | null = null;
  const groupMetricsMs = time(() => {
    paRate = groupMetrics(pys, cal, asOf).paRate;
  });
  const pupilMetricsMs = time(() => {
    for (const p of pys) pupilMetrics(p, cal, asOf);
  });
  const periodMetricsMs = time(() => {
    for (const p of pys) periodMetrics(p, cal);
  });
  return { pupils, inferCalendarMs, groupMetricsMs, pupilMetricsMs, periodMetricsMs, paRate };
}
