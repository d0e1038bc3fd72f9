/**
 * Build-time only (runs in Node inside Vite). The shipped risk model lives in the top-level models/
 * folder, outside public/, because the brief wants it there beside MODEL.md and the training script.
 * This plugin serves it under ./models/ in `vite dev` and emits it into the build as dist/models/,
 * where the service worker's precache glob picks it up like any other asset.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Only what the browser loads; MODEL.md, training logs and the like stay out of the build. */
export const MODEL_FILE_TYPES = ['.json', '.bin'];

/** Files under `dir` (recursively) that the app loads, as forward-slash paths relative to `dir`, sorted. */
export function listModelFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      if (name.startsWith('.')) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (MODEL_FILE_TYPES.includes(extname(name).toLowerCase()))
        found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
};

export function shippedModels(modelsDir: string): Plugin {
  return {
    name: 'attendance-radar:shipped-models',
    generateBundle() {
      // Emitted in generateBundle so the files are written before the service worker is generated.
      for (const file of listModelFiles(modelsDir)) {
        this.emitFile({
          type: 'asset',
          fileName: `models/${file}`,
          source: readFileSync(join(modelsDir, file)),
        });
      }
    },
    configureServer(server) {
      server.middlewares.use('/models', (req, res) => {
        const wanted = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
        // A 404, not the dev server's index.html fallback, so a wrong model path fails clearly.
        if (!listModelFiles(modelsDir).includes(wanted)) return void res.writeHead(404).end();
        res.setHeader('Content-Type', CONTENT_TYPES[extname(wanted).toLowerCase()]);
        res.end(readFileSync(join(modelsDir, wanted)));
      });
    },
  };
}
