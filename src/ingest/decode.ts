/**
 * Bytes → text. Exports come as UTF-8 (with or without BOM), UTF-16 with a BOM (SIMS report output),
 * or Windows-1252 after a re-save in Excel. Decoding streams, so a character split across chunks is kept.
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Guess from the first bytes of the file (a BOM, else whether the sample is valid UTF-8). */
export function sniffEncoding(head: Uint8Array): Encoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  if (head.length >= 8) {
    let zOdd = 0;
    let zEven = 0;
    const n = Math.min(head.length, 512) & ~1;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) zEven++;
      if (head[i + 1] === 0) zOdd++;
    }
    if (zOdd > n / 4 && zEven === 0) return 'utf-16le';
    if (zEven > n / 4 && zOdd === 0) return 'utf-16be';
  }
  return isUtf8(head) ? 'utf-8' : 'windows-1252';
}

/** True when the bytes are valid UTF-8, allowing a multi-byte character cut off at the very end. */
export function isUtf8(bytes: Uint8Array): boolean {
  // The platform's strict decoder first (a cold worker took several ms to loop over a 256 KB head): whatever it accepts,
  // the rules below accept too. It throws for a character cut off at the end and for forms those rules allow
  // (overlong, surrogates): the loop then decides, as before.
  try {
    const strict = new TextDecoder('utf-8', { fatal: true });
    strict.decode(bytes, { stream: true });
    strict.decode();
    return true;
  } catch {
    // fall through
  }
  let i = 0;
  const n = bytes.length;
  // Four ASCII bytes at a time where the view is aligned (the head sample is 256 KB, nearly all ASCII).
  const words = (bytes.byteOffset & 3) === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, n >> 2) : null;
  while (i < n) {
    if (words && (i & 3) === 0 && i + 4 <= n && (words[i >> 2] & 0x80808080) === 0) {
      i += 4;
      continue;
    }
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? (b < 0xf0 ? 3 : 0) : b >= 0xc2 ? 2 : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return true; // truncated at the sample's end, not invalid
      if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return true;
}

/** What the importer needs from a decoder: TextDecoder's streaming `decode`. */
export interface Decoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

/** Windows-1252 bytes 0x80–0x9F (the rest equal their code point). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 by table: Node's TextDecoder decodes it as Latin-1 when not streaming (’ became U+0092),
 * and a single-byte encoding needs no streaming state anyway.
 */
export const windows1252: Decoder = {
  decode(bytes?: Uint8Array): string {
    if (!bytes || bytes.length === 0) return '';
    const parts: string[] = [];
    const codes = new Uint16Array(Math.min(bytes.length, 8192));
    for (let o = 0; o < bytes.length; o += codes.length) {
      const n = Math.min(codes.length, bytes.length - o);
      for (let i = 0; i < n; i++) {
        const b = bytes[o + i];
        codes[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
      }
      parts.push(String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]));
    }
    return parts.join('');
  },
};

/** A streaming decoder; the BOM is dropped. Invalid bytes become U+FFFD (counted by the caller). */
export function createDecoder(encoding: Encoding): Decoder {
  if (encoding === 'windows-1252') return windows1252;
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
}

/**
 * A UTF-16 byte-order mark over text that is not UTF-16 (a UTF-8 export given the wrong mark by some tool): read as
 * UTF-16 it is nonsense and no data row is found. UTF-16 text of a register export has a zero byte in nearly every
 * pair (its characters are mostly ASCII); none in the first 64 bytes after the mark means the mark is wrong.
 */
export function bomLooksWrong(head: Uint8Array): boolean {
  if (head.length < 10) return false;
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16) return false;
  const end = Math.min(head.length, 66);
  for (let i = 2; i < end; i++) if (head[i] === 0) return false;
  return true;
}
