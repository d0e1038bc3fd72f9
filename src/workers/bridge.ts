/**
 * Page side of the bridge: typed calls into a worker, with progress and cancellation.
 * The worker starts on first call, so nothing heavy loads before the first screen paints.
 */
import type { FromWorker, Handlers, Progress, ToWorker } from './protocol';

export interface CallOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  transfer?: Transferable[];
}

/** An error thrown inside the worker, carried back with its name (e.g. 'AbortError', 'QuotaExceededError'). */
export class WorkerError extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  onProgress?: (p: Progress) => void;
}

export class WorkerBridge<H extends Handlers> {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor(private readonly create: () => Worker) {}

  call<K extends keyof H & string>(
    method: K,
    args: Parameters<H[K]>[0],
    options: CallOptions = {},
  ): Promise<Awaited<ReturnType<H[K]>>> {
    this.ensureWorker();
    const callId = this.nextId++;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(new WorkerError('Cancelled', 'AbortError'));
      this.pending.set(callId, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: options.onProgress,
      });
      options.signal?.addEventListener('abort', () => this.post({ kind: 'cancel', callId }), { once: true });
      this.post({ kind: 'call', callId, method, args }, options.transfer ?? []);
    });
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new WorkerError('Worker stopped', 'AbortError'));
    this.pending.clear();
  }

  private post(msg: ToWorker, transfer: Transferable[] = []) {
    this.worker?.postMessage(msg, transfer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      const p = this.pending.get(msg.callId);
      if (!p) return;
      if (msg.kind === 'progress') p.onProgress?.(msg.progress);
      else {
        this.pending.delete(msg.callId);
        if (msg.kind === 'result') p.resolve(msg.value);
        else p.reject(new WorkerError(msg.message, msg.name));
      }
    };
    worker.onerror = (e) => {
      const err = new WorkerError(e.message || 'The background worker failed', 'WorkerError');
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }
}
