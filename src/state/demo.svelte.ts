/** "Try the demo school": runs the demo worker (src/workers/page/demo-client.ts) with progress, then reloads. */
import { loadDemo } from './backend';
import type { Progress } from '../workers/shared/protocol';
import { app } from './app.svelte';

export class DemoLoader {
  running = $state(false);
  progress: Progress | null = $state(null);
  error: string | null = $state(null);

  async run(today?: string): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    this.error = null;
    try {
      const r = await loadDemo({ today }, { onProgress: (p) => (this.progress = p) });
      app.notice = `Loaded the demo school: ${r.pupils} simulated pupils.`;
      await app.load();
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return false;
    } finally {
      this.running = false;
      this.progress = null;
    }
  }
}

export const demo = new DemoLoader();
