/**
 * Stacked bars of risk bands per period (term or half term), one bar per period, bottom = already SA, each
 * standing at its date (the period's last day, or today for the current one). Beside each bar: a dot for
 * the share of pupils actually PA by that date, and a dashed tick for the national year-to-date PA at the
 * same week of the year. Returns an SVG string; the screen shows the same figures in a table beside it.
 */
import { scaleBand, scaleLinear } from 'd3';
import { BAND_LABEL, RISK_BANDS } from '../views/risk';
import type { BandCounts } from '../views/overview';
import { bandPatterns, esc, r2 } from './svg';

export interface RiskBarsOptions {
  width: number;
  height: number;
  /** Unique id prefix for patterns. */
  id: string;
  title: string;
}

export function riskBarsSvg(data: readonly BandCounts[], o: RiskBarsOptions): string {
  const m = { top: 10, right: 10, bottom: 40, left: 40 };
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([m.left, o.width - m.right])
    .padding(0.25);
  const y = scaleLinear()
    .domain([0, 100])
    .range([o.height - m.bottom, m.top]);
  const parts: string[] = [];
  for (const d of data) {
    let acc = 0;
    // Bottom up from already SA and PA, so the PA segment's top is the PA reached, level with the national line.
    for (const band of [...RISK_BANDS].reverse()) {
      const share = d.total ? (100 * d.counts[band]) / d.total : 0;
      if (share <= 0) continue;
      const y0 = y(acc);
      const y1 = y(acc + share);
      acc += share;
      parts.push(
        `<rect class="band-${band}" x="${r2(x(d.label)!)}" y="${r2(y1)}" width="${r2(x.bandwidth())}" height="${r2(y0 - y1)}" ` +
          `fill="url(#${o.id}-${band})"><title>${esc(`${d.label}: ${BAND_LABEL[band]} ${d.counts[band]} pupils (${share.toFixed(1)}%)`)}</title></rect>`,
      );
    }
    const cx = r2(x(d.label)! + x.bandwidth() / 2);
    const paShare = d.total ? (100 * d.paReached) / d.total : 0;
    const nx0 = r2(x(d.label)! - 3);
    const nx1 = r2(x(d.label)! + x.bandwidth() + 3);
    parts.push(
      `<line class="national" x1="${nx0}" x2="${nx1}" y1="${r2(y(d.nationalPa))}" y2="${r2(y(d.nationalPa))}" stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="4 2">` +
        `<title>${esc(`${d.nationalLabel}: ${d.nationalPa.toFixed(1)}%`)}</title></line>` +
        `<circle class="pa-reached" cx="${cx}" cy="${r2(y(paShare))}" r="4" fill="#fff" stroke="#1b1f24" stroke-width="2">` +
        `<title>${esc(`${d.label}: ${d.paReached} pupils PA by ${d.date} (${paShare.toFixed(1)}%)`)}</title></circle>`,
      `<text x="${cx}" y="${o.height - 24}" text-anchor="middle" font-size="11">${esc(d.label)}${d.current ? ' *' : ''}</text>`,
      `<text x="${cx}" y="${o.height - 11}" text-anchor="middle" font-size="9" fill="#57606a">${esc(d.date)}</text>`,
    );
  }
  const ticks =
    [0, 25, 50, 75, 100]
      .map((t) => `<text x="${m.left - 6}" y="${r2(y(t) + 4)}" text-anchor="end" font-size="10">${t}%</text>`)
      .join('') +
    `<text transform="translate(10,${r2((m.top + o.height - m.bottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="10">% of pupils on roll</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-label="${esc(o.title)}">` +
    bandPatterns(o.id) +
    ticks +
    parts.join('') +
    '</svg>'
  );
}

/** Legend keys drawn like the chart's markers. */
export const PA_REACHED_KEY =
  '<svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="4" fill="#fff" stroke="#1b1f24" stroke-width="2"/></svg>';
export const NATIONAL_KEY =
  '<svg width="16" height="16" aria-hidden="true"><line x1="0" x2="16" y1="8" y2="8" stroke="#1b1f24" stroke-width="1.5" stroke-dasharray="4 2"/></svg>';
