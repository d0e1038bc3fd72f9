/**
 * The one message protocol between the page and every worker (import, score, train, demo).
 * A worker exposes a map of named handlers; the page calls them by name through WorkerBridge.
 */
export interface Progress {
  /** What is happening, in the user's words: "Reading file", "Saving registers". */
  stage: string;
  done: number;
  total: number;
}

export interface CallContext {
  progress(p: Progress): void;
  /** Aborted when the page cancels the call. Long loops should check it between chunks. */
  signal: AbortSignal;
  /** Mark buffers in the result to be transferred, not copied (e.g. packed marks). */
  transfer(...items: Transferable[]): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (args: any, ctx: CallContext) => unknown;
export type Handlers = Record<string, Handler>;

export type ToWorker =
  { kind: 'call'; callId: number; method: string; args: unknown } | { kind: 'cancel'; callId: number };

export type FromWorker =
  | { kind: 'progress'; callId: number; progress: Progress }
  | { kind: 'result'; callId: number; value: unknown }
  | { kind: 'error'; callId: number; message: string; name: string };
