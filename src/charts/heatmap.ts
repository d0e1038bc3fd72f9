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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/**
 * One column per school week (Monday at the top), with the month above the first week of each month and the
 * Monday's day of the month under every column. Holidays (weeks with no open day) are drawn as narrow hatched
 * gaps, so half terms and the Christmas break show where they fall. Scales to its container (viewBox), with
 * its natural size as the maximum.
 */
export function heatmapSvg(weeks: readonly HeatWeek[], cell = 12, title = 'Every session this year'): string {
  const left = 56;
  const top = 18;
  const gap = 1;
  const holiday = Math.round(cell * 0.6);
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
  const gridBottom = top + 10 * (cell + gap);
  // Column x for each week, leaving a gap wherever whole weeks were skipped.
  const xs: number[] = [];
  const gaps: { x: number; from: string; weeks: number }[] = [];
  let x = left;
  weeks.forEach((w, wi) => {
    if (wi > 0) {
      const skipped = Math.round(daysBetween(weeks[wi - 1].monday, w.monday) / 7) - 1;
      if (skipped > 0) {
        gaps.push({ x, from: weeks[wi - 1].monday, weeks: skipped });
        x += holiday + gap;
      }
    }
    xs.push(x);
    x += cell + gap;
  });
  const width = x + 4;
  const height = gridBottom + 16;
  const parts: string[] = rows.map(
    (r, i) =>
      `<text x="${left - 4}" y="${r2(top + i * (cell + gap) + cell * 0.8)}" font-size="9" text-anchor="end">${r}</text>`,
  );
  for (const g of gaps)
    parts.push(
      `<rect class="holiday" x="${g.x}" y="${top}" width="${holiday}" height="${10 * (cell + gap) - gap}" fill="url(#hm-holiday)">` +
        `<title>${esc(`No school: ${g.weeks} week${g.weeks > 1 ? 's' : ''} after the week of ${g.from}`)}</title></rect>`,
    );
  let month = -1;
  let lastLabel = -Infinity;
  weeks.forEach((w, wi) => {
    // A week belongs to the month its Friday is in (the week of Monday 31 August is September's first).
    const friday = new Date(Date.parse(`${w.monday}T00:00:00Z`) + 4 * DAY_MS);
    const m = friday.getUTCMonth();
    const day = Number(w.monday.slice(8, 10));
    if (m !== month && xs[wi] - lastLabel >= 26) {
      month = m;
      lastLabel = xs[wi];
      parts.push(
        `<text class="month" x="${xs[wi]}" y="${top - 6}" font-size="10" font-weight="600">${MONTHS[m]}</text>`,
      );
    }
    parts.push(
      `<text class="week" x="${r2(xs[wi] + cell / 2)}" y="${gridBottom + 10}" font-size="8" text-anchor="middle" fill="#57606a">${day}</text>`,
    );
    for (const c of w.cells) {
      const y = top + (c.weekday * 2 + (c.pm ? 1 : 0)) * (cell + gap);
      parts.push(
        `<g class="cell-${c.kind}"><rect x="${xs[wi]}" y="${y}" width="${cell}" height="${cell}" fill="${FILL[c.kind]}" stroke="#d0d7de" stroke-width="0.5">` +
          `<title>${esc(`${c.date} ${c.pm ? 'PM' : 'AM'}: ${c.code || 'no mark'} (${CELL_LABEL[c.kind]})`)}</title></rect>${glyph(c.kind, xs[wi], y, cell)}</g>`,
      );
    }
  });
  const defs =
    '<defs><pattern id="hm-holiday" width="4" height="4" patternUnits="userSpaceOnUse">' +
    '<rect width="4" height="4" fill="#f6f8fa"/><path d="M0,4 L4,0" stroke="#d0d7de" stroke-width="0.8"/></pattern></defs>';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" aria-label="${esc(title)}">` +
    defs +
    parts.join('') +
    `<text x="${left - 4}" y="${gridBottom + 10}" font-size="8" text-anchor="end" fill="#57606a">w/c</text>` +
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
