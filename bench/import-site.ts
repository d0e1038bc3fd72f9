/**
 * The import benchmark page, built and served as a static site: shared by the benchmark (import.bench.ts)
 * and the worker profiler (import-profile.ts).
 */
import { build } from 'vite';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds bench/import.html into distDir; unminified for a readable profile. */
export async function buildImportPage(distDir: string, minify = true): Promise<void> {
  await build({
    root,
    configFile: false,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: {
      outDir: distDir,
      emptyOutDir: true,
      target: 'es2022',
      minify,
      rollupOptions: { input: join(root, 'bench/import.html') },
    },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serves distDir on 127.0.0.1:port; resolves to a function that stops the server. */
export function serveDir(distDir: string, port: number): Promise<() => void> {
  const server = createServer((req, res) => {
    const path = join(distDir, decodeURIComponent((req.url ?? '/').split('?')[0]));
    if (!path.startsWith(distDir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
      .end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(() => server.close())));
}
