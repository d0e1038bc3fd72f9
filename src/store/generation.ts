/**
 * Other tabs must never undo a deletion or a restore behind the user's back (a tab left open re-created 400 pupils
 * after "Delete all data"). Every replacement of the data (restore, demo removal) writes a new generation into the
 * store; every connection keeps the generation it opened with and checks it inside each write transaction, first
 * thing, aborting the whole transaction when another tab has moved it on. A deletion reaches other connections as
 * `versionchange`: they close for good (no silent re-open that would re-create the database). Either way the
 * connection is stale from then on: every later transaction is refused with OTHER_TAB_MESSAGE until the tab reloads.
 * The page also hears of a replacement at once through a BroadcastChannel, to show it before anyone tries to save.
 */
import type Dexie from 'dexie';
import type { DBCoreTransaction } from 'dexie';
import { StoreError } from './errors';

export const GENERATION_KEY = 'storeGeneration';
export const OTHER_TAB_MESSAGE =
  'The data was replaced or deleted in another tab, so nothing was saved here. Reload this tab to carry on with the data as it is now.';
const CHANNEL = 'attendance-radar-store';

export class Generation {
  /** The generation this connection opened with ('' before any replacement); undefined until it opened. */
  known: string | undefined = undefined;
  /** Why this connection may not be used any more, once another tab deleted or replaced the data. */
  stale: string | null = null;
  private listeners = new Set<(message: string) => void>();

  markStale(message: string): void {
    if (this.stale) return;
    this.stale = message;
    for (const l of this.listeners) l(message);
  }

  onStale(listener: (message: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

type Settings = { value?: unknown } | undefined;

export function installGenerationCheck(db: Dexie, g: Generation): void {
  db.on('ready', async () => {
    g.known = String(((await db.table('settings').get(GENERATION_KEY)) as Settings)?.value ?? '');
  });
  db.use({
    stack: 'dbcore',
    name: 'StoreGeneration',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        if (g.stale) throw new StoreError(g.stale, 'conflict');
        if (mode !== 'readwrite' || g.known === undefined) return down.transaction(stores, mode, options);
        const scope = stores.includes('settings') ? stores : [...stores, 'settings'];
        const trans = down.transaction(scope, mode, options);
        const expected = g.known;
        // The first request of the transaction: every write it makes is rolled back if this one finds a stranger.
        const req = (trans as unknown as IDBTransaction).objectStore('settings').get(GENERATION_KEY);
        req.onsuccess = () => {
          const now = String((req.result as Settings)?.value ?? '');
          if (now === expected || now === g.known) return;
          g.markStale(OTHER_TAB_MESSAGE);
          try {
            (trans as unknown as IDBTransaction).abort();
          } catch {
            // already finished: nothing was written after the check
          }
        };
        return trans as DBCoreTransaction;
      },
    }),
  });
}

/**
 * Inside a write transaction that replaces the data every tab has loaded: a new generation, so other tabs stop
 * writing. Returns the function that puts this connection's generation back if the transaction fails.
 */
export async function newGeneration(db: Dexie, g: Generation): Promise<() => void> {
  const value = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  await db.table('settings').put({ key: GENERATION_KEY, value });
  const before = g.known;
  g.known = value;
  return () => {
    if (g.known === value) g.known = before;
  };
}

/** Tell this origin's other pages that the data was replaced (they show it at once). */
export function announceReplacement(g: Generation): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const ch = new BroadcastChannel(CHANNEL);
  ch.postMessage({ generation: g.known });
  ch.close();
}

/**
 * A page listens for replacements announced by other pages. Only pages listen: a worker of the replacing tab must
 * not think itself stale (the page restarts its workers instead). Returns the function that stops listening.
 */
export function listenForReplacements(g: Generation): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const ch = new BroadcastChannel(CHANNEL);
  ch.onmessage = (e: MessageEvent<{ generation?: string }>) => {
    if (e.data?.generation !== g.known) g.markStale(OTHER_TAB_MESSAGE);
  };
  return () => ch.close();
}
