/**
 * The parsed file as the store's batches, in memory (no database here): import-save.ts hands them to the store, and
 * import-warmup.ts runs them on made-up files so the first real import runs compiled code.
 */
import type { ParsedImport } from '../../ingest/parse';
import type { PupilEntry } from '../../ingest/builder';
import type { ImportBatch } from '../../store/types';

export const PUPILS_PER_BATCH = 2000;

/**
 * cov[s] &= other[s] for every slot, four slots at a time where both arrays are word-aligned: one pass per
 * pupil-year (800,000 slots for a school) was most of building the batches. False once nothing is left set.
 */
function andInto(cov: Uint8Array, other: Uint8Array): boolean {
  let s = 0;
  let left = 0;
  if (((cov.byteOffset | other.byteOffset) & 3) === 0) {
    const words = Math.min(cov.length, other.length) >> 2;
    const a = new Uint32Array(cov.buffer, cov.byteOffset, words);
    const b = new Uint32Array(other.buffer, other.byteOffset, words);
    for (let w = 0; w < words; w++) left |= a[w] &= b[w];
    s = words << 2;
  }
  for (; s < cov.length; s++) left |= cov[s] &= other[s];
  return left !== 0;
}

/**
 * Gives a batch its coveredSlots, worked out from its pupil-years' coverage when first read: the store reads it only
 * for a pupil-year without coverage of its own, which an importer batch never has, and combining every pupil-year's
 * coverage was most of building the batches.
 */
function withCoveredSlots(batch: ImportBatch): ImportBatch {
  let value: Record<number, Uint8Array> | undefined;
  return Object.defineProperty(batch, 'coveredSlots', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= combinedCoverage(batch)),
    set: (v: Record<number, Uint8Array>) => (value = v),
  });
}

/** Per school year, the slots every pupil-year of the batch covered. */
function combinedCoverage(batch: ImportBatch): Record<number, Uint8Array> {
  const out: Record<number, Uint8Array> = {};
  /** School years already all 0: nothing more to combine. */
  const spent = new Set<number>();
  batch.years.forEach((year, i) => {
    const covered = batch.yearCoverage![i];
    const start = year.startYear;
    const cov = out[start];
    if (!cov) out[start] = covered.slice();
    else if (!spent.has(start) && !andInto(cov, covered)) spent.add(start);
  });
  return out;
}

/**
 * The parsed file in batches of `size` pupils. yearCoverage is, per pupil-year, the slots its rows covered:
 * there the file's value wins even when blank (a mark removed in the MIS); elsewhere the stored mark stays, so a
 * pupil who joined mid-year never has earlier marks erased. coveredSlots (per school year, the slots every
 * pupil-year in the batch covered) is kept for stores that read only that; alone it would drop a pupil's marks in
 * sessions another pupil of the batch had no row for.
 */
export function* importBatches(
  parsed: ParsedImport,
  size = PUPILS_PER_BATCH,
  /** 'id': batches of neighbouring ids, so a re-import reads each batch's stored records in one range. */
  order: 'file' | 'id' = 'file',
): Generator<ImportBatch> {
  const b = parsed.builder;
  const totalsByPupil = new Map<string, ImportBatch['totals']>();
  for (const t of b.totals) {
    const list = totalsByPupil.get(t.pupilId);
    if (list) list.push(t);
    else totalsByPupil.set(t.pupilId, [t]);
  }
  const newBatch = (): ImportBatch =>
    withCoveredSlots({ pupils: [], years: [], yearCoverage: [], totals: [] });
  let batch = newBatch();
  const flush = () => {
    const out = batch;
    batch = newBatch();
    return out;
  };
  let entries: Iterable<PupilEntry> = b.pupils.values();
  if (order === 'id') entries = [...b.pupils.values()].sort((x, y) => (x.pupil.id < y.pupil.id ? -1 : 1));
  for (const entry of entries) {
    batch.pupils.push(entry.pupil);
    for (const y of entry.years.values()) {
      batch.years.push(y.year);
      batch.yearCoverage!.push(y.covered);
    }
    const totals = totalsByPupil.get(entry.pupil.id);
    if (totals) batch.totals.push(...totals);
    if (batch.pupils.length >= size) yield flush();
  }
  if (batch.pupils.length > 0) yield flush();
}
