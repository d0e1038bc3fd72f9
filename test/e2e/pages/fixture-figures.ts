/**
 * Reads a long-layout fixture with the domain core directly (no importer) and prints the school's
 * figures as JSON: the reference the e2e test compares the screen with. Run with tsx, because
 * Playwright's loader cannot import the domain's JSON code table:
 *   node --import tsx test/e2e/pages/fixture-figures.ts test/fixtures/e2e/small-long.csv
 */
import { readFileSync } from 'node:fs';
import { inferCalendar } from '../../../src/domain/calendar';
import { groupMetrics } from '../../../src/domain/metrics';
import { setMark } from '../../../src/domain/mark-by-date';
import { emptyMarks, schoolYearOf, type PupilYear } from '../../../src/domain/register';

const lines = readFileSync(process.argv[2], 'utf8').trim().split(/\r?\n/).slice(1);
const years = new Map<string, PupilYear>();
let last = '';
for (const line of lines) {
  const [id, , , yearGroup, regGroup, , , date, session, mark] = line.split(',');
  const iso = `${date.slice(6, 10)}-${date.slice(3, 5)}-${date.slice(0, 2)}`;
  const startYear = schoolYearOf(iso);
  if (iso > last) last = iso;
  let py = years.get(id);
  if (!py)
    years.set(id, (py = { pupilId: id, startYear, yearGroup, regGroup, marks: emptyMarks(startYear) }));
  setMark(py.marks, startYear, iso, session as 'AM' | 'PM', mark);
}
const pys = [...years.values()];
const cal = inferCalendar(
  pys[0].startYear,
  pys.map((p) => p.marks),
);
const g = groupMetrics(pys, cal, last);
process.stdout.write(
  JSON.stringify({
    possible: g.tally.possible,
    attendancePct: g.attendancePct,
    paCount: g.paCount,
    saCount: g.saCount,
  }),
);
