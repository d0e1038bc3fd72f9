/**
 * Details layout: pupil details only (FSM, SEN support, EHC plan, sex, date of birth, names), no marks.
 * An import of its own kind (the imports log says "details"): it updates pupils and never touches a mark,
 * a total or the "newly at risk" comparison. Year and registration group belong to a school year's register,
 * so they are read from register files, not from here (reported, so nothing is dropped silently).
 */
import { cell, rowPupil, type ReadContext } from './context';

export function createDetailsReader(ctx: ReadContext): (f: string[], line: number) => void {
  const { col } = ctx;
  let yearNoted = false;
  return (f, line) => {
    const entry = rowPupil(ctx, f, line);
    if (!entry) return;
    if (!yearNoted && (cell(f, col.yearGroup) || cell(f, col.regGroup))) {
      yearNoted = true;
      ctx.log.add(
        line,
        ctx.mapping.columns.yearGroup ?? ctx.mapping.columns.regGroup ?? '',
        'details-year-group',
        'notice',
        'Year and registration group are kept with each school year’s register, so they are read from register files, not from a details file.',
      );
    }
    ctx.counts.imported++;
    const p = entry.pupil;
    const said = [
      p.sex && `sex ${p.sex}`,
      p.fsm !== undefined && `FSM ${p.fsm ? 'yes' : 'no'}`,
      p.sen && `SEN ${p.sen === 'ehcp' ? 'EHC plan' : p.sen === 'support' ? 'support' : 'none'}`,
      p.dob && `born ${p.dob}`,
    ].filter(Boolean);
    ctx.preview?.({ line, pupil: p.id, totals: `Details: ${said.join(', ') || 'none given'}` });
  };
}
