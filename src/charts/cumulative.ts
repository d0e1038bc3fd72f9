/**
 * Cumulative attendance by school week, with the 90% line (below it = persistently absent) and the
 * year-end forecast range as a shaded bar at the right edge.
 */
import { scaleLinear, line } from 'd3';
import type { CumulativePoint } from '../views/pupil';
import { esc, r2 } from './svg';

export interface CumulativeOptions {
  width: number;
  height: number;
  /** Total school weeks in the year, so the x axis spans the whole year. */
  weeksInYear: number;
  forecast?: { low: number | null; expected: number | null; high: number | null };
  title: string;
}

export function cumulativeSvg(points: readonly CumulativePoint[], o: CumulativeOptions): string {
  const m = { top: 10, right: 30, bottom: 22, left: 40 };
  const known = points.map((p) => p.attendancePct).filter((v): v is number => v !== null);
  const lowest = Math.min(80, ...known, o.forecast?.low ?? 100);
  const yMin = Math.max(0, Math.floor(lowest / 10) * 10);
  const x = scaleLinear()
    .domain([0, Math.max(1, o.weeksInYear - 1)])
    .range([m.left, o.width - m.right]);
  const y = scaleLinear()
    .domain([yMin, 100])
    .range([o.height - m.bottom, m.top]);
  const path = line<CumulativePoint>()
    .defined((p) => p.attendancePct !== null)
    .x((p) => r2(x(p.week)))
    .y((p) => r2(y(p.attendancePct ?? 0)))(points as CumulativePoint[]);
  const parts: string[] = [];
  for (let t = yMin; t <= 100; t += 10)
    parts.push(
      `<text x="${m.left - 6}" y="${r2(y(t) + 4)}" font-size="10" text-anchor="end">${t}%</text>` +
        `<line x1="${m.left}" x2="${o.width - m.right}" y1="${r2(y(t))}" y2="${r2(y(t))}" stroke="#eaeef2"/>`,
    );
  parts.push(
    `<line class="pa-line" x1="${m.left}" x2="${o.width - m.right}" y1="${r2(y(90))}" y2="${r2(y(90))}" stroke="#9d0208" stroke-dasharray="5 3"/>` +
      `<text x="${o.width - m.right - 2}" y="${r2(y(90) - 4)}" font-size="10" text-anchor="end" fill="#9d0208">90%: below is PA</text>`,
  );
  const f = o.forecast;
  if (f && f.low !== null && f.high !== null) {
    const fx = o.width - m.right + 6;
    parts.push(
      `<rect class="forecast" x="${fx}" y="${r2(y(f.high))}" width="10" height="${r2(Math.max(1, y(f.low) - y(f.high)))}" fill="#1d3557" fill-opacity="0.3">` +
        `<title>${esc(`Year-end forecast ${f.low.toFixed(1)}%–${f.high.toFixed(1)}%`)}</title></rect>`,
    );
    if (f.expected !== null)
      parts.push(
        `<line x1="${fx}" x2="${fx + 10}" y1="${r2(y(f.expected))}" y2="${r2(y(f.expected))}" stroke="#1d3557" stroke-width="2"/>`,
      );
  }
  parts.push(`<path class="attendance" d="${path ?? ''}" fill="none" stroke="#1d3557" stroke-width="2"/>`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-label="${esc(o.title)}">` +
    parts.join('') +
    '</svg>'
  );
}
