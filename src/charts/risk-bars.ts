/**
 * Stacked bars of risk bands per period (term or half term), one bar per period, bottom = low risk.
 * Returns an SVG string; the screen shows the same counts in a table beside it.
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
  const m = { top: 10, right: 10, bottom: 28, left: 40 };
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
    for (const band of RISK_BANDS) {
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
    parts.push(
      `<text x="${r2(x(d.label)! + x.bandwidth() / 2)}" y="${o.height - 10}" text-anchor="middle" font-size="11">${esc(d.label)}${d.current ? ' *' : ''}</text>`,
    );
  }
  const ticks = [0, 25, 50, 75, 100]
    .map((t) => `<text x="${m.left - 6}" y="${r2(y(t) + 4)}" text-anchor="end" font-size="10">${t}%</text>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-label="${esc(o.title)}">` +
    bandPatterns(o.id) +
    ticks +
    parts.join('') +
    '</svg>'
  );
}
