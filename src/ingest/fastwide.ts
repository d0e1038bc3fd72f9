/**
 * A byte lane for UTF-8 wide exports: rows are split from the file's bytes, and a week cell shaped like one code per
 * session (`/,\,L,…` or `//\\LN//II`, the lengths quickCell reads) is never made into a string: the wide reader reads
 * it from the bytes straight into the register (runFromBytes), or asks for its text if it is anything else. Every
 * other cell is decoded as usual and every row still goes through the general row handler
 * (`onRow`: blank, totals, formula checks, pupil details, issues). A quoted value that is not simply closed before
 * the delimiter or line end (a line break or doubled quote inside, stray text after), a lone CR, or a line over
 * 1 MB hands the rest of the file to the general tokenizer.
 */
import type { LaneCells, ReadContext } from './context';
import { PlainLines, CR, LF } from './plain-lines';
import type { Decoder } from './decode';
import { isTotalsRow } from './header';
import { NO_MARK_CHAR, ONE_CHAR } from './wide';

const QUOTE = 34;
/** Stands in for a cell read in place: not blank, not a formula, and never the first non-blank cell of a row. */
const READ_IN_PLACE = '/';

let laneOn = true;
/** Tests turn the lane off to check it reads exactly what the general path reads. */
export function setWideLane(on: boolean): void {
  laneOn = on;
}

export interface WideLaneHost {
  ctx: ReadContext;
  onRow(fields: string[], line: number, stray?: boolean): void;
  /** A row the general tokenizer gave up (a quote left open at its line's end). */
  broken(line: number, atEnd: boolean): void;
  /** True once the header row has gone by. */
  pastHeader(): boolean;
}

export class FastWideLane extends PlainLines implements LaneCells {
  /** The file's BOM is dropped once, at its start: one later in the file is kept, as the streaming decoder does. */
  private readonly rowDecoder: Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly slots: Int32Array;
  /** LaneCells: the row being read, and where each week cell left in it starts and ends (-1: none). */
  bytes: Uint8Array = new Uint8Array(0);
  readonly at: Int32Array;
  readonly to: Int32Array;

  static applies(ctx: ReadContext, encoding: string): boolean {
    return laneOn && encoding === 'utf-8' && ctx.mapping.layout === 'wide' && !!ctx.wideSlots;
  }

  constructor(
    private readonly host: WideLaneHost,
    delimiter: number,
  ) {
    super(
      delimiter,
      (f, line, stray) => host.onRow(f, line, stray),
      () => new TextDecoder('utf-8', { ignoreBOM: true }),
      (line, atEnd) => host.broken(line, atEnd),
    );
    this.slots = host.ctx.wideSlots!;
    this.at = new Int32Array(this.slots.length).fill(-1);
    this.to = new Int32Array(this.slots.length);
    host.ctx.lane = this;
  }

  push(bytes: Uint8Array): void {
    const s = this.next(bytes);
    if (!s) return;
    this.bytes = s;
    let rowStart = 0;
    for (let lf = s.indexOf(LF, rowStart); lf >= 0; lf = s.indexOf(LF, rowStart)) {
      if (!this.row(s, rowStart, lf > rowStart && s[lf - 1] === CR ? lf - 1 : lf))
        return this.toGeneral(s.subarray(rowStart));
      this.line++;
      rowStart = lf + 1;
    }
    this.keep(s, rowStart);
  }

  /** Column k's cell as text (LaneCells), when the reader finds it is not a plain run of codes after all. */
  text(k: number): string {
    return this.decode(this.bytes, this.at[k], this.to[k]);
  }

  /** Split and hand on one line [a, end); false (nothing handed on) when only the general tokenizer can read it. */
  private row(s: Uint8Array, a: number, end: number, inPlace = this.host.pastHeader()): boolean {
    const delim = this.delimiter;
    const slots = this.slots;
    const fields: string[] = [];
    let seenText = false;
    let used = false;
    let i = a;
    for (;;) {
      const k = fields.length;
      // Sessions this column holds, when its cell may be left in the bytes for the reader (0: read it as text).
      const n = inPlace && seenText && k < slots.length ? slots[k] : 0;
      let from = i;
      let to: number;
      let next: number;
      if (i < end && s[i] === QUOTE) {
        from = i + 1;
        // The closing quote by indexOf (native: a week cell is ~20 bytes); none on this line → the general tokenizer.
        to = s.indexOf(QUOTE, from);
        if (to < 0 || to >= end) return false;
        next = to + 1;
        if (next < end && s[next] !== delim) return false;
      } else {
        to = i;
        while (to < end) {
          const c = s[to];
          if (c === delim) break;
          if (c === QUOTE || c === CR) return false;
          to++;
        }
        next = to;
      }
      // A week cell of the right length that starts with a code (so it is neither blank nor a formula) is left in
      // the bytes; the reader reads it in one pass, or asks for its text if it turns out to be anything else.
      const len = to - from;
      const c0 = s[from];
      if (
        n > 0 &&
        (len === n || len === 2 * n - 1) &&
        c0 < 128 &&
        (ONE_CHAR[c0] !== 0 || NO_MARK_CHAR[c0] !== 0)
      ) {
        this.at[k] = from;
        this.to[k] = to;
        used = true;
        fields.push(READ_IN_PLACE);
      } else {
        const v = this.decode(s, from, to);
        if (!seenText && v.trim() !== '') seenText = true;
        fields.push(v);
      }
      if (next >= end) break;
      i = next + 1;
    }
    if (used && isTotalsRow(fields)) {
      // A skipped totals line is quoted in full in its notice: read it again with every cell as text.
      // (Cells left in the bytes are never a row's first text, so they cannot change whether it is a totals line.)
      this.at.fill(-1);
      return this.row(s, a, end, false);
    }
    this.host.onRow(fields, this.line);
    if (used) this.at.fill(-1);
    return true;
  }

  private decode(s: Uint8Array, a: number, b: number): string {
    let ascii = true;
    for (let k = a; k < b; k++)
      if (s[k] >= 128) {
        ascii = false;
        break;
      }
    if (ascii && b - a <= 32) {
      // Short ASCII cells (ids, year, group) are most of what is decoded: no decoder call.
      let t = '';
      for (let k = a; k < b; k++) t += String.fromCharCode(s[k]);
      return t;
    }
    if (ascii) return this.rowDecoder.decode(s.subarray(a, b));
    const t = this.rowDecoder.decode(s.subarray(a, b));
    this.countReplaced(t);
    return t;
  }
}
