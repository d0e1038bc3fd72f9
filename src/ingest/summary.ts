/**
 * Summary layout: one row per pupil per period with session counts and often an attendance %.
 * Systems differ on whether "present" includes approved educational activity; the counts are checked
 * against possible sessions and the % so a mismatch is reported rather than trusted.
 */
import { schoolYearOf } from '../domain/register';
import { cell, rowGroups, rowPupil, skip, type ReadContext } from './context';
import { parseCount, parseDate, parsePercent } from './values';
import type { NamedPeriodTotals as PupilPeriodTotals } from '../domain/summary';

/**
 * "Autumn 2024", "Spring 2025", "Summer 2025": the term's widest possible dates. Exports that name terms
 * rarely give dates; totals need only the school year and an order, so calendar bounds are enough.
 */
export function termDates(label: string): Readonly<{ from: string; to: string }> | undefined {
  // Every pupil's rows repeat the same few labels: read each once.
  let hit = terms.get(label);
  if (hit === undefined) {
    hit = termDatesUncached(label) ?? null;
    if (terms.size < 1000) terms.set(label, hit);
  }
  return hit ?? undefined;
}

const terms = new Map<string, Readonly<{ from: string; to: string }> | null>();

function termDatesUncached(label: string): { from: string; to: string } | undefined {
  const m = /^(autumn|spring|summer)(?:\s+term)?\s+(\d{4})$/i.exec(label.trim());
  if (!m) return undefined;
  const y = m[2];
  const term = m[1].toLowerCase();
  if (term === 'autumn') return { from: `${y}-09-01`, to: `${y}-12-31` };
  if (term === 'spring') return { from: `${y}-01-01`, to: `${y}-04-30` };
  return { from: `${y}-04-01`, to: `${y}-08-31` };
}

export function createSummaryReader(ctx: ReadContext): (f: string[], line: number) => void {
  const { col } = ctx;
  const h = ctx.mapping.columns;
  const num = (f: string[], i: number): number | undefined => (i < 0 ? undefined : parseCount(cell(f, i)));
  const dateOf = (s: string) => {
    const d = parseDate(s);
    return 'iso' in d ? d.iso : undefined;
  };

  return (f, line) => {
    const entry = rowPupil(ctx, f, line);
    if (!entry) return;
    const named = termDates(cell(f, col.period));
    const from = dateOf(cell(f, col.periodFrom)) ?? named?.from ?? ctx.period?.from;
    const to = dateOf(cell(f, col.periodTo)) ?? named?.to ?? ctx.period?.to;
    const label = cell(f, col.period) || ctx.period?.label || (from && to ? `${from} to ${to}` : '');
    if (!from || !to)
      return skip(
        ctx,
        line,
        h.periodFrom ?? '',
        'missing-period',
        'The period these totals cover is not known. Choose the period dates in the mapping step.',
      );
    const possible = num(f, col.possible);
    const aea = num(f, col.aea) ?? 0;
    let present = num(f, col.present);
    const attended = num(f, col.attended);
    if (present === undefined && attended !== undefined) present = attended - aea;
    const authorised = num(f, col.authorised) ?? 0;
    const unauthorised = num(f, col.unauthorised) ?? 0;
    if (possible === undefined || present === undefined) {
      const which =
        possible === undefined ? (h.possible ?? 'possible sessions') : (h.present ?? h.attended ?? 'present');
      return skip(
        ctx,
        line,
        which,
        'unreadable-count',
        `"${which}" is not a whole number of sessions on this row.`,
      );
    }
    const t: PupilPeriodTotals = {
      pupilId: entry.pupil.id,
      startYear: schoolYearOf(from),
      periodLabel: label,
      from,
      to,
      possible,
      present,
      aea,
      authorised,
      unauthorised,
      ...rowGroups(ctx, f),
    };
    const late = num(f, col.late);
    if (late !== undefined) t.lates = late;
    if (present + aea + authorised + unauthorised !== possible)
      ctx.log.add(
        line,
        h.possible ?? '',
        'totals-dont-add-up',
        'warning',
        `Present ${present} + AEA ${aea} + authorised ${authorised} + unauthorised ${unauthorised} ≠ possible ${possible}. Imported as given; rates use possible sessions.`,
      );
    const pct = col.percent >= 0 ? parsePercent(cell(f, col.percent)) : undefined;
    if (pct !== undefined && possible > 0) {
      const shown = pct <= 1 && !cell(f, col.percent).includes('%') ? pct * 100 : pct;
      const ours = ((present + aea) / possible) * 100;
      if (Math.abs(shown - ours) > 0.6)
        ctx.log.add(
          line,
          h.percent ?? '',
          'percent-mismatch',
          'warning',
          `The file says ${cell(f, col.percent)} attendance but its counts give ${ours.toFixed(1)}%. The counts were used.`,
        );
    }
    ctx.builder.totals.push(t);
    ctx.builder.noteRange(from, to);
    ctx.counts.imported++;
    ctx.preview?.({
      line,
      pupil: entry.pupil.id,
      totals: `${label}: possible ${possible}, present ${present}, AEA ${aea}, authorised ${authorised}, unauthorised ${unauthorised}`,
    });
  };
}
