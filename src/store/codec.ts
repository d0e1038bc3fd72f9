/**
 * Byte-level helpers for backups: base64, gzip (CompressionStream) and passphrase encryption (Web Crypto).
 * AES-GCM 256 with a key from PBKDF2-SHA256; the iteration count follows OWASP's 2023 advice (≥ 600,000).
 */

export const PBKDF2_ITERATIONS = 600_000;

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const step = 0x8000; // String.fromCharCode takes a limited number of arguments
  for (let i = 0; i < bytes.length; i += step) s += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(s);
}

/** Throws on text that is not base64 (a damaged backup). */
export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: TransformStream<Uint8Array, Uint8Array>): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export const canCompress = (): boolean =>
  typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

export const gzip = (bytes: Uint8Array) =>
  pipe(bytes, new CompressionStream('gzip') as TransformStream<Uint8Array, Uint8Array>);
export const gunzip = (bytes: Uint8Array) =>
  pipe(bytes, new DecompressionStream('gzip') as TransformStream<Uint8Array, Uint8Array>);

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface Sealed {
  salt: Uint8Array;
  iv: Uint8Array;
  iterations: number;
}

/** The key and AES-GCM parameters for one sealed envelope; `aad` (the clear envelope) is authenticated too. */
async function aesGcm(
  passphrase: string,
  sealed: Sealed,
  aad: Uint8Array,
): Promise<[AesGcmParams, CryptoKey]> {
  const key = await deriveKey(passphrase, sealed.salt, sealed.iterations);
  return [{ name: 'AES-GCM', iv: sealed.iv as BufferSource, additionalData: aad as BufferSource }, key];
}

/** Encrypt; the clear envelope `aad` is authenticated too, so its fields cannot be altered unnoticed. */
export async function encrypt(
  plain: Uint8Array,
  passphrase: string,
  sealed: Sealed,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const [params, key] = await aesGcm(passphrase, sealed, aad);
  return new Uint8Array(await crypto.subtle.encrypt(params, key, plain as BufferSource));
}

/** Rejects (OperationError) when the passphrase is wrong or a byte changed. */
export async function decrypt(
  cipher: Uint8Array,
  passphrase: string,
  sealed: Sealed,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const [params, key] = await aesGcm(passphrase, sealed, aad);
  return new Uint8Array(await crypto.subtle.decrypt(params, key, cipher as BufferSource));
}
