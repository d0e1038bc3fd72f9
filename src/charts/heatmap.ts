/**
 * The pupil's calendar heat map: one column per school week, ten rows (Monday AM … Friday PM).
 * Each kind of mark has a colour AND a shape or texture, so it reads without colour too.
 */
import { CELL_LABEL, type CellKind, type HeatWeek } from '../views/pupil';
import { esc, r2 } from './svg';

const FILL: Record<CellKind, string> = {
  present: '#cfe8e4',
  late: '#cfe8e4',
  aea: '#a8c5e8',
  authorised: '#f4a261',
  unauthorised: '#9d0208',
  'not-counted': '#e0e0e0',
  closed: '#f2f2f2',
  none: '#ffffff',
};

/** The mark inside a cell: nothing for present, a dot for late, a slash for authorised, a cross for unauthorised. */
function glyph(kind: CellKind, x: number, y: number, s: number): string {
  const a = r2(x + s * 0.25);
  const b = r2(x + s * 0.75);
  const c = r2(y + s * 0.25);
  const d = r2(y + s * 0.75);
  switch (kind) {
    case 'late':
      return `<circle cx="${r2(x + s / 2)}" cy="${r2(y + s / 2)}" r="${r2(s * 0.15)}" fill="#1b1f24"/>`;
    case 'aea':
      return `<path d="M${a},${r2(y + s / 2)}H${b}" stroke="#1d3557" stroke-width="1.5"/>`;
    case 'authorised':
      return `<path d="M${a},${d}L${b},${c}" stroke="#1b1f24" stroke-width="1.5"/>`;
    case 'unauthorised':
      return `<path d="M${a},${c}L${b},${d}M${a},${d}L${b},${c}" stroke="#ffffff" stroke-width="1.8"/>`;
    case 'not-counted':
      return `<circle cx="${r2(x + s / 2)}" cy="${r2(y + s / 2)}" r="${r2(s * 0.2)}" fill="none" stroke="#57606a"/>`;
    default:
      return '';
  }
}

export const HEAT_KINDS: readonly CellKind[] = [
  'present',
  'late',
  'aea',
  'authorised',
  'unauthorised',
  'not-counted',
  'none',
];

export function heatmapSvg(weeks: readonly HeatWeek[], cell = 12, title = 'Every session this year'): string {
  const left = 56;
  const top = 4;
  const gap = 1;
  const width = left + weeks.length * (cell + gap) + 4;
  const height = top + 10 * (cell + gap) + 4;
  const rows = [
    'Mon AM',
    'Mon PM',
    'Tue AM',
    'Tue PM',
    'Wed AM',
    'Wed PM',
    'Thu AM',
    'Thu PM',
    'Fri AM',
    'Fri PM',
  ];
  const parts: string[] = rows.map(
    (r, i) =>
      `<text x="${left - 4}" y="${r2(top + i * (cell + gap) + cell * 0.8)}" font-size="9" text-anchor="end">${r}</text>`,
  );
  weeks.forEach((w, wi) => {
    const x = left + wi * (cell + gap);
    for (const c of w.cells) {
      const y = top + (c.weekday * 2 + (c.pm ? 1 : 0)) * (cell + gap);
      parts.push(
        `<g class="cell-${c.kind}"><rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${FILL[c.kind]}" stroke="#d0d7de" stroke-width="0.5">` +
          `<title>${esc(`${c.date} ${c.pm ? 'PM' : 'AM'}: ${c.code || 'no mark'} (${CELL_LABEL[c.kind]})`)}</title></rect>${glyph(c.kind, x, y, cell)}</g>`,
      );
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">` +
    parts.join('') +
    '</svg>'
  );
}

/** One legend swatch as SVG, drawn with the same fill and glyph as the map. */
export function heatSwatchSvg(kind: CellKind, size = 14): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" aria-hidden="true">` +
    `<rect width="${size}" height="${size}" fill="${FILL[kind]}" stroke="#57606a" stroke-width="0.5"/>${glyph(kind, 0, 0, size)}</svg>`
  );
}
