/** Page side of the demo school: builds and saves it in the demo worker, which stops once it is done. */
import { WorkerBridge, type CallOptions } from './bridge';
import type { DemoArgs, DemoHandlers } from '../worker/demo.worker';

// The demo worker holds a whole simulator: stop it as soon as the call settles.
const bridge = new WorkerBridge<DemoHandlers>(
  () => new Worker(new URL('../worker/demo.worker.ts', import.meta.url), { type: 'module' }),
  { idleMs: 0 },
);

export const loadDemo = (args: DemoArgs, o?: CallOptions) => bridge.call('loadDemo', args, o);
