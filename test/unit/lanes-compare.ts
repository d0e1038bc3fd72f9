/** One file read with the fast paths and without (`lanes: false`), as everything a user or the store sees. */
import { bytesSource, inspectSource, parseSource, previewRows } from '../../src/ingest';
import { takeStages } from '../../src/timing/stages';

/** What an import shows and stores: counts, issues (kind, row, column, message), registers, preview rows. */
export async function readWith(bytes: Uint8Array, lanes: boolean, chunkBytes?: number) {
  const src = bytesSource(bytes, 'f.csv');
  const ins = await inspectSource(src);
  takeStages();
  const parsed = await parseSource(src, ins.proposal.mapping, { lanes, chunkBytes });
  const laneRan = 'parse: fast lane' in takeStages();
  const s = parsed.summary;
  const sample = ins.sample.map((fields, i) => ({ fields, line: ins.sampleLines[i] }));
  return {
    laneRan,
    view: {
      layout: s.layout,
      counts: s.counts,
      marks: s.marks,
      pupils: s.pupils,
      years: s.years,
      dateRange: s.dateRange,
      errors: s.errors,
      issueKinds: s.issueKinds,
      issues: s.issues.map((i) => [i.code, i.row, i.column, i.message] as const),
      registers: [...parsed.builder.pupils.values()].map((e) => [
        e.pupil,
        [...e.years.values()].map((y) => [
          { ...y.year, marks: [...y.year.marks].join('.') },
          [...y.covered].join(''),
        ]),
      ]),
      totals: parsed.builder.totals,
      preview: previewRows(ins.headers, sample, parsed.mapping, 10, 'f.csv', ins.period, lanes),
    },
  };
}

export async function readBothWays(file: string | Uint8Array, chunkBytes?: number) {
  const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
  const fast = await readWith(bytes, true, chunkBytes);
  const general = await readWith(bytes, false, chunkBytes);
  return { fast: fast.view, general: general.view, laneRan: fast.laneRan, generalLaneRan: general.laneRan };
}
