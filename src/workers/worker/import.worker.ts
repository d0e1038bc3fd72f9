/**
 * The import worker: reads a chosen file in 4 MB chunks, keeps only the packed registers in memory,
 * and writes them to the store when the user confirms. The page talks to it through ../page/import-client.ts; the save step is import-save.ts.
 */
import { startedAt } from './import-started';
import { serve } from './serve';
import type { CallContext } from '../shared/protocol';
import {
  applyMapping,
  blobSource,
  inspectSource,
  nothingToImport,
  parseSource,
  previewRows,
  type ByteSource,
  type InspectResult,
  type Mapping,
  type ParsedImport,
  type ParseSummary,
  type PreviewRow,
} from '../../ingest';
import { CHUNK_BYTES } from '../../ingest/source';
import { commitParsed } from './import-save';
import { warmUpParsers } from './import-warmup';
import { getMapping, setMapping } from '../../store/queries';
import { db } from '../../store/db';
import type { ImportLogEntry } from '../../store/types';
import { takeStages, timed } from '../../timing/stages';

type Period = { label: string; from: string; to: string };

/** When this worker's script finished loading (epoch ms), so the benchmark can tell start-up from work. */
const loadedAt = performance.timeOrigin + performance.now();

let warmed = false;

const state: { file?: File; source?: ByteSource; inspected?: InspectResult; parsed?: ParsedImport } = {};

/** One byte source per chosen file, so its start is read once for inspect and parse. */
function sourceOf(file: File): ByteSource {
  if (state.file !== file || !state.source) {
    state.file = file;
    state.source = blobSource(file, file.name);
  }
  return state.source;
}

/** A remembered mapping keeps wide layouts' days-per-column beside the column names. */
const DAYS_KEY = '#daysPerColumn';

async function remembered(signature: string): Promise<Mapping | undefined> {
  try {
    const m = await getMapping(signature);
    if (!m) return undefined;
    const { [DAYS_KEY]: days, ...columns } = m.columns;
    return { layout: m.layout, columns, daysPerColumn: days === '1' ? 1 : days === '5' ? 5 : undefined };
  } catch {
    return undefined; // no store (private window, tests): propose from scratch
  }
}

export const handlers = {
  /** Read the start of the file: encoding, delimiter, header, layout, a mapping proposal and a preview. */
  async inspect(args: { file: File }, ctx: CallContext): Promise<InspectResult & { remembered: boolean }> {
    const src = sourceOf(args.file);
    state.parsed = undefined;
    ctx.progress({ stage: 'Reading the start of the file', done: 0, total: 1 });
    // The full read's first chunk (a school's whole file) is read from disk while the start is inspected.
    src.prefetch?.(0, Math.min(src.size, CHUNK_BYTES));
    // Open the store while the file's start is read: the remembered mapping, then the commit, need it.
    void db.open().catch(() => undefined);
    const first = await timed('inspect: read head', () => inspectSource(src));
    const saved = await timed('inspect: remembered mapping (opens store)', () => remembered(first.signature));
    let result = first;
    if (saved) {
      const applied = applyMapping(first.headers, saved);
      if (!applied.needsMapping) result = await inspectSource(src, applied.mapping);
    }
    state.inspected = result;
    return { ...result, remembered: result !== first };
  },

  /** The first rows as a mapping would read them, for the mapping screen. */
  preview(args: { mapping: Mapping; n?: number }): { preview: PreviewRow[]; reasons: string[] } {
    const ins = state.inspected;
    if (!ins) throw new Error('Choose a file first.');
    const applied = applyMapping(ins.headers, args.mapping);
    const rows = ins.sample.map((fields, i) => ({ fields, line: ins.sampleLines[i] }));
    return {
      preview: previewRows(ins.headers, rows, applied.mapping, args.n ?? 10, ins.fileName, ins.period),
      reasons: applied.reasons,
    };
  },

  /** Read the whole file with a mapping; the packed result stays here until commit or discard. */
  async parse(
    args: { mapping?: Mapping; period?: Period; file?: File },
    ctx: CallContext,
  ): Promise<ParseSummary> {
    const file = args.file ?? state.file;
    if (!file) throw new Error('Choose a file first.');
    const src = sourceOf(file);
    state.parsed = undefined;
    const inspected =
      state.inspected && state.inspected.fileName === file.name && state.file === file
        ? state.inspected
        : await inspectSource(src);
    state.inspected = inspected;
    const mapping = applyMapping(inspected.headers, args.mapping ?? inspected.proposal.mapping).mapping;
    const parsed = await parseSource(src, mapping, {
      signal: ctx.signal,
      period: args.period ?? inspected.period,
      onProgress: (done, total) => ctx.progress({ stage: 'Reading file', done, total }),
    });
    state.parsed = parsed;
    return parsed.summary;
  },

  /** Write the valid rows to the store. Without includeValidRows, a file with errors is refused. */
  async commit(
    args: { includeValidRows: boolean; rememberMapping?: boolean },
    ctx: CallContext,
  ): Promise<ImportLogEntry> {
    const parsed = state.parsed;
    if (!parsed) throw new Error('Nothing to import: read a file first.');
    const empty = nothingToImport(parsed.summary);
    if (empty) throw new Error(empty);
    if (parsed.summary.errors > 0 && !args.includeValidRows)
      throw new Error(
        `The file has ${parsed.summary.errors} problem(s). Choose "import the valid rows" or cancel.`,
      );
    const entry = await commitParsed(parsed, {
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress({ stage: 'Saving registers', done, total }),
    });
    if (args.rememberMapping !== false && state.inspected) {
      const columns: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed.mapping.columns)) if (v !== undefined) columns[k] = v;
      if (parsed.mapping.daysPerColumn) columns[DAYS_KEY] = String(parsed.mapping.daysPerColumn);
      const signature = state.inspected.signature;
      await timed('commit: remember mapping', () =>
        setMapping({
          signature,
          layout: parsed.mapping.layout,
          columns,
        }).catch(() => undefined),
      );
    }
    state.parsed = undefined;
    return entry;
  },

  /**
   * Load, open the store and warm the parsers up (import-warmup.ts): the page calls it when the Import screen
   * opens, so this start-up overlaps the user choosing a file. Returns when the script loaded (epoch ms).
   */
  async warm(): Promise<number> {
    await db.open().catch(() => undefined);
    if (!warmed) {
      warmed = true;
      await warmUpParsers();
      takeStages(); // the warm-up's stage times are not the import's
    }
    return loadedAt;
  },

  /** Milliseconds per stage since the last call (import benchmark); the worker's start-up split in two. */
  stages(): { stages: Record<string, number>; loadedAt: number; startedAt: number } {
    return { stages: takeStages(), loadedAt, startedAt };
  },

  /** Forget the file and its parsed registers (the user cancelled). */
  discard(): void {
    state.file = undefined;
    state.source = undefined;
    state.inspected = undefined;
    state.parsed = undefined;
  },
};

export type ImportHandlers = typeof handlers;

// Only start serving inside a worker, so tests can import the handlers.
const WorkerScope = (globalThis as { WorkerGlobalScope?: new () => unknown }).WorkerGlobalScope;
if (WorkerScope && globalThis instanceof WorkerScope) {
  serve(handlers);
  // Open the store now: inspect needs it for a remembered mapping as soon as the file's start is read.
  void db.open().catch(() => undefined);
}
