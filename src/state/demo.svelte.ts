/** "Try the demo school": runs src/workers/demo.worker.ts with progress, then reloads the app's data. */
import { WorkerBridge } from '../workers/bridge';
import type { DemoHandlers } from '../workers/demo.worker';
import type { Progress } from '../workers/protocol';
import { app } from './app.svelte';

export class DemoLoader {
  running = $state(false);
  progress: Progress | null = $state(null);
  error: string | null = $state(null);
  private bridge = new WorkerBridge<DemoHandlers>(
    // Vite finds the worker by this exact `new URL(..., import.meta.url)` shape, so it stays a plain URL.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    () => new Worker(new URL('../workers/demo.worker.ts', import.meta.url), { type: 'module' }),
  );

  async run(today?: string): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    this.error = null;
    try {
      const r = await this.bridge.call('loadDemo', { today }, { onProgress: (p) => (this.progress = p) });
      app.notice = `Loaded the demo school: ${r.pupils} simulated pupils.`;
      await app.load();
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    } finally {
      this.running = false;
      this.progress = null;
      this.bridge.terminate(); // the demo worker holds a whole simulator; free it
    }
  }
}

export const demo = new DemoLoader();
