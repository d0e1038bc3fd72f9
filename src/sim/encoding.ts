/**
 * Text to bytes in the encodings real register exports arrive in: UTF-8 (with or without BOM),
 * Windows-1252 (Excel re-saves) and UTF-16LE with BOM (SIMS report output).
 */
export type ExportEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';

// Windows-1252 bytes 0x80–0x9F that differ from Latin-1 (curly quotes, dashes, euro…).
// prettier-ignore
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Characters Windows-1252 cannot hold (Ł, ń…) become '?', as Excel does when saving. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out[n++] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (CP1252_HIGH[c] ?? 0x3f);
  }
  return out.subarray(0, n);
}

export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

/** The byte-order mark each encoding's files start with ('utf-8' only when asked for). */
export function bomFor(encoding: ExportEncoding, utf8Bom = false): Uint8Array {
  if (encoding === 'utf-16le') return Uint8Array.of(0xff, 0xfe);
  if (encoding === 'utf-8' && utf8Bom) return Uint8Array.of(0xef, 0xbb, 0xbf);
  return new Uint8Array(0);
}

/** One chunk of text to bytes, without BOM (for streaming writers). */
export function encodeText(text: string, encoding: ExportEncoding): Uint8Array {
  if (encoding === 'windows-1252') return encodeWindows1252(text);
  if (encoding === 'utf-16le') return encodeUtf16le(text);
  return new TextEncoder().encode(text);
}

/** A whole file: BOM then the encoded chunks, concatenated. */
export function encodeFile(chunks: Iterable<string>, encoding: ExportEncoding, utf8Bom = false): Uint8Array {
  const parts: Uint8Array[] = [bomFor(encoding, utf8Bom)];
  let size = parts[0].length;
  for (const chunk of chunks) {
    const bytes = encodeText(chunk, encoding);
    parts.push(bytes);
    size += bytes.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
