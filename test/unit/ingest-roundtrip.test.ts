/**
 * Simulator → export writer → importer: the marks and totals that come back must be the ones simulated,
 * for every layout and the quirks real exports have.
 */
import { describe, expect, it } from 'vitest';
import { simulateSchool } from '../../src/sim';
import { writeExportBytes } from '../../src/sim/writers';
import { tallyMarks } from '../../src/domain/tally';
import { bytesSource, inspectSource, parseSource } from '../../src/ingest';

const school = simulateSchool({ seed: 7, phase: 'secondary', pupils: 40, years: 1, lastStartYear: 2024 });
const simYears = school.years.filter((y) => y.startYear === 2024);
const key = (p: { upn?: string; id: string }) => p.upn ?? p.id;
const upnOf = new Map(school.pupils.map((p) => [p.id, key(p)]));

async function read(bytes: Uint8Array, period?: { label: string; from: string; to: string }) {
  const src = bytesSource(bytes, 'sim.csv');
  const ins = await inspectSource(src);
  const parsed = await parseSource(src, ins.proposal.mapping, { period: period ?? ins.period });
  return { ins, parsed };
}

describe('round trip through the simulator writers', () => {
  it.each([
    ['long, UTF-8', { encoding: 'utf-8' as const }],
    [
      'long, UTF-16LE, all quoted, details on first row only, title and totals',
      {
        encoding: 'utf-16le' as const,
        quoteAll: true,
        pupilDetailsFirstRowOnly: ' ' as const,
        titleLines: ['Register report 2024/25'],
        totalsRow: true,
      },
    ],
    ['long, Windows-1252, semicolons', { encoding: 'windows-1252' as const, delimiter: ';' as const }],
  ])('%s: identical marks', async (_name, opts) => {
    const { ins, parsed } = await read(writeExportBytes('long', school, 2024, opts));
    expect(ins.proposal.needsMapping).toBe(false);
    expect(parsed.summary.errors).toBe(0);
    expect(parsed.builder.pupils.size).toBe(simYears.length);
    for (const y of simYears) {
      const got = parsed.builder.pupils.get(upnOf.get(y.pupilId)!)?.years.get(2024)?.year;
      expect(got?.marks, y.pupilId).toEqual(y.marks);
      expect(got?.yearGroup).toBe(y.yearGroup);
    }
    const names = parsed.builder.pupils.get(key(school.pupils[0]))!.pupil;
    expect([names.forename, names.surname]).toEqual([school.pupils[0].forename, school.pupils[0].surname]);
  });

  it.each([[''], [',']] as const)('wide (separator %j): identical marks', async (separator) => {
    const { ins, parsed } = await read(writeExportBytes('wide', school, 2024, { separator }));
    expect(ins.proposal.mapping.layout).toBe('wide');
    expect(parsed.summary.errors).toBe(0);
    for (const y of simYears) {
      expect(
        parsed.builder.pupils.get(upnOf.get(y.pupilId)!)?.years.get(2024)?.year.marks,
        y.pupilId,
      ).toEqual(y.marks);
    }
  });

  it('summary: totals equal the tally of the simulated marks', async () => {
    const period = { label: 'Year', from: '2024-09-01', to: '2025-08-31' };
    const { ins, parsed } = await read(writeExportBytes('summary', school, 2024, {}), period);
    expect(ins.proposal.mapping.layout).toBe('summary');
    expect(ins.proposal.needsMapping).toBe(true); // no dates in the file: the user is asked for the period
    expect(parsed.summary.errors).toBe(0);
    expect(parsed.builder.totals).toHaveLength(simYears.length);
    for (const y of simYears) {
      const t = tallyMarks(y.marks);
      const got = parsed.builder.totals.find((r) => r.pupilId === upnOf.get(y.pupilId))!;
      expect([got.possible, got.present, got.aea, got.authorised, got.unauthorised, got.lates]).toEqual([
        t.possible,
        t.present,
        t.aea,
        t.authorised,
        t.unauthorised,
        t.lates,
      ]);
    }
  });

  it('summary by term: term names give the period without asking', async () => {
    const { ins, parsed } = await read(writeExportBytes('summary', school, 2024, { period: 'term' }));
    expect(ins.proposal.needsMapping).toBe(false);
    expect(parsed.summary.errors).toBe(0);
    const y = simYears[0];
    const rows = parsed.builder.totals.filter((r) => r.pupilId === upnOf.get(y.pupilId));
    expect(rows.reduce((a, r) => a + r.possible, 0)).toBe(tallyMarks(y.marks).possible);
  });
});
