/**
 * Where the bytes come from. Files are read in 4 MB `slice().arrayBuffer()` chunks: a whole-file read fails
 * silently above ~512 MB and `File.stream()` iteration never yields to the page (perf-notes.md).
 */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface ByteSource {
  name: string;
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Start reading [offset, offset + length) now; the next read of exactly that range gets it. The import worker
   * asks for the first chunk while the file's start is inspected, so the full read does not begin by waiting.
   */
  prefetch?(offset: number, length: number): void;
}

export function blobSource(blob: Blob, name = (blob as File).name ?? 'file'): ByteSource {
  const load = async (offset: number, length: number) =>
    new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
  const ahead = new Map<string, Promise<Uint8Array>>();
  return {
    name,
    size: blob.size,
    read: (offset, length) => {
      const key = `${offset}:${length}`;
      const early = ahead.get(key);
      if (!early) return load(offset, length);
      ahead.delete(key); // handed over once: the source never holds a chunk after it was read
      return early;
    },
    prefetch: (offset, length) => {
      const key = `${offset}:${length}`;
      if (ahead.has(key)) return;
      const p = load(offset, length);
      p.catch(() => undefined); // rejects again where it is read; not unhandled if it never is
      ahead.set(key, p);
    },
  };
}

export function bytesSource(bytes: Uint8Array, name = 'file'): ByteSource {
  return { name, size: bytes.length, read: async (o, l) => bytes.subarray(o, Math.min(bytes.length, o + l)) };
}
