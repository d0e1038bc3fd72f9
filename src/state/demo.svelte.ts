/** "Try the demo school": runs the demo worker (src/workers/page/demo-client.ts) with progress, then reloads. */
import { loadDemo } from './backend';
import type { Progress } from '../workers/shared/protocol';
import { app } from './app.svelte';
import { rollCountWords } from '../views/school';

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
      await app.load();
      // Counted as every screen counts: pupils in the whole file, then this year's roll.
      const roll = app.school ? `; this year: ${rollCountWords(app.school.counts)}` : '';
      app.notice = `Loaded the demo school: ${r.pupils.toLocaleString('en-GB')} simulated pupils over two school years${roll}.`;
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
