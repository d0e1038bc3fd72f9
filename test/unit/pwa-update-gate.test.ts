import { describe, expect, it } from 'vitest';
import { createUpdateGate } from '../../src/pwa/update-gate';

function setup() {
  const calls: string[] = [];
  const gate = createUpdateGate({
    skipWaiting: () => void calls.push('skipWaiting'),
    reload: () => void calls.push('reload'),
  });
  const shown: boolean[] = [];
  gate.needRefresh.subscribe((v) => shown.push(v));
  return { gate, calls, shown };
}

describe('the update banner', () => {
  it('appears when a new version is waiting and applies it on Reload', () => {
    const { gate, calls, shown } = setup();
    expect(gate.needRefresh.get()).toBe(false);
    gate.newVersionWaiting();
    expect(shown).toEqual([false, true]);
    expect(gate.applyUpdate()).toBe(true);
    expect(calls).toEqual(['skipWaiting']);
    expect(gate.needRefresh.get()).toBe(false); // hidden while the new version takes over
    gate.newVersionInControl();
    expect(calls).toEqual(['skipWaiting', 'reload']);
  });

  it('does nothing on Reload when no new version is waiting', () => {
    const { gate, calls } = setup();
    expect(gate.applyUpdate()).toBe(false);
    expect(calls).toEqual([]);
  });

  it('is hidden during an import and comes back when it ends', () => {
    const { gate, shown } = setup();
    gate.newVersionWaiting();
    gate.setBusy(true);
    expect(gate.needRefresh.get()).toBe(false);
    expect(gate.busy.get()).toBe(true);
    gate.setBusy(false);
    expect(gate.needRefresh.get()).toBe(true);
    expect(shown).toEqual([false, true, false, true]);
  });

  it('stays hidden if the new version arrives mid-import, until the import ends', () => {
    const { gate } = setup();
    gate.setBusy(true);
    gate.newVersionWaiting();
    expect(gate.needRefresh.get()).toBe(false);
    gate.setBusy(false);
    expect(gate.needRefresh.get()).toBe(true);
  });

  it('is never applied while busy', () => {
    const { gate, calls } = setup();
    gate.newVersionWaiting();
    gate.setBusy(true);
    expect(gate.applyUpdate()).toBe(false);
    expect(calls).toEqual([]);
  });

  it('waits for every overlapping busy period to end', () => {
    const { gate } = setup();
    gate.newVersionWaiting();
    gate.setBusy(true); // import
    gate.setBusy(true); // training
    gate.setBusy(false);
    expect(gate.needRefresh.get()).toBe(false);
    gate.setBusy(false);
    expect(gate.needRefresh.get()).toBe(true);
    gate.setBusy(false); // an extra "not busy" must not make the count negative
    gate.setBusy(true);
    expect(gate.busy.get()).toBe(true);
  });

  it('whileBusy ends the busy period even when the work fails', async () => {
    const { gate } = setup();
    gate.newVersionWaiting();
    const work = gate.whileBusy(async () => {
      expect(gate.needRefresh.get()).toBe(false);
      throw new Error('bad file');
    });
    await expect(work).rejects.toThrow('bad file');
    expect(gate.busy.get()).toBe(false);
    expect(gate.needRefresh.get()).toBe(true);
  });

  it('stays dismissed until a newer version arrives', () => {
    const { gate } = setup();
    gate.newVersionWaiting();
    gate.dismiss();
    expect(gate.needRefresh.get()).toBe(false);
    gate.setBusy(true);
    gate.setBusy(false);
    expect(gate.needRefresh.get()).toBe(false);
    gate.newVersionWaiting();
    expect(gate.needRefresh.get()).toBe(true);
  });

  it('reloads for a version another tab switched to only once this tab is idle', () => {
    const { gate, calls } = setup();
    gate.setBusy(true);
    gate.newVersionInControl();
    expect(calls).toEqual([]);
    gate.setBusy(false);
    expect(calls).toEqual(['reload']);
    gate.setBusy(true);
    gate.setBusy(false);
    expect(calls).toEqual(['reload']); // once only
  });

  it('reloads once when the takeover is reported twice (this tab and the controller change)', () => {
    const { gate, calls } = setup();
    gate.newVersionWaiting();
    gate.applyUpdate();
    gate.newVersionInControl();
    gate.newVersionInControl();
    expect(calls).toEqual(['skipWaiting', 'reload']);
  });

  it('reports offline readiness and stops notifying after unsubscribe', () => {
    const { gate } = setup();
    const seen: boolean[] = [];
    const stop = gate.offlineReady.subscribe((v) => seen.push(v));
    gate.cachedForOffline();
    stop();
    gate.cachedForOffline();
    expect(seen).toEqual([false, true]);
    expect(gate.offlineReady.get()).toBe(true);
  });
});
