/**
 * Page side of the bridge: the one way the page calls into a worker, with progress and cancellation.
 * - The worker starts on the first call, so nothing heavy loads before the first screen paints.
 * - Calls queue: the worker runs one at a time, in the order they were made (a parse never overlaps its commit,
 *   a discard waits for the cancelled read to stop).
 * - Cancel always reaches the call: a queued call is dropped and rejected at once, a running one is told through
 *   its signal in the worker and rejects when the worker has stopped it (so a cancelled save has rolled back).
 * - With `idleMs`, a worker with nothing to do for that long is stopped to free its memory; the next call starts a
 *   fresh one. Leave it unset for a worker that keeps state between calls (the import worker's parsed file).
 */
import type { FromWorker, Handlers, Progress, ToWorker } from '../shared/protocol';

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  transfer?: Transferable[];
}

export interface BridgeOptions {
  /** Stop the worker after this many ms with no call queued or running (0: as soon as the last call settles). */
  idleMs?: number;
}

/** An error thrown inside the worker, carried back with its name (e.g. 'AbortError', 'QuotaExceededError'). */
export class WorkerError extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

interface Job {
  callId: number;
  method: string;
  args: unknown;
  options: CallOptions;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  /** Removes the abort listener once the call has settled, so a late abort sends nothing. */
  release(): void;
}

const cancelled = () => new WorkerError('Cancelled', 'AbortError');

export class WorkerBridge<H extends Handlers> {
  private worker: Worker | null = null;
  private nextId = 1;
  private queue: Job[] = [];
  private running: Job | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly create: () => Worker,
    private readonly options: BridgeOptions = {},
  ) {}

  call<K extends keyof H & string>(
    method: K,
    args: Parameters<H[K]>[0],
    options: CallOptions = {},
  ): Promise<Awaited<ReturnType<H[K]>>> {
    return new Promise((resolve, reject) => {
      const signal = options.signal;
      if (signal?.aborted) return reject(cancelled());
      const onAbort = () => this.cancel(job);
      const job: Job = {
        callId: this.nextId++,
        method,
        args,
        options,
        resolve: resolve as (v: unknown) => void,
        reject,
        release: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.next();
    });
  }

  /** Whether a worker is running now (stopped when idle or terminated). */
  get started(): boolean {
    return this.worker !== null;
  }

  /** Stop the worker now; every queued and running call rejects with an AbortError. */
  terminate(): void {
    this.stopWorker();
    const jobs = [...(this.running ? [this.running] : []), ...this.queue];
    this.running = null;
    this.queue = [];
    for (const job of jobs)
      this.settle(job, () => job.reject(new WorkerError('Worker stopped', 'AbortError')));
  }

  private cancel(job: Job): void {
    if (this.running === job) {
      this.worker?.postMessage({ kind: 'cancel', callId: job.callId } satisfies ToWorker);
      return;
    }
    const i = this.queue.indexOf(job);
    if (i < 0) return;
    this.queue.splice(i, 1);
    this.settle(job, () => job.reject(cancelled()));
    this.idleLater();
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    clearTimeout(this.idleTimer);
    const job = this.queue.shift()!;
    this.running = job;
    const msg: ToWorker = { kind: 'call', callId: job.callId, method: job.method, args: job.args };
    this.ensureWorker().postMessage(msg, job.options.transfer ?? []);
  }

  private settle(job: Job, outcome: () => void): void {
    job.release();
    outcome();
  }

  private finish(job: Job, outcome: () => void): void {
    if (this.running !== job) return;
    this.running = null;
    this.settle(job, outcome);
    this.next();
    this.idleLater();
  }

  private idleLater(): void {
    const idleMs = this.options.idleMs;
    if (idleMs === undefined || this.running || this.queue.length > 0 || !this.worker) return;
    clearTimeout(this.idleTimer);
    if (idleMs === 0) this.stopWorker();
    else this.idleTimer = setTimeout(() => this.stopWorker(), idleMs);
  }

  private stopWorker(): void {
    clearTimeout(this.idleTimer);
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      const job = this.running;
      if (!job || msg.callId !== job.callId) return;
      if (msg.kind === 'progress') job.options.onProgress?.(msg.progress);
      else if (msg.kind === 'result') this.finish(job, () => job.resolve(msg.value));
      else this.finish(job, () => job.reject(new WorkerError(msg.message, msg.name)));
    };
    worker.onerror = (e) => {
      const err = new WorkerError(e.message || 'The background worker failed', 'WorkerError');
      this.worker = null;
      worker.terminate();
      const jobs = [...(this.running ? [this.running] : []), ...this.queue];
      this.running = null;
      this.queue = [];
      for (const job of jobs) this.settle(job, () => job.reject(err));
    };
    this.worker = worker;
    return worker;
  }
}
