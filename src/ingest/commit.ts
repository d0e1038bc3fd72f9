/**
 * Parsed registers → store writes. The store takes batches: one commit for a school's file,
 * staged chunks (all-or-nothing at finish) for a trust's, so memory stays bounded on both sides.
 */
import {
  abandonImport,
  beginImport,
  commitImport,
  commitImportBatches,
  finishImport,
  stageChunk,
} from '../store/registers';
import type { ImportLogEntry } from '../store/types';
import type { ParsedImport } from './parse';
import type { PupilEntry } from './builder';
import type { ImportBatch, ImportMeta } from './types';
import { timed } from '../store/stages';

export const PUPILS_PER_BATCH = 2000;

/** The store's write API, injectable so tests can pass a database of their own. */
export interface ImportStore {
  commitImport(batch: ImportBatch, meta: ImportMeta): Promise<ImportLogEntry>;
  beginImport(meta: ImportMeta): Promise<string>;
  stageChunk(id: string, batch: ImportBatch): Promise<void>;
  finishImport(id: string): Promise<ImportLogEntry>;
  abandonImport(id: string): Promise<void>;
  /** All batches in one transaction (no staging); stores without it stage large files instead. */
  commitImportBatches?(
    batches: Iterable<ImportBatch>,
    meta: ImportMeta,
    onBatch?: (pupils: number) => void,
  ): Promise<ImportLogEntry>;
}

export const appStore: ImportStore = {
  commitImport: (b, m) => commitImport(b, m),
  beginImport: (m) => beginImport(m),
  stageChunk: (id, b) => stageChunk(id, b),
  finishImport: (id) => finishImport(id),
  abandonImport: (id) => abandonImport(id),
  commitImportBatches: (batches, meta, onBatch) => commitImportBatches(batches, meta, undefined, onBatch),
};

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
  let batch: ImportBatch = { pupils: [], years: [], coveredSlots: {}, yearCoverage: [], totals: [] };
  const flush = () => {
    const out = batch;
    batch = { pupils: [], years: [], coveredSlots: {}, yearCoverage: [], totals: [] };
    return out;
  };
  let entries: Iterable<PupilEntry> = b.pupils.values();
  if (order === 'id') entries = [...b.pupils.values()].sort((x, y) => (x.pupil.id < y.pupil.id ? -1 : 1));
  for (const entry of entries) {
    batch.pupils.push(entry.pupil);
    for (const y of entry.years.values()) {
      batch.years.push(y.year);
      batch.yearCoverage!.push(y.covered);
      const cov = batch.coveredSlots![y.year.startYear];
      if (!cov) batch.coveredSlots![y.year.startYear] = y.covered.slice();
      else for (let s = 0; s < cov.length; s++) cov[s] &= y.covered[s];
    }
    const totals = totalsByPupil.get(entry.pupil.id);
    if (totals) batch.totals.push(...totals);
    if (batch.pupils.length >= size) yield flush();
  }
  if (batch.pupils.length > 0) yield flush();
}

/** One line per kind of issue, for the imports log. */
export function importMeta(parsed: ParsedImport): ImportMeta {
  const s = parsed.summary;
  return {
    fileName: s.fileName,
    layout: s.layout,
    dateRange: s.dateRange ?? ['', ''],
    rowCounts: { read: s.counts.read, imported: s.counts.imported, skipped: s.counts.skipped },
    warnings: s.issueKinds.map((k) => `${k.count} × ${k.code} (${k.severity})`),
  };
}

export interface CommitOptions {
  store?: ImportStore;
  /** Pupils per staged chunk; files with more pupils than this are staged (tests lower it). */
  pupilsPerBatch?: number;
  onProgress?: (pupilsWritten: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Write the valid rows, all or nothing. Large files go in batches of `pupilsPerBatch` inside one transaction
 * (or, for a store without commitImportBatches, staged batch by batch and applied together).
 */
export async function commitParsed(parsed: ParsedImport, opts: CommitOptions = {}): Promise<ImportLogEntry> {
  const store = opts.store ?? appStore;
  const meta = importMeta(parsed);
  const total = parsed.builder.pupils.size;
  const size = opts.pupilsPerBatch ?? PUPILS_PER_BATCH;
  if (total <= size) {
    const [batch] = timed('commit: build batches', () => [...importBatches(parsed, Number.MAX_SAFE_INTEGER)]);
    const entry = await timed('commit: store.commitImport', () =>
      store.commitImport(batch ?? { pupils: [], years: [], totals: [] }, meta),
    );
    opts.onProgress?.(total, total);
    return entry;
  }
  const abortable = function* (batches: Iterable<ImportBatch>) {
    let written = 0;
    for (const batch of batches) {
      if (opts.signal?.aborted) throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' });
      yield batch;
      written += batch.pupils.length;
      opts.onProgress?.(written, total);
    }
  };
  if (store.commitImportBatches)
    return timed('commit: store.commitImportBatches', () =>
      store.commitImportBatches!(abortable(importBatches(parsed, size, 'id')), meta),
    );
  const id = await store.beginImport(meta);
  try {
    let written = 0;
    for (const batch of importBatches(parsed, size)) {
      if (opts.signal?.aborted) throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' });
      await timed('commit: store.stageChunk', () => store.stageChunk(id, batch));
      written += batch.pupils.length;
      opts.onProgress?.(written, total);
    }
    return await timed('commit: store.finishImport', () => store.finishImport(id));
  } catch (e) {
    await store.abandonImport(id).catch(() => undefined);
    throw e;
  }
}
