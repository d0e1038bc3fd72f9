import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/**
 * A plain static server over the production build, for tests that must change what the server
 * sends between two visits (a new service worker version), which `vite preview` cannot do.
 * Like the simplest school web server: files as they are, no special headers.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

export interface BuildServer {
  url: string;
  /** Makes sw.js byte-different, as a new release of the app would. */
  releaseNewVersion(): void;
  /** Stops serving at once, dropping open connections: the school's server has gone down. */
  close(): Promise<void>;
}

export async function serveBuild(port: number, dir = process.env.OUT_DIR ?? 'dist'): Promise<BuildServer> {
  let release = 0;
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(normalize(dir))) return void res.writeHead(403).end();
    try {
      let body: Buffer = await readFile(file);
      if (path === '/sw.js' && release > 0)
        body = Buffer.concat([body, Buffer.from(`\n// release ${release}\n`)]);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    releaseNewVersion: () => void release++,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
