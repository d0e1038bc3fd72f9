/**
 * What the byte-level reader of plain lines (long-plain.ts) needs: bytes arrive in chunks, a line cut by a chunk
 * boundary is carried to the next chunk, and the moment a lane meets something only the general tokenizer can read
 * (a quoted line break, an over-long line…) the rest of the file is decoded and handed to a CsvTokenizer, which
 * then carries on from the same line number. Subclasses only read whole lines.
 */
import { CsvTokenizer, type BrokenHandler, type RowHandler } from './csv';
import type { Decoder } from './decode';

export const LF = 10;
export const CR = 13;
/** A line longer than this is no register row: the general tokenizer (with its own field limits) takes it. */
const MAX_CARRY = 1 << 20;

export abstract class PlainLines {
  protected line = 1;
  /** Set once the general tokenizer has taken over the rest of the file. */
  protected general: CsvTokenizer | null = null;
  private carry: Uint8Array = new Uint8Array(0);
  private first = true;
  private decoder: Decoder | null = null;
  /** Characters that could not be decoded (shown as U+FFFD). */
  replaced = 0;

  constructor(
    protected readonly delimiter: number,
    /** Rows the general tokenizer reads, once it has taken over. */
    private readonly generalRow: RowHandler,
    /** The decoder the general tokenizer reads the rest of the file with. */
    private readonly newDecoder: () => Decoder,
    /** Rows the general tokenizer gives up (a quote left open at the line's end). */
    private readonly generalBroken: BrokenHandler = () => {},
  ) {}

  /**
   * The bytes to read lines from: the file's BOM dropped at its start and the last chunk's unfinished line in
   * front. Null when the general tokenizer has taken over (it has been given the chunk).
   */
  protected next(bytes: Uint8Array): Uint8Array | null {
    if (this.general) {
      this.pushGeneral(bytes);
      return null;
    }
    let s = bytes;
    if (this.first) {
      this.first = false;
      if (s.length >= 3 && s[0] === 0xef && s[1] === 0xbb && s[2] === 0xbf) s = s.subarray(3);
    }
    if (this.carry.length) {
      const joined = new Uint8Array(this.carry.length + s.length);
      joined.set(this.carry);
      joined.set(s, this.carry.length);
      s = joined;
    }
    return s;
  }

  /** Keep the unfinished line from `rowStart` for the next chunk (or give it up to the general tokenizer). */
  protected keep(s: Uint8Array, rowStart: number): void {
    this.carry = s.slice(rowStart);
    if (this.carry.length > MAX_CARRY) this.toGeneral(this.takeCarry());
  }

  /** From `rest` on, the general tokenizer reads the file. */
  protected toGeneral(rest: Uint8Array): void {
    this.carry = new Uint8Array(0);
    const t = new CsvTokenizer(this.delimiter, this.generalRow, this.generalBroken);
    t.startAtLine(this.line);
    this.general = t;
    this.decoder = this.newDecoder();
    this.pushGeneral(rest);
  }

  /** Returns true when the file ended inside a quoted value (only the general tokenizer can tell). */
  end(): boolean {
    if (!this.general && this.carry.length) this.toGeneral(this.takeCarry());
    if (!this.general) return false;
    this.countReplaced(this.decoder!.decode());
    return this.general.end();
  }

  get currentLine(): number {
    return this.general ? this.general.currentLine : this.line;
  }

  /** Lines in the file, once end() has been called. */
  get lines(): number {
    return this.general ? this.general.lines : this.line - 1;
  }

  /** Line of the file's last row when it had no line end, else 0 (after end()). */
  get openLastLine(): number {
    return this.general?.openLastLine ?? 0;
  }

  get brokenRows(): number {
    return this.general?.brokenRows ?? 0;
  }

  get overlongFields(): number {
    return this.general?.overlongFields ?? 0;
  }

  protected countReplaced(text: string): void {
    for (let k = text.indexOf('\uFFFD'); k >= 0; k = text.indexOf('\uFFFD', k + 1)) this.replaced++;
  }

  private takeCarry(): Uint8Array {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return rest;
  }

  private pushGeneral(bytes: Uint8Array): void {
    const text = this.decoder!.decode(bytes, { stream: true });
    this.countReplaced(text);
    this.general!.push(text);
  }
}
