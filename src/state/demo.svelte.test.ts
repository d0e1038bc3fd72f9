/**
 * DemoLoader: runs the demo build with progress, reloads the app with the demo pupils (labelled as demo), says what
 * was loaded, refuses a second run while one is going, and reports a failure without a half-loaded state. The
 * demo worker is replaced by a small demo school saved through the real store (fake IndexedDB).
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Progress } from '../workers/shared/protocol';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';

const build = vi.hoisted(() => ({ fail: false, release: Promise.resolve() }));
vi.mock('./backend', async (original) => {
  const real = await original<typeof import('./backend')>();
  const { commitImport } = await import('../store/registers');
  const loadDemo = async (_: unknown, o?: { onProgress?: (p: Progress) => void }) => {
    o?.onProgress?.({ stage: 'Creating the demo school', done: 0, total: 3 });
    await build.release;
    if (build.fail) throw new Error('The demo school could not be saved: the disk is full.');
    const entry = await commitImport(
      { pupils: PUPILS.map((p) => ({ ...p, demo: true })), years: YEARS, totals: [] },
      {
        fileName: 'Demo school (simulated, not real pupils)',
        layout: 'long',
        dateRange: ['2024-09-02', '2024-10-11'],
        rowCounts: { read: 4, imported: 4, skipped: 0 },
        warnings: [],
      },
    );
    return { pupils: PUPILS.length, importId: entry.id };
  };
  return { ...real, loadDemo };
});

const { DemoLoader } = await import('./demo.svelte');
const { app } = await import('./app.svelte');
const backend = await import('./backend');

vi.stubGlobal('console', { ...console, warn: () => {} }); // no model in Node: the register rule is used

beforeEach(async () => {
  build.fail = false;
  build.release = Promise.resolve();
  await backend.wipeAllData().catch(() => undefined);
  await app.load();
});

describe('DemoLoader', () => {
  it('shows progress while it runs, then the demo pupils, labelled, and says what was loaded', async () => {
    const demo = new DemoLoader();
    let release = () => {};
    build.release = new Promise<void>((r) => (release = r));
    const running = demo.run('2024-10-11');
    await vi.waitFor(() => expect(demo.progress?.stage).toBe('Creating the demo school'));
    expect(demo.running).toBe(true);
    // A second click while it runs starts nothing.
    expect(await demo.run()).toBe(false);
    release();
    expect(await running).toBe(true);
    expect(demo.running).toBe(false);
    expect(demo.progress).toBeNull();
    expect(app.school?.rows).toHaveLength(4);
    expect(app.onlyDemo).toBe(true);
    expect(app.notice).toBe(
      'Loaded the demo school: 4 simulated pupils over two school years; this year: 4 pupils on roll now.',
    );
  });

  it('reports a failure in words and leaves no school loaded', async () => {
    const demo = new DemoLoader();
    build.fail = true;
    expect(await demo.run()).toBe(false);
    expect(demo.error).toBe('The demo school could not be saved: the disk is full.');
    expect(demo.running).toBe(false);
    expect(app.school).toBeNull();
    expect(await backend.listImports()).toEqual([]);
  });
});
