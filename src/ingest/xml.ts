/**
 * Streaming XML for the CTF and .xlsx readers: saxes (a maintained, conformant SAX parser that needs no DOM,
 * so it runs in the import worker; DOMParser does not exist in workers). Text is fed in pieces, so a file's
 * XML is never one string: a trust's CTF is read in 4 MB chunks with only the current pupil in memory.
 */
import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

export interface XmlStream {
  write(text: string): void;
  close(): void;
  /** Line of the parser's position (1-based), for issues that name a row. */
  readonly line: number;
}

/** Element names without their namespace prefix (`x:row` → `row`): files differ in which prefix they use. */
export function xmlStream(h: XmlHandlers): XmlStream {
  const p = new SaxesParser({ position: true });
  const local = (n: string) => {
    const i = n.indexOf(':');
    return i < 0 ? n : n.slice(i + 1);
  };
  p.on('opentag', (t) => h.open(local(t.name), t.attributes as Record<string, string>));
  p.on('closetag', (t) => h.close(local(t.name)));
  p.on('text', (t) => h.text(t));
  p.on('cdata', (t) => h.text(t));
  p.on('error', (e) => {
    throw new XmlError(`The XML is damaged near line ${p.line}: ${e.message.replace(/^.*?:\d+:\d+: /, '')}`);
  });
  return {
    write: (t) => void p.write(t),
    close: () => void p.close(),
    get line() {
      return p.line;
    },
  };
}

export class XmlError extends Error {
  override name = 'XmlError';
}

/** UTF-8 bytes fed to a stream in pieces of at most `piece` characters' worth. */
export function writeBytes(x: XmlStream, decoder: TextDecoder, bytes: Uint8Array, piece = 1 << 20): void {
  for (let at = 0; at < bytes.length; at += piece)
    x.write(decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + piece)), { stream: true }));
}
