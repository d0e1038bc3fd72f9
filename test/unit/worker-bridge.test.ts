import { describe, expect, it } from 'vitest';
import { serve } from '../../src/workers/serve';
import { WorkerBridge } from '../../src/workers/bridge';
import type { CallContext, FromWorker, ToWorker } from '../../src/workers/protocol';

/** A fake Worker wired to serve() through two in-memory message channels, as a real worker would be. */
function fakeWorker(handlers: Parameters<typeof serve>[0]): Worker {
  const scope = {
    onmessage: null as ((e: MessageEvent<ToWorker>) => void) | null,
    postMessage: (m: FromWorker) => queueMicrotask(() => worker.onmessage?.({ data: m } as MessageEvent)),
  };
  serve(handlers, scope);
  const worker = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null,
    postMessage: (m: ToWorker) =>
      queueMicrotask(() => scope.onmessage?.({ data: m } as MessageEvent<ToWorker>)),
    terminate() {},
  };
  return worker as unknown as Worker;
}

const handlers = {
  sum: (xs: number[], ctx: CallContext) => {
    ctx.progress({ stage: 'Adding', done: xs.length, total: xs.length });
    return xs.reduce((a, b) => a + b, 0);
  },
  fail: (_: null) => {
    throw new Error('Row 3, column Mark: unknown code "Q9"');
  },
  wait: (_: null, ctx: CallContext) =>
    new Promise((resolve, reject) => {
      ctx.signal.addEventListener('abort', () =>
        reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' })),
      );
      setTimeout(resolve, 1000);
    }),
};

describe('worker bridge', () => {
  it('returns results and reports progress', async () => {
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers));
    const seen: number[] = [];
    const total = await bridge.call('sum', [1, 2, 3], { onProgress: (p) => seen.push(p.done) });
    expect(total).toBe(6);
    expect(seen).toEqual([3]);
  });
  it('carries errors back with their message', async () => {
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers));
    await expect(bridge.call('fail', null)).rejects.toThrow('unknown code "Q9"');
  });
  it('cancels a running call', async () => {
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers));
    const controller = new AbortController();
    const p = bridge.call('wait', null, { signal: controller.signal });
    controller.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});
