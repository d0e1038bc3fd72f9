/**
 * Persistent absence by group as horizontal bars, one per group (Groups screen): the bar is the group's PA rate so
 * far, a dashed tick the national PA for a comparable group, and a hollow diamond the same group's PA at the same
 * point last year when the store holds it. Returns an SVG string; the screen shows the same figures in a table.
 */
import { scaleLinear } from 'd3';
import type { GroupBar } from '../views/group-compare';
import { esc, r2 } from './svg';

export interface GroupBarsOptions {
  width: number;
  title: string;
}

/** Height of one group's row: the chart grows with the number of groups rather than squeezing them. */
export const GROUP_ROW = 22;

export function groupBarsSvg(data: readonly GroupBar[], o: GroupBarsOptions): string {
  const m = { top: 8, right: 48, bottom: 34, left: 92 };
  const height = m.top + m.bottom + GROUP_ROW * Math.max(1, data.length);
  const highest = Math.max(10, ...data.flatMap((d) => [d.paRate ?? 0, d.nationalPa ?? 0, d.lastYearPa ?? 0]));
  // Axis to the next 10 above every figure, so the scale reads in round numbers.
  const top = Math.min(100, Math.ceil(highest / 10) * 10);
  const x = scaleLinear()
    .domain([0, top])
    .range([m.left, o.width - m.right]);
  const parts: string[] = [];
  const axisY = height - m.bottom;
  for (let t = 0; t <= top; t += top > 50 ? 20 : 10) {
    const tx = r2(x(t));
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="${m.top}" y2="${axisY}" stroke="#eaeef2"/>` +
        `<text x="${tx}" y="${axisY + 14}" font-size="10" text-anchor="middle">${t}%</text>`,
    );
  }
  parts.push(
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${axisY}" stroke="#57606a"/>`,
    `<text x="${r2((m.left + o.width - m.right) / 2)}" y="${height - 4}" font-size="10" text-anchor="middle" fill="#57606a">% of the group persistently absent so far</text>`,
  );
  data.forEach((d, i) => {
    const y0 = m.top + i * GROUP_ROW;
    const mid = r2(y0 + GROUP_ROW / 2);
    parts.push(
      `<text x="${m.left - 6}" y="${r2(mid + 4)}" font-size="11" text-anchor="end">${esc(d.name)}</text>`,
    );
    if (d.paRate !== null) {
      const w = r2(x(d.paRate) - m.left);
      parts.push(
        `<rect class="pa" x="${m.left}" y="${r2(y0 + 4)}" width="${w}" height="${GROUP_ROW - 8}" fill="#e76f51">` +
          `<title>${esc(`${d.name}: ${d.paRate.toFixed(1)}% PA so far (${d.pupils} pupils)`)}</title></rect>` +
          `<text x="${r2(x(d.paRate) + 4)}" y="${r2(mid + 4)}" font-size="10">${d.paRate.toFixed(1)}%</text>`,
      );
    } else
      parts.push(
        `<text x="${m.left + 4}" y="${r2(mid + 4)}" font-size="10" fill="#57606a">no sessions</text>`,
      );
    if (d.nationalPa !== null) {
      const nx = r2(x(d.nationalPa));
      parts.push(
        `<line class="national" x1="${nx}" x2="${nx}" y1="${r2(y0 + 1)}" y2="${r2(y0 + GROUP_ROW - 1)}" stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="3 2">` +
          `<title>${esc(`${d.name}: national ${d.nationalPa.toFixed(1)}%`)}</title></line>`,
      );
    }
    if (d.lastYearPa !== null) {
      const lx = r2(x(d.lastYearPa));
      parts.push(
        `<path class="last-year" d="M${lx},${r2(mid - 5)} L${r2(lx + 5)},${mid} L${lx},${r2(mid + 5)} L${r2(lx - 5)},${mid} Z" fill="#fff" stroke="#1d3557" stroke-width="2">` +
          `<title>${esc(`${d.name}: ${d.lastYearPa.toFixed(1)}% PA at the same point last year`)}</title></path>`,
      );
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${height}" width="100%" role="img" aria-label="${esc(o.title)}">` +
    parts.join('') +
    '</svg>'
  );
}

/** Legend keys drawn like the chart's markers. */
export const LAST_YEAR_KEY =
  '<svg width="16" height="16" aria-hidden="true"><path d="M8,3 L13,8 L8,13 L3,8 Z" fill="#fff" stroke="#1d3557" stroke-width="2"/></svg>';
export const GROUP_NATIONAL_KEY =
  '<svg width="16" height="16" aria-hidden="true"><line x1="8" x2="8" y1="1" y2="15" stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="3 2"/></svg>';
