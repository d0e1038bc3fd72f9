/**
 * What a summary export of a register would say: each pupil's totals per half term up to a date, counted from the
 * marks by an independent tally (not the views' code), with the year and registration group beside them.
 */
import { inferCalendar } from '../../src/domain/calendar';
import { CAT, CATEGORY_OF } from '../../src/domain/codes';
import { onRollRange } from '../../src/domain/metrics';
import { slotEndOfDate, yearSlots, type PupilYear } from '../../src/domain/register';
import type { NamedPeriodTotals } from '../../src/domain/summary';

export function halfTermSummary(years: readonly PupilYear[], asOf: string): NamedPeriodTotals[] {
  if (!years.length) return [];
  const startYear = years[0].startYear;
  const cal = inferCalendar(
    startYear,
    years.map((y) => y.marks),
  );
  const slots = yearSlots(startYear);
  const end = slotEndOfDate(slots, asOf);
  const out: NamedPeriodTotals[] = [];
  for (const ht of cal.halfTerms) {
    if (ht.startSlot >= end) break;
    const to = ht.endDate < asOf ? ht.endDate : asOf;
    for (const py of years) {
      // On roll from the admission date to the leaving date, as a summary counts.
      const [from, upTo] = onRollRange(py, ht.startSlot, Math.min(ht.endSlot, end));
      const n = { possible: 0, present: 0, aea: 0, authorised: 0, unauthorised: 0 };
      for (let s = from; s < upTo; s++) {
        const k = CATEGORY_OF[py.marks[s]];
        if (k === CAT.present) n.present++;
        else if (k === CAT.aea) n.aea++;
        else if (k === CAT.authorised) n.authorised++;
        else if (k === CAT.unauthorised) n.unauthorised++;
        else continue;
        n.possible++;
      }
      if (!n.possible) continue;
      out.push({
        pupilId: py.pupilId,
        startYear,
        periodLabel: ht.name,
        from: ht.startDate,
        to,
        ...n,
        ...(py.yearGroup ? { yearGroup: py.yearGroup } : {}),
        ...(py.regGroup ? { regGroup: py.regGroup } : {}),
      });
    }
  }
  return out;
}
