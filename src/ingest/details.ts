/**
 * Details layout: pupil details only (FSM, SEN support, EHC plan, sex, year and registration group), no marks.
 * Read as an import of its own kind: it updates pupils and never touches a mark or a total.
 * Year and registration group belong to a school year: the one the file is imported in (the current one).
 */
import { schoolYearOf } from '../domain/register';
import { cell, rowPupil, rowYearAttributes, type ReadContext } from './context';

export function createDetailsReader(
  ctx: ReadContext,
  today = new Date().toISOString().slice(0, 10),
): (f: string[], line: number) => void {
  const { col } = ctx;
  const startYear = schoolYearOf(today);
  const hasYearFields = col.yearGroup >= 0 || col.regGroup >= 0;
  return (f, line) => {
    const entry = rowPupil(ctx, f, line);
    if (!entry) return;
    if (hasYearFields && (cell(f, col.yearGroup) || cell(f, col.regGroup)))
      rowYearAttributes(ctx, f, entry, today, startYear);
    ctx.counts.imported++;
    const p = entry.pupil;
    const y = entry.years.get(startYear)?.year;
    const said = [
      p.sex && `sex ${p.sex}`,
      p.fsm !== undefined && `FSM ${p.fsm ? 'yes' : 'no'}`,
      p.sen && `SEN ${p.sen === 'ehcp' ? 'EHC plan' : p.sen}`,
      y?.yearGroup && `year ${y.yearGroup}`,
      y?.regGroup && `reg group ${y.regGroup}`,
    ].filter(Boolean);
    ctx.preview?.({ line, pupil: p.id, totals: `Details: ${said.join(', ') || 'none given'}` });
  };
}
