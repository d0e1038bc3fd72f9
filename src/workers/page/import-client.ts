/**
 * Page-side importer for the UI: each method runs in the import worker and reports progress.
 *   const importer = createImporter();
 *   void importer.warm();                                 // optional, when the Import screen opens
 *   const info = await importer.inspect(file);            // proposal, needsMapping, preview
 *   const summary = await importer.parse(mapping, { onProgress });
 *   await importer.commit({ includeValidRows: true });    // or importer.discard()
 */
import { WorkerBridge, type CallOptions } from './bridge';
import type { ImportHandlers } from '../worker/import.worker';
import type { Mapping } from '../../ingest/columns';

export type Importer = ReturnType<typeof createImporter>;

export function createImporter(
  create: () => Worker = () =>
    new Worker(new URL('../worker/import.worker.ts', import.meta.url), { type: 'module' }),
) {
  // No idle stop: the worker keeps the parsed file between parse and commit, however long the user takes.
  const bridge = new WorkerBridge<ImportHandlers>(create);
  return {
    inspect: (file: File, o?: CallOptions) => bridge.call('inspect', { file }, o),
    preview: (mapping: Mapping, n = 10, o?: CallOptions) => bridge.call('preview', { mapping, n }, o),
    parse: (mapping?: Mapping, o?: CallOptions & { period?: { label: string; from: string; to: string } }) =>
      bridge.call('parse', { mapping, period: o?.period }, o),
    commit: (args: { includeValidRows: boolean; rememberMapping?: boolean }, o?: CallOptions) =>
      bridge.call('commit', args, o),
    discard: (o?: CallOptions) => bridge.call('discard', undefined, o),
    /**
     * Start the worker (and open the store) ahead of use, e.g. when the Import screen opens, so its start-up
     * overlaps the user choosing a file (~35 ms otherwise spent after the choice). Safe to call again.
     */
    warm: () => bridge.call('warm', undefined),
    /** Milliseconds per import stage since the last call, for the benchmark. */
    stages: () => bridge.call('stages', undefined),
    /** Stop the worker and free its memory. */
    terminate: () => bridge.terminate(),
  };
}
