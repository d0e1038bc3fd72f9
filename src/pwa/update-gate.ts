/**
 * When may the app offer, or apply, a new version? Pure logic, no DOM and no service worker,
 * so the rules can be tested in Node. register.ts wires it to the real service worker.
 *
 * Rules:
 * - A new version waits (the service worker is registered with registerType 'prompt') until the
 *   attendance officer chooses to reload; it never replaces the running page by itself.
 * - While the app is busy (an import or training is running) the banner is hidden and an update
 *   is not applied: reloading mid-import would throw away the work. The banner comes back when idle.
 * - If another tab has already switched to the new version, this tab must reload too (its lazy
 *   chunks may no longer be cached), but only once it is idle.
 */

/** The Svelte store contract without Svelte: `$needRefresh` works in components, `subscribe` anywhere else. */
export interface Readable<T> {
  subscribe(run: (value: T) => void): () => void;
  get(): T;
}

export interface UpdateGateEffects {
  /** Tell the waiting service worker to take over (it then takes control and the page reloads). */
  skipWaiting: () => void | Promise<void>;
  /** Reload the page. */
  reload: () => void;
}

export interface UpdateGate {
  /** True while the "new version available" banner should be shown. */
  needRefresh: Readable<boolean>;
  /** True once every file the app needs is cached, so it works with the network off. */
  offlineReady: Readable<boolean>;
  /** True while some long-running work has declared itself busy. */
  busy: Readable<boolean>;
  /** Apply the waiting version now. Returns false (and does nothing) while busy or when nothing waits. */
  applyUpdate(): boolean;
  /** Hide the banner for this page; the new version still loads the next time the app is opened. */
  dismiss(): void;
  /**
   * Declare work that must not be interrupted by a reload. Calls nest: setBusy(true) twice needs
   * setBusy(false) twice, so an import and a training run can overlap safely.
   */
  setBusy(isBusy: boolean): void;
  /** Runs `work` as busy and always ends the busy period, even when the work throws. */
  whileBusy<T>(work: () => Promise<T>): Promise<T>;
  // Called by the service worker wiring:
  /** A new version is installed and waiting. */
  newVersionWaiting(): void;
  /** The app shell is cached for offline use. */
  cachedForOffline(): void;
  /** A newer service worker took control of this page (for example after Reload in another tab). */
  newVersionInControl(): void;
}

function writable<T>(initial: T) {
  let value = initial;
  const subscribers = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next: T) {
      if (next === value) return;
      value = next;
      for (const run of [...subscribers]) run(value);
    },
    subscribe(run: (value: T) => void) {
      subscribers.add(run);
      run(value);
      return () => void subscribers.delete(run);
    },
  };
}

export function createUpdateGate(effects: UpdateGateEffects): UpdateGate {
  let busyCount = 0;
  let waiting = false;
  let dismissed = false;
  let applying = false;
  let reloadWhenIdle = false;
  let reloading = false;

  const needRefresh = writable(false);
  const offlineReady = writable(false);
  const busy = writable(false);

  function refresh() {
    busy.set(busyCount > 0);
    needRefresh.set(waiting && !dismissed && !applying && busyCount === 0);
    if (reloadWhenIdle && busyCount === 0) {
      reloadWhenIdle = false;
      reloading = true;
      effects.reload();
    }
  }

  const gate: UpdateGate = {
    needRefresh: { subscribe: needRefresh.subscribe, get: needRefresh.get },
    offlineReady: { subscribe: offlineReady.subscribe, get: offlineReady.get },
    busy: { subscribe: busy.subscribe, get: busy.get },
    applyUpdate() {
      if (!waiting || busyCount > 0 || applying) return false;
      applying = true;
      refresh();
      void effects.skipWaiting();
      return true;
    },
    dismiss() {
      dismissed = true;
      refresh();
    },
    setBusy(isBusy) {
      busyCount = isBusy ? busyCount + 1 : Math.max(0, busyCount - 1);
      refresh();
    },
    async whileBusy(work) {
      gate.setBusy(true);
      try {
        return await work();
      } finally {
        gate.setBusy(false);
      }
    },
    newVersionWaiting() {
      waiting = true;
      dismissed = false;
      refresh();
    },
    cachedForOffline() {
      offlineReady.set(true);
    },
    newVersionInControl() {
      if (reloading) return; // the page is already going away
      reloadWhenIdle = true;
      refresh();
    },
  };
  return gate;
}
