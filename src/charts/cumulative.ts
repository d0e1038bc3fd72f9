/**
 * Cumulative attendance through the school year on a date axis (month ticks), with the 90% line (below it =
 * persistently absent) and the year-end forecast at the year's last day: its expected value and 80% range,
 * labelled in words on the chart.
 */
import { scaleLinear, line } from 'd3';
import type { CumulativePoint } from '../views/pupil';
import { esc, r2 } from './svg';

export interface CumulativeOptions {
  width: number;
  height: number;
  /** First and last day of the school year as drawn (ISO): the x axis spans them. */
  yearStart: string;
  yearEnd: string;
  forecast?: { low: number | null; expected: number | null; high: number | null };
  title: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

export function cumulativeSvg(points: readonly CumulativePoint[], o: CumulativeOptions): string {
  const m = { top: 12, right: 118, bottom: 36, left: 44 };
  const known = points.map((p) => p.attendancePct).filter((v): v is number => v !== null);
  const lowest = Math.min(80, ...known, o.forecast?.low ?? 100);
  const yMin = Math.max(0, Math.floor(lowest / 10) * 10);
  const start = day(o.yearStart);
  const end = day(o.yearEnd);
  const x = scaleLinear()
    .domain([start, Math.max(start + 1, end)])
    .range([m.left, o.width - m.right]);
  const y = scaleLinear()
    .domain([yMin, 100])
    .range([o.height - m.bottom, m.top]);
  // Each point is attendance to the end of its week: drawn at that week's Friday.
  const path = line<CumulativePoint>()
    .defined((p) => p.attendancePct !== null)
    .x((p) => r2(x(day(p.monday) + 4)))
    .y((p) => r2(y(p.attendancePct ?? 0)))(points as CumulativePoint[]);
  const parts: string[] = [];
  const x0 = m.left;
  const x1 = o.width - m.right;
  for (let t = yMin; t <= 100; t += 10)
    parts.push(
      `<text x="${x0 - 6}" y="${r2(y(t) + 4)}" font-size="10" text-anchor="end">${t}%</text>` +
        `<line x1="${x0}" x2="${x1}" y1="${r2(y(t))}" y2="${r2(y(t))}" stroke="#eaeef2"/>`,
    );
  // Month ticks on the first of each month inside the year.
  const first = new Date(start * 86_400_000);
  for (let k = 0; k < 13; k++) {
    const d = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1) / 86_400_000;
    if (d < start || d > end) continue;
    const tx = r2(x(d));
    const label = MONTHS[new Date(d * 86_400_000).getUTCMonth()];
    parts.push(
      `<line class="tick" x1="${tx}" x2="${tx}" y1="${o.height - m.bottom}" y2="${o.height - m.bottom + 4}" stroke="#57606a"/>` +
        `<text x="${tx}" y="${o.height - m.bottom + 15}" font-size="10" text-anchor="middle">${label}</text>`,
    );
  }
  parts.push(
    `<line x1="${x0}" x2="${x1}" y1="${o.height - m.bottom}" y2="${o.height - m.bottom}" stroke="#57606a"/>`,
    `<text x="${r2((x0 + x1) / 2)}" y="${o.height - 4}" font-size="10" text-anchor="middle" fill="#57606a">${esc(`School year ${o.yearStart.slice(0, 4)}/${o.yearEnd.slice(2, 4)}, attendance to the end of each week`)}</text>`,
    `<line class="pa-line" x1="${x0}" x2="${x1}" y1="${r2(y(90))}" y2="${r2(y(90))}" stroke="#9d0208" stroke-dasharray="5 3"/>` +
      `<text x="${x0 + 4}" y="${r2(y(90) - 4)}" font-size="10" fill="#9d0208">90%: below is PA</text>`,
  );
  const f = o.forecast;
  if (f && f.low !== null && f.high !== null) {
    const fx = r2(x(end));
    parts.push(
      `<rect class="forecast" x="${r2(fx - 5)}" y="${r2(y(f.high))}" width="10" height="${r2(Math.max(1, y(f.low) - y(f.high)))}" fill="#1d3557" fill-opacity="0.3">` +
        `<title>${esc(`Year-end forecast ${f.low.toFixed(1)}%–${f.high.toFixed(1)}%`)}</title></rect>`,
    );
    const mid = f.expected ?? (f.low + f.high) / 2;
    if (f.expected !== null)
      parts.push(
        `<line x1="${r2(fx - 5)}" x2="${r2(fx + 5)}" y1="${r2(y(f.expected))}" y2="${r2(y(f.expected))}" stroke="#1d3557" stroke-width="2"/>`,
      );
    const ly = r2(Math.min(o.height - m.bottom - 14, Math.max(m.top + 10, y(mid))));
    parts.push(
      `<text class="forecast-label" x="${r2(fx + 9)}" y="${ly}" font-size="10">` +
        `<tspan x="${r2(fx + 9)}">Year-end forecast</tspan>` +
        `<tspan x="${r2(fx + 9)}" dy="12">${f.expected !== null ? `${f.expected.toFixed(1)}% expected` : ''}</tspan>` +
        `<tspan x="${r2(fx + 9)}" dy="12">${esc(`range ${f.low.toFixed(1)}–${f.high.toFixed(1)}%`)}</tspan></text>`,
    );
  }
  parts.push(`<path class="attendance" d="${path ?? ''}" fill="none" stroke="#1d3557" stroke-width="2"/>`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-label="${esc(o.title)}">` +
    parts.join('') +
    '</svg>'
  );
}
