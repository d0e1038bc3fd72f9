/**
 * Reliability diagram: for each band of predicted chance of PA (0–10%, 10–20%, …), the share of those pupils
 * who actually ended the year PA, one line of points per model (the shipped calibration and the school's
 * recalibration). Points on the dashed diagonal are perfectly calibrated: "of pupils we gave 30–40%, 35% ended
 * PA". The screen shows the same figures in a table and in words beside it.
 */
import { scaleLinear } from 'd3';
import { esc, r2 } from './svg';

export interface ReliabilityPoint {
  /** The band of predicted chance, 0…1. */
  from: number;
  to: number;
  /** Pupil-weeks in the band, mean predicted chance, and the share that ended PA (0…1). */
  count: number;
  predicted: number;
  observed: number;
}

export interface ReliabilitySeries {
  label: string;
  points: readonly ReliabilityPoint[];
}

export interface ReliabilityOptions {
  width: number;
  height: number;
  title: string;
}

/** Each series differs by marker shape and line style as well as colour (greyscale print, colour blindness). */
const STYLES = [
  { colour: '#7a4d00', dash: '5 3', marker: 'square' },
  { colour: '#0f4c45', dash: '', marker: 'circle' },
] as const;

const pc = (v: number) => `${Math.round(100 * v)}%`;

export function reliabilitySvg(series: readonly ReliabilitySeries[], o: ReliabilityOptions): string {
  const m = { top: 12, right: 18, bottom: 44, left: 48 };
  const x = scaleLinear()
    .domain([0, 1])
    .range([m.left, o.width - m.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([o.height - m.bottom, m.top]);
  const parts: string[] = [];
  for (const t of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    parts.push(
      `<line x1="${r2(x(t))}" x2="${r2(x(t))}" y1="${r2(y(0))}" y2="${r2(y(1))}" stroke="#d0d7de" stroke-width="0.5"/>`,
      `<line x1="${r2(x(0))}" x2="${r2(x(1))}" y1="${r2(y(t))}" y2="${r2(y(t))}" stroke="#d0d7de" stroke-width="0.5"/>`,
      `<text x="${r2(x(t))}" y="${r2(y(0) + 14)}" text-anchor="middle" font-size="10">${pc(t)}</text>`,
      `<text x="${r2(x(0) - 6)}" y="${r2(y(t) + 4)}" text-anchor="end" font-size="10">${pc(t)}</text>`,
    );
  }
  parts.push(
    `<line class="perfect" x1="${r2(x(0))}" y1="${r2(y(0))}" x2="${r2(x(1))}" y2="${r2(y(1))}" stroke="#57606a" stroke-width="1" stroke-dasharray="2 3">` +
      `<title>Perfectly calibrated: as many ended PA as we predicted</title></line>`,
    `<text x="${r2((x(0) + x(1)) / 2)}" y="${o.height - 8}" text-anchor="middle" font-size="10">Chance of PA we gave</text>`,
    `<text transform="translate(12,${r2((y(0) + y(1)) / 2)}) rotate(-90)" text-anchor="middle" font-size="10">Share who ended the year PA</text>`,
  );
  series.forEach((s, k) => {
    const st = STYLES[k % STYLES.length];
    const pts = s.points.filter((p) => p.count > 0);
    if (pts.length > 1)
      parts.push(
        `<polyline class="series-${k}" points="${pts.map((p) => `${r2(x(p.predicted))},${r2(y(p.observed))}`).join(' ')}" ` +
          `fill="none" stroke="${st.colour}" stroke-width="1.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>`,
      );
    for (const p of pts) {
      const cx = r2(x(p.predicted));
      const cy = r2(y(p.observed));
      const tip = `<title>${esc(`${s.label}: of pupils given ${pc(p.from)}–${pc(p.to)}, ${pc(p.observed)} ended PA`)}</title>`;
      parts.push(
        st.marker === 'circle'
          ? `<circle class="series-${k}" cx="${cx}" cy="${cy}" r="4" fill="${st.colour}">${tip}</circle>`
          : `<rect class="series-${k}" x="${r2(cx - 3.5)}" y="${r2(cy - 3.5)}" width="7" height="7" fill="#fff" stroke="${st.colour}" stroke-width="1.5">${tip}</rect>`,
      );
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="100%" role="img" aria-label="${esc(o.title)}">` +
    parts.join('') +
    '</svg>'
  );
}

/** A legend key drawn like series k's markers and line. */
export function reliabilityKey(k: number): string {
  const st = STYLES[k % STYLES.length];
  const mark =
    st.marker === 'circle'
      ? `<circle cx="11" cy="8" r="4" fill="${st.colour}"/>`
      : `<rect x="7.5" y="4.5" width="7" height="7" fill="#fff" stroke="${st.colour}" stroke-width="1.5"/>`;
  return (
    `<svg width="22" height="16" aria-hidden="true"><line x1="0" x2="22" y1="8" y2="8" stroke="${st.colour}" stroke-width="1.5"` +
    `${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/>${mark}</svg>`
  );
}
