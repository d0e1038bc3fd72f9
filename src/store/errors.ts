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

export const QUOTA_MESSAGE =
  'There is not enough storage space on this device to import this file. Nothing was changed.';

/** True when the browser refused a write for lack of space; Dexie may wrap the DOMException (inner, failures). */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 5) return false;
  const err = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError') return true;
  if (isQuotaError(err.inner, depth + 1) || isQuotaError(err.cause, depth + 1)) return true;
  if (Array.isArray(err.failures)) return err.failures.some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Run a write transaction, turning a storage-full failure into the message people see. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isQuotaError(e)) throw new StoreError(QUOTA_MESSAGE, 'quota', { cause: e });
    throw e;
  }
}
