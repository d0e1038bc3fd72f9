/**
 * The store's page-only parts (they use localStorage and navigator.storage, which a worker does not have).
 * Workers import src/store (index.ts) only; the worker type check (tsconfig.worker.json) holds them to it.
 */
export { requestPersistence, wipeAllData, APP_KEY_PREFIX } from './safety';
