import { describe, expect, it } from 'vitest';
import { serve } from '../../src/workers/worker/serve';
import { WorkerBridge } from '../../src/workers/page/bridge';
import type { CallContext, FromWorker, ToWorker } from '../../src/workers/shared/protocol';

/** A fake Worker wired to serve() through two in-memory message channels, as a real worker would be. */
function fakeWorker(handlers: Parameters<typeof serve>[0], log: string[] = []): Worker {
  const scope = {
    onmessage: null as ((e: MessageEvent<ToWorker>) => void) | null,
    postMessage: (m: FromWorker) => queueMicrotask(() => worker.onmessage?.({ data: m } as MessageEvent)),
  };
  serve(handlers, scope);
  const worker = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null,
    postMessage: (m: ToWorker) => {
      log.push(m.kind === 'call' ? `call ${m.method}` : `cancel ${m.callId}`);
      queueMicrotask(() => scope.onmessage?.({ data: m } as MessageEvent<ToWorker>));
    },
    terminate() {
      log.push('terminate');
    },
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
  /** Resolves with whether its signal was aborted by then: a cancel that reached the worker says true. */
  pause: (ms: number, ctx: CallContext) =>
    new Promise<boolean>((resolve) => setTimeout(() => resolve(ctx.signal.aborted), ms)),
  /** Records when it starts and ends, to show calls do not overlap. */
  step: async (name: string) => {
    order.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, 5));
    order.push(`end ${name}`);
    return name;
  },
};
const order: string[] = [];

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

describe('worker bridge: queue, cancel, idle stop', () => {
  it('runs calls one at a time, in the order they were made', async () => {
    order.length = 0;
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers));
    const results = await Promise.all(['a', 'b', 'c'].map((n) => bridge.call('step', n)));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a cancelled queued call never reaches the worker and rejects at once', async () => {
    const log: string[] = [];
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers, log));
    const first = bridge.call('pause', 20);
    const controller = new AbortController();
    const queued = bridge.call('sum', [1], { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(await first).toBe(false);
    expect(log).toEqual(['call pause']);
  });

  it('a cancel of the running call reaches its signal in the worker', async () => {
    const log: string[] = [];
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers, log));
    const controller = new AbortController();
    const running = bridge.call('pause', 20, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    // `pause` ignores the abort and returns whether its signal was aborted: the worker saw the cancel.
    expect(await running).toBe(true);
    expect(log).toEqual(['call pause', 'cancel 1']);
  });

  it('an abort after the call has settled sends nothing', async () => {
    const log: string[] = [];
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers, log));
    const controller = new AbortController();
    await bridge.call('sum', [2], { signal: controller.signal });
    controller.abort();
    expect(log).toEqual(['call sum']);
  });

  it('an already-aborted signal rejects without starting the worker', async () => {
    let created = 0;
    const bridge = new WorkerBridge<typeof handlers>(() => (created++, fakeWorker(handlers)));
    await expect(bridge.call('sum', [1], { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(created).toBe(0);
  });

  it('stops an idle worker after idleMs and starts a fresh one on the next call', async () => {
    const log: string[] = [];
    let created = 0;
    const bridge = new WorkerBridge<typeof handlers>(() => (created++, fakeWorker(handlers, log)), {
      idleMs: 10,
    });
    expect(await bridge.call('sum', [1, 1])).toBe(2);
    expect(bridge.started).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(bridge.started).toBe(false);
    expect(await bridge.call('sum', [2, 2])).toBe(4);
    expect(created).toBe(2);
    expect(log).toEqual(['call sum', 'terminate', 'call sum']);
  });

  it('does not stop a worker while calls are queued or running', async () => {
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers), { idleMs: 0 });
    const a = bridge.call('pause', 10);
    const b = bridge.call('sum', [3]);
    expect(await a).toBe(false);
    expect(bridge.started).toBe(true);
    expect(await b).toBe(3);
    expect(bridge.started).toBe(false);
  });

  it('without idleMs the worker stays (the import worker keeps its parsed file)', async () => {
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers));
    await bridge.call('sum', [1]);
    await new Promise((r) => setTimeout(r, 20));
    expect(bridge.started).toBe(true);
  });

  it('terminate rejects the running and the queued calls', async () => {
    const bridge = new WorkerBridge<typeof handlers>(() => fakeWorker(handlers));
    const running = bridge.call('pause', 50);
    const queued = bridge.call('sum', [1]);
    bridge.terminate();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(bridge.started).toBe(false);
  });
});
