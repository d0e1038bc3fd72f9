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
} from '../../store/registers';
import type { ParsedImport } from '../../ingest/parse';
import type { ImportBatch, ImportLogEntry, ImportMeta } from '../../store/types';
import { timed } from '../../timing/stages';
import { importBatches, PUPILS_PER_BATCH } from './import-batches';

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

/** One line per kind of issue, for the imports log. */
export function importMeta(parsed: ParsedImport): ImportMeta {
  const s = parsed.summary;
  return {
    fileName: s.fileName,
    layout: s.layout,
    dateRange: s.dateRange ?? ['', ''],
    rowCounts: { read: s.counts.read, imported: s.counts.imported, skipped: s.counts.skipped },
    warnings: s.issueKinds.map((k) => `${k.count} × ${k.code} (${k.severity})`),
    ...(s.layout === 'details' ? { kind: 'details' as const } : {}),
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
