/** DataState: replacing or deleting the data forgets the Import screen's last "Imported …" panel. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock(
  import('./backend'),
  async (original) =>
    ({
      ...(await original<typeof import('./backend')>()),
      wipeAllData: vi.fn(async () => undefined),
      removeDemoKeepingCopy: vi.fn(async () => 1000),
      restoreChecked: vi.fn(async () => undefined),
      checkBackup: vi.fn(async () => ({
        fileName: 'b.arbackup',
        createdAt: '2026-12-01T10:00:00Z',
        picture: { pupils: 0, demoPupils: 0, actions: 0, imports: 0 },
      })),
      describeStore: vi.fn(async () => ({ pupils: 6, demoPupils: 0, actions: 0, imports: 1 })),
      scoreClient: vi.fn(async () => ({ restartScoreWorker: () => undefined })),
      storageSummary: vi.fn(async () => ({})),
      getSetting: vi.fn(async (_k: string, d: unknown) => d),
      listModels: vi.fn(async () => []),
    }) as never,
);

const { data } = await import('./data.svelte');
const { importFlow } = await import('./importer.svelte');
const { app } = await import('./app.svelte');

function afterAnImport() {
  importFlow.step = 'done';
  importFlow.entry = { id: 7, fileName: 'register.csv', pupils: 20_000 } as typeof importFlow.entry;
}

beforeEach(() => {
  vi.spyOn(app, 'load').mockResolvedValue(undefined);
  afterAnImport();
});

describe('DataState clears the last import panel', () => {
  it('after "Delete all data"', async () => {
    await data.wipe();
    expect(data.error).toBe('');
    expect(importFlow.step).toBe('choose');
    expect(importFlow.entry).toBeNull();
  });

  it('after a confirmed restore', async () => {
    await data.checkRestore(new File(['x'], 'b.arbackup'), '');
    expect(importFlow.entry).not.toBeNull(); // only asked so far: nothing replaced yet
    await data.confirmPending();
    expect(data.error).toBe('');
    expect(importFlow.step).toBe('choose');
    expect(importFlow.entry).toBeNull();
  });

  it('after removing the demo school', async () => {
    await data.removeDemoOnly();
    expect(importFlow.step).toBe('choose');
    expect(importFlow.entry).toBeNull();
  });
});
