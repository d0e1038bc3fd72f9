import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listModelFiles, shippedModels } from '../../src/pwa/models-plugin';

const root = mkdtempSync(join(tmpdir(), 'radar-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function modelsFolder() {
  const dir = join(root, `models-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, 'pa-risk-v1'), { recursive: true });
  writeFileSync(join(dir, 'pa-risk-v1', 'model.json'), '{"format":"layers-model"}');
  writeFileSync(join(dir, 'pa-risk-v1', 'group1-shard1of1.bin'), new Uint8Array([1, 2, 3]));
  writeFileSync(join(dir, 'pa-risk-v1', 'calibration.JSON'), '{}');
  writeFileSync(join(dir, 'MODEL.md'), '# notes');
  writeFileSync(join(dir, '.DS_Store'), 'x');
  return dir;
}

describe('shipped model files', () => {
  it('lists what the browser loads, recursively, and leaves notes out', () => {
    expect(listModelFiles(modelsFolder())).toEqual([
      'pa-risk-v1/calibration.JSON',
      'pa-risk-v1/group1-shard1of1.bin',
      'pa-risk-v1/model.json',
    ]);
  });

  it('lists nothing when there is no models folder yet', () => {
    expect(listModelFiles(join(root, 'missing'))).toEqual([]);
  });

  it('emits each file into the build under models/ with its bytes', () => {
    const emitted: { fileName: string; source: Uint8Array }[] = [];
    const plugin = shippedModels(modelsFolder());
    const hook = plugin.generateBundle as (this: unknown) => void;
    hook.call({ emitFile: (f: { fileName: string; source: Uint8Array }) => emitted.push(f) });
    expect(emitted.map((f) => f.fileName)).toEqual([
      'models/pa-risk-v1/calibration.JSON',
      'models/pa-risk-v1/group1-shard1of1.bin',
      'models/pa-risk-v1/model.json',
    ]);
    expect([...emitted[1].source]).toEqual([1, 2, 3]);
  });

  it('serves model files in vite dev, and a 404 for anything else under /models', () => {
    let handler: (req: { url: string }, res: FakeResponse) => void = () => {};
    const plugin = shippedModels(modelsFolder());
    const configure = plugin.configureServer as (server: unknown) => void;
    configure({ middlewares: { use: (_path: string, fn: typeof handler) => (handler = fn) } });
    const get = (url: string) => {
      const res = new FakeResponse();
      handler({ url }, res);
      return res;
    };
    const model = get('/pa-risk-v1/model.json?v=1');
    expect([model.status, model.headers['Content-Type'], model.body]).toEqual([
      200,
      'application/json',
      '{"format":"layers-model"}',
    ]);
    expect(get('/MODEL.md').status).toBe(404);
    expect(get('/pa-risk-v1/missing.bin').status).toBe(404);
    expect(get('/../package.json').status).toBe(404);
  });
});

class FakeResponse {
  status = 200;
  headers: Record<string, string> = {};
  body = '';
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  writeHead(status: number) {
    this.status = status;
    return this;
  }
  end(body?: Buffer) {
    this.body = body ? body.toString() : '';
  }
}
