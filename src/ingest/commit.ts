/**
 * Parsed registers → store writes. The store takes batches: one commit for a school's file,
 * staged chunks (all-or-nothing at finish) for a trust's, so memory stays bounded on both sides.
 */
import { abandonImport, beginImport, commitImport, finishImport, stageChunk } from '../store/registers';
import type { ImportLogEntry } from '../store/types';
import type { ParsedImport } from './parse';
import type { ImportBatch, ImportMeta } from './types';

export const PUPILS_PER_BATCH = 2000;

/** The store's write API, injectable so tests can pass a database of their own. */
export interface ImportStore {
  commitImport(batch: ImportBatch, meta: ImportMeta): Promise<ImportLogEntry>;
  beginImport(meta: ImportMeta): Promise<string>;
  stageChunk(id: string, batch: ImportBatch): Promise<void>;
  finishImport(id: string): Promise<ImportLogEntry>;
  abandonImport(id: string): Promise<void>;
}

export const appStore: ImportStore = {
  commitImport: (b, m) => commitImport(b, m),
  beginImport: (m) => beginImport(m),
  stageChunk: (id, b) => stageChunk(id, b),
  finishImport: (id) => finishImport(id),
  abandonImport: (id) => abandonImport(id),
};

/**
 * The parsed file in batches of `size` pupils. coveredSlots is, per school year, the slots every pupil-year
 * in the batch had a row for: there a blank mark clears an old one (a mark removed in the MIS), while a
 * pupil who joined mid-year never has earlier marks erased by slots the file said nothing about.
 */
export function* importBatches(parsed: ParsedImport, size = PUPILS_PER_BATCH): Generator<ImportBatch> {
  const b = parsed.builder;
  const totalsByPupil = new Map<string, ImportBatch['totals']>();
  for (const t of b.totals) {
    const list = totalsByPupil.get(t.pupilId);
    if (list) list.push(t);
    else totalsByPupil.set(t.pupilId, [t]);
  }
  let batch: ImportBatch = { pupils: [], years: [], coveredSlots: {}, totals: [] };
  const flush = () => {
    const out = batch;
    batch = { pupils: [], years: [], coveredSlots: {}, totals: [] };
    return out;
  };
  for (const entry of b.pupils.values()) {
    batch.pupils.push(entry.pupil);
    for (const y of entry.years.values()) {
      batch.years.push(y.year);
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

/** Write the valid rows. Large files are staged batch by batch and applied together, or not at all. */
export async function commitParsed(parsed: ParsedImport, opts: CommitOptions = {}): Promise<ImportLogEntry> {
  const store = opts.store ?? appStore;
  const meta = importMeta(parsed);
  const total = parsed.builder.pupils.size;
  const size = opts.pupilsPerBatch ?? PUPILS_PER_BATCH;
  if (total <= size) {
    const [batch] = [...importBatches(parsed, Number.MAX_SAFE_INTEGER)];
    const entry = await store.commitImport(batch ?? { pupils: [], years: [], totals: [] }, meta);
    opts.onProgress?.(total, total);
    return entry;
  }
  const id = await store.beginImport(meta);
  try {
    let written = 0;
    for (const batch of importBatches(parsed, size)) {
      if (opts.signal?.aborted) throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' });
      await store.stageChunk(id, batch);
      written += batch.pupils.length;
      opts.onProgress?.(written, total);
    }
    return await store.finishImport(id);
  } catch (e) {
    await store.abandonImport(id).catch(() => undefined);
    throw e;
  }
}
