/** A tiny trend line of absence % per half term, for the watch list. Missing values break the line. */
import { scaleLinear, line } from 'd3';
import { r2 } from './svg';

export interface Sparkline {
  width: number;
  height: number;
  /** Path of the trend; '' when no value is known. */
  path: string;
  /** Height of the 10% (persistent absence) line. */
  paY: number;
}

/** The geometry only, so the watch list can draw it as plain SVG elements (cheaper than parsing markup per row). */
export function sparkline(values: readonly (number | null)[], width = 80, height = 20): Sparkline | null {
  if (!values.length) return null;
  const max = Math.max(20, ...values.map((v) => v ?? 0));
  const x = scaleLinear()
    .domain([0, Math.max(1, values.length - 1)])
    .range([2, width - 2]);
  const y = scaleLinear()
    .domain([0, max])
    .range([height - 2, 2]);
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => r2(x(i)))
    .y((v) => r2(y(v ?? 0)))(values as (number | null)[]);
  return { width, height, path: path ?? '', paY: r2(y(10)) };
}

export function sparklineSvg(values: readonly (number | null)[], width = 80, height = 20): string {
  const s = sparkline(values, width, height);
  if (!s) return '';
  // aria-hidden: the row already states attendance and trend in words.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-hidden="true">` +
    `<line x1="0" x2="${width}" y1="${s.paY}" y2="${s.paY}" stroke="#9d0208" stroke-dasharray="2 2" stroke-width="0.8"/>` +
    `<path d="${s.path}" fill="none" stroke="#1d3557" stroke-width="1.5"/></svg>`
  );
}

export type TrendDirection = 'worse' | 'better' | 'steady' | 'none';

/**
 * The trend of absence per half term, compared last with the one before, as a direction and a visible mark:
 * the line shows ABSENCE, so a rising line is getting worse, and the mark says so in words, not by slope alone.
 */
export function trendOf(values: readonly (number | null)[]): {
  direction: TrendDirection;
  mark: string;
  words: string;
} {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return { direction: 'none', mark: '', words: 'no trend yet' };
  const d = known[known.length - 1] - known[known.length - 2];
  if (Math.abs(d) < 1) return { direction: 'steady', mark: '→ steady', words: 'steady' };
  return d > 0
    ? { direction: 'worse', mark: '▲ absence up', words: 'absence rising' }
    : { direction: 'better', mark: '▼ absence down', words: 'absence falling' };
}

/** Words for the trend: compares the last half term with the one before. */
export function trendWords(values: readonly (number | null)[]): string {
  return trendOf(values).words;
}
