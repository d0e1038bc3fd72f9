/**
 * Data safety: ask the browser to keep our data, back it up, restore it, and wipe it from a shared computer.
 * A full disk is handled where writes happen (errors.ts: guardWrite) so every import fails whole, with a message.
 */
import { db as appDb, type RadarDb } from './db';
import { deleteSafetyCopies } from './replace';

export { QUOTA_MESSAGE } from './errors';

/** localStorage/sessionStorage keys the app owns start with this; wipeAllData removes them and nothing else. */
export const APP_KEY_PREFIX = 'attendance-radar';

/**
 * Ask the browser not to evict our data under storage pressure (it may say no, e.g. before the app is installed),
 * and report how much space is used and available.
 */
export async function requestPersistence(): Promise<{ persisted: boolean; usage?: number; quota?: number }> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage) return { persisted: false };
  let persisted = false;
  try {
    persisted = (await storage.persisted?.()) || ((await storage.persist?.()) ?? false);
  } catch {
    persisted = false;
  }
  const estimate = await storage.estimate?.().catch(() => undefined);
  return { persisted, usage: estimate?.usage, quota: estimate?.quota };
}

function clearOwnKeys(storage: Storage | undefined): void {
  if (!storage) return;
  const mine: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(APP_KEY_PREFIX)) mine.push(k);
  }
  for (const k of mine) storage.removeItem(k);
}

/**
 * Delete everything this app stored on the device: the database, Cache Storage (the app's files are fetched again
 * on the next visit online), the safety copies kept by restores (replace.ts) and the app's localStorage/sessionStorage
 * keys. The database reopens empty on next use.
 */
export async function wipeAllData(db: RadarDb = appDb): Promise<void> {
  await db.delete({ disableAutoOpen: false });
  await deleteSafetyCopies(db);
  if (typeof caches !== 'undefined') {
    for (const key of await caches.keys()) await caches.delete(key);
  }
  if (typeof localStorage !== 'undefined') clearOwnKeys(localStorage);
  if (typeof sessionStorage !== 'undefined') clearOwnKeys(sessionStorage);
}
