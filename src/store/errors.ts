/** Errors the store shows to people: each message says what happened and that nothing was changed. */

export type StoreErrorCode = 'quota' | 'conflict' | 'not-found' | 'invalid' | 'backup';

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly code: StoreErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The words for a write refused for lack of space: what failed, that nothing changed, and the ways out. */
export function quotaMessage(what: string): string {
  return `There is not enough storage space on this device to ${what}. Nothing was changed. To make room: export a backup (Data and settings), remove the demo data if it is loaded, or free space on this computer; then try again.`;
}

export const QUOTA_MESSAGE = quotaMessage('import this file');

/** True when the browser refused a write for lack of space; Dexie may wrap the DOMException (inner, failures). */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 5) return false;
  const err = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError') return true;
  if (isQuotaError(err.inner, depth + 1) || isQuotaError(err.cause, depth + 1)) return true;
  if (Array.isArray(err.failures)) return err.failures.some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Run a write transaction, turning a storage-full failure into the message people see (`what` failed). */
export async function guardWrite<T>(write: () => Promise<T>, what = 'import this file'): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw new StoreError(quotaMessage(what), 'quota', { cause: e });
    throw e;
  }
}

/**
 * Any failed write, from the page or a worker, in words: a full disk with its way out, another tab's deletion or
 * restore (`stale`: this connection's reason, store/generation.ts), or the error itself; always that nothing changed.
 */
export function explainWriteError(e: unknown, what: string, stale?: string | null): string {
  if (isQuotaError(e) || (e as { code?: unknown })?.code === 'quota')
    return e instanceof StoreError ? e.message : quotaMessage(what);
  if (stale) return stale;
  if (e instanceof StoreError) return e.message;
  const err = e as { name?: unknown; message?: unknown } | null;
  if (err?.name === 'DatabaseClosedError')
    return 'The data was changed in another tab, so nothing was saved here. Reload this tab to carry on.';
  const msg = typeof err?.message === 'string' && err.message ? err.message : String(e);
  return /nothing was changed/i.test(msg) ? msg : `Could not ${what}: ${msg} Nothing was changed.`;
}
