/**
 * ImportFlow over the real import handlers and store, in-process (fake IndexedDB; the worker boundary is the only
 * thing replaced): choose → confirm → read → report → import, the app reloaded with the new registers; a file
 * that cannot be read goes back to "choose" with the reason; several files are imported one after another.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallContext } from '../workers/shared/protocol';
import { fixtureBytes } from '../../test/unit/ingest-helpers';

vi.mock('../pwa/service-worker', () => ({ setBusy: () => undefined }));
// The import client without its worker: each call goes straight to the worker's own handlers.
vi.mock('./backend', async (original) => {
  const real = await original<typeof import('./backend')>();
  const { handlers } = await import('../workers/worker/import.worker');
  const ctx = (o?: { onProgress?: CallContext['progress']; signal?: AbortSignal }): CallContext => ({
    progress: o?.onProgress ?? (() => undefined),
    signal: o?.signal ?? new AbortController().signal,
    transfer: () => undefined,
  });
  const createImporter = () => ({
    inspect: (file: File, o?: Parameters<typeof ctx>[0]) => handlers.inspect({ file }, ctx(o)),
    preview: async (mapping: Parameters<typeof handlers.preview>[0]['mapping'], n = 10) =>
      handlers.preview({ mapping, n }),
    parse: (
      mapping?: Parameters<typeof handlers.parse>[0]['mapping'],
      o?: Parameters<typeof ctx>[0] & Pick<Parameters<typeof handlers.parse>[0], 'period'>,
    ) => handlers.parse({ mapping, period: o?.period }, ctx(o)),
    commit: (args: { includeValidRows: boolean }, o?: Parameters<typeof ctx>[0]) =>
      handlers.commit(args, ctx(o)),
    discard: async () => handlers.discard(),
    warm: async () => 0,
    terminate: () => undefined,
  });
  return { ...real, createImporter };
});

const { ImportFlow } = await import('./importer.svelte');
const { app } = await import('./app.svelte');
const backend = await import('./backend');

vi.stubGlobal('console', { ...console, warn: () => {} }); // no model in Node: the register rule is used
const file = (name: string) => new File([new Uint8Array(fixtureBytes(name))], name);

beforeEach(async () => {
  await backend.wipeAllData().catch(() => undefined);
  await app.load();
});

describe('ImportFlow', () => {
  it('goes choose → confirm → read → report → import, and the app then shows the registers', async () => {
    const flow = new ImportFlow();
    await flow.choose(file('long-basic.csv'));
    expect(flow.step).toBe('confirm');
    expect(flow.error).toBeNull();
    expect(flow.mapping?.layout).toBe('long');
    expect(flow.preview.length).toBeGreaterThan(0);
    await flow.read();
    expect(flow.step).toBe('report');
    expect(flow.summary?.counts.skipped).toBe(0);
    expect(flow.nothingValid).toBeNull();
    await flow.commit();
    expect(flow.step).toBe('done');
    expect(app.notice).toBe('Imported long-basic.csv.');
    expect(app.school?.rows.map((r) => r.id).sort()).toEqual(['A938412324002', 'L938412324001']);
  });

  it('asks for the dates of a summary that names none, and the school is then shown from its totals', async () => {
    const flow = new ImportFlow();
    await flow.choose(file('generated/summary-year.csv'));
    expect(flow.mapping?.layout).toBe('summary');
    expect(flow.needsPeriod).toBe(true);
    await flow.read();
    expect([flow.step, flow.error]).toEqual([
      'confirm',
      'Choose the first and last day these totals cover, then read the file.',
    ]);
    [flow.periodFrom, flow.periodTo] = ['2024-10-04', '2024-09-02'];
    await flow.read();
    expect(flow.error).toBe('The period ends (2024-09-02) before it starts (2024-10-04).');
    [flow.periodFrom, flow.periodTo] = ['2024-09-02', '2024-10-04'];
    await flow.read();
    expect(flow.step).toBe('report');
    expect(flow.summary?.counts.skipped).toBe(0);
    await flow.commit();
    const school = app.school!;
    expect([school.totalsOnly, school.asOf, school.rows.length]).toEqual([true, '2024-10-04', 5]);
    // Hand count: K286258013004 attended 5 of 48 possible sessions.
    expect(school.byId.get('K286258013004')?.metrics.attendancePct).toBeCloseTo(10.4, 1);
  });

  it('goes back to choose with the reason when a file cannot be read, and stores nothing', async () => {
    const flow = new ImportFlow();
    await flow.choose(file('register.pdf'));
    expect(flow.step).toBe('choose');
    expect(flow.error).toMatch(/PDF/i);
    expect(await backend.listImports()).toEqual([]);
  });

  it('imports several files one after another, each its own import', async () => {
    const flow = new ImportFlow();
    await flow.chooseFiles([file('long-basic.csv'), file('bad-unknown-code.csv')]);
    expect([flow.position, flow.total, flow.queue.length]).toEqual([1, 2, 1]);
    await flow.read();
    await flow.commit();
    await flow.next();
    expect([flow.position, flow.total, flow.queue.length]).toEqual([2, 2, 0]);
    await flow.read();
    expect(flow.summary?.counts.skipped).toBe(1); // the row with the unknown mark Q9
    await flow.commit();
    expect((await backend.listImports()).map((e) => e.fileName)).toEqual([
      'bad-unknown-code.csv',
      'long-basic.csv',
    ]);
  });

  it('cancel forgets the file read: nothing is stored and the flow starts again', async () => {
    const flow = new ImportFlow();
    await flow.choose(file('long-basic.csv'));
    await flow.read();
    await flow.cancel();
    expect(flow.step).toBe('choose');
    expect(flow.summary).toBeNull();
    expect(await backend.listImports()).toEqual([]);
  });
});
