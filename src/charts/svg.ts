/** Small helpers shared by the chart renderers: escaping, rounding (deterministic output) and band patterns. */
import type { RiskBand } from '../views/risk';

export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Two decimals are plenty on screen and keep snapshots stable across platforms. */
export const r2 = (v: number): number => Math.round(v * 100) / 100;

export const BAND_COLOUR: Record<RiskBand, string> = {
  low: '#2a9d8f',
  rising: '#e9c46a',
  high: '#f4a261',
  pa: '#e76f51',
  sa: '#9d0208',
};

/**
 * One SVG pattern per band, so bands differ by texture as well as colour (colour-blind readers,
 * greyscale printing). `prefix` keeps ids unique when several charts share a page.
 */
export function bandPatterns(prefix: string): string {
  const p = (band: RiskBand, body: string) =>
    `<pattern id="${prefix}-${band}" width="6" height="6" patternUnits="userSpaceOnUse">` +
    `<rect width="6" height="6" fill="${BAND_COLOUR[band]}"/>${body}</pattern>`;
  return (
    '<defs>' +
    p('low', '') +
    p('rising', '<circle cx="3" cy="3" r="1" fill="#000" fill-opacity="0.35"/>') +
    p('high', '<path d="M0,6 L6,0" stroke="#000" stroke-opacity="0.4" stroke-width="1"/>') +
    p('pa', '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#fff" stroke-opacity="0.6" stroke-width="1"/>') +
    p('sa', '<path d="M0,3 L6,3 M3,0 L3,6" stroke="#fff" stroke-opacity="0.7" stroke-width="1.2"/>') +
    '</defs>'
  );
}
