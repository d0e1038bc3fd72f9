/** Worker side of the bridge: `serve({ method: handler })` at the top of a worker entry file. */
import type { CallContext, FromWorker, Handlers, ToWorker } from '../shared/protocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}

export function serve(handlers: Handlers, scope: WorkerScope = self as unknown as WorkerScope): void {
  const running = new Map<number, AbortController>();
  scope.onmessage = async (e) => {
    const msg = e.data;
    if (msg.kind === 'cancel') {
      running.get(msg.callId)?.abort();
      return;
    }
    const { callId, method, args } = msg;
    const controller = new AbortController();
    running.set(callId, controller);
    const transfers: Transferable[] = [];
    // Throttle progress to ~20 messages a second: the page only needs to move a bar.
    let lastProgress = 0;
    const ctx: CallContext = {
      signal: controller.signal,
      transfer: (...items) => transfers.push(...items),
      progress: (progress) => {
        const now = Date.now();
        if (now - lastProgress < 50 && progress.done < progress.total) return;
        lastProgress = now;
        scope.postMessage({ kind: 'progress', callId, progress });
      },
    };
    try {
      const handler = handlers[method];
      if (!handler) throw new Error(`Unknown worker method "${method}"`);
      const value = await handler(args, ctx);
      scope.postMessage({ kind: 'result', callId, value }, transfers);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      scope.postMessage({ kind: 'error', callId, message: error.message, name: error.name });
    } finally {
      running.delete(callId);
    }
  };
}
