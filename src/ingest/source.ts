/**
 * Where the bytes come from. Files are read in 4 MB `slice().arrayBuffer()` chunks: a whole-file read fails
 * silently above ~512 MB and `File.stream()` iteration never yields to the page (perf-notes.md).
 */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface ByteSource {
  name: string;
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function blobSource(blob: Blob, name = (blob as File).name ?? 'file'): ByteSource {
  return {
    name,
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

export function bytesSource(bytes: Uint8Array, name = 'file'): ByteSource {
  return { name, size: bytes.length, read: async (o, l) => bytes.subarray(o, Math.min(bytes.length, o + l)) };
}
