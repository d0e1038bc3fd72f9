/**
 * The import flow: choose a file → confirm the detected layout (and map columns when the headers are
 * not recognised) → read it and show every problem → import the valid rows or cancel.
 * The service-worker update waits while an import runs (setBusy).
 */
import {
  PERIOD_NEEDED,
  type InspectResult,
  type Mapping,
  type ParseSummary,
  type PreviewRow,
} from '../ingest';
import { nothingToImport } from '../ingest/verdict';
import type { ImportLogEntry } from '../store/types';
import type { Progress } from '../workers/shared/protocol';
import { setBusy } from '../pwa/service-worker';
import { createImporter, type Importer } from './backend';
import { app } from './app.svelte';

export type ImportStep = 'choose' | 'inspecting' | 'confirm' | 'reading' | 'report' | 'saving' | 'done';

export class ImportFlow {
  step: ImportStep = $state('choose');
  progress: Progress | null = $state(null);
  error: string | null = $state(null);
  inspected: (InspectResult & { remembered: boolean }) | null = $state.raw(null);
  mapping: Mapping | null = $state(null);
  preview: PreviewRow[] = $state.raw([]);
  previewReasons: string[] = $state.raw([]);
  summary: ParseSummary | null = $state.raw(null);
  entry: ImportLogEntry | null = $state.raw(null);
  /**
   * Files chosen together and not read yet: imported one after another, in the order chosen, each its own
   * import (its own line in the log, undone on its own). `position` counts from 1 over `total`.
   */
  queue: File[] = $state.raw([]);
  position = $state(0);
  total = $state(0);
  /** The dates a summary's totals cover, asked for when the file does not say (ISO dates from date inputs). */
  periodFrom = $state('');
  periodTo = $state('');
  private importer: Importer | null = null;
  private controller: AbortController | null = null;

  /** A summary read as a summary whose file names no dates for its totals: the user gives them. */
  get needsPeriod(): boolean {
    return this.mapping?.layout === 'summary' && !!this.inspected?.proposal.reasons.includes(PERIOD_NEEDED);
  }

  /** The period the user gave, or why it cannot be used. */
  private periodGiven(): { label: string; from: string; to: string } | string {
    const [from, to] = [this.periodFrom, this.periodTo];
    if (!from || !to) return 'Choose the first and last day these totals cover, then read the file.';
    if (from > to) return `The period ends (${to}) before it starts (${from}).`;
    return { label: `${from} to ${to}`, from, to };
  }

  /** Why the file read has nothing to import (then no import is offered), or null. */
  get nothingValid(): string | null {
    return this.summary ? nothingToImport(this.summary) : null;
  }

  private get client(): Importer {
    return (this.importer ??= createImporter());
  }

  private async guard<T>(work: () => Promise<T>, back: ImportStep): Promise<T | undefined> {
    this.error = null;
    this.controller = new AbortController();
    setBusy(true);
    try {
      return await work();
    } catch (e) {
      const err = e as Error;
      this.error = err.name === 'AbortError' ? 'Cancelled.' : err.message;
      this.step = back;
      return undefined;
    } finally {
      setBusy(false);
      this.progress = null;
      this.controller = null;
    }
  }

  private opts() {
    return { onProgress: (p: Progress) => (this.progress = p), signal: this.controller?.signal };
  }

  /**
   * Start the import worker while the user is still choosing a file: its script load, store opening and
   * first compile then happen before the file is chosen, not after. Failure here is harmless (the import
   * itself reports any real problem), so it is ignored.
   */
  warm(): void {
    this.client.warm().catch(() => undefined);
  }

  /** Several files: the first is read now, the rest wait in `queue` for `next()` after each import. */
  async chooseFiles(files: readonly File[]): Promise<void> {
    if (!files.length) return;
    this.queue = files.slice(1);
    this.total = files.length;
    this.position = 1;
    await this.choose(files[0], true);
  }

  /** The next file chosen with the others, once the current one is imported or skipped. */
  async next(): Promise<void> {
    const [file, ...rest] = this.queue;
    if (!file) return;
    this.queue = rest;
    this.position++;
    await this.choose(file, true);
  }

  async choose(file: File, inBatch = false): Promise<void> {
    if (!inBatch) {
      this.queue = [];
      this.total = 1;
      this.position = 1;
    }
    this.step = 'inspecting';
    this.summary = null;
    this.entry = null;
    await this.guard(async () => {
      const r = await this.client.inspect(file, this.opts());
      this.inspected = r;
      this.mapping = structuredClone(r.proposal.mapping);
      this.preview = r.preview;
      this.previewReasons = r.proposal.reasons;
      this.step = 'confirm';
    }, 'choose');
  }

  /** Re-read the preview after the user changes the mapping. */
  async refreshPreview(): Promise<void> {
    if (!this.mapping) return;
    const r = await this.client.preview($state.snapshot(this.mapping) as Mapping, 10).catch((e: Error) => {
      this.error = e.message;
      return null;
    });
    if (r) {
      this.preview = r.preview;
      this.previewReasons = r.reasons;
    }
  }

  async read(): Promise<void> {
    const period = this.needsPeriod ? this.periodGiven() : undefined;
    if (typeof period === 'string') {
      this.error = period;
      return;
    }
    this.step = 'reading';
    await this.guard(async () => {
      this.summary = await this.client.parse($state.snapshot(this.mapping) as Mapping, {
        ...this.opts(),
        period,
      });
      this.step = 'report';
    }, 'confirm');
  }

  async commit(): Promise<void> {
    this.step = 'saving';
    await this.guard(async () => {
      this.entry = await this.client.commit({ includeValidRows: true }, this.opts());
      this.step = 'done';
      app.notice = `Imported ${this.entry.fileName}.`;
      await app.load();
    }, 'report');
  }

  cancelRunning(): void {
    this.controller?.abort();
  }

  async cancel(): Promise<void> {
    await this.importer?.discard().catch(() => undefined);
    this.reset();
  }

  /** After this tab replaced or deleted the data: forget the last import and start a fresh worker on next use. */
  restart(): void {
    this.importer?.terminate();
    this.importer = null;
    this.reset();
    this.entry = null;
  }

  reset(): void {
    this.queue = [];
    this.total = 0;
    this.position = 0;
    this.step = 'choose';
    this.inspected = null;
    this.mapping = null;
    this.periodFrom = '';
    this.periodTo = '';
    this.summary = null;
    this.preview = [];
    this.error = null;
  }
}

export const importFlow = new ImportFlow();
