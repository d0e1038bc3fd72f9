/**
 * A byte lane for UTF-8 wide exports: rows are split from the file's bytes, and a week cell of one current code per
 * session (`/,\,L,…` or `//\\LN//II`, the same shapes as quickCell) is read into mark ids in place, never made into
 * a string. Every other cell is decoded as usual and every row still goes through the general row handler
 * (`onRow`: blank, totals, formula checks, pupil details, issues). A quoted value that is not simply closed before
 * the delimiter or line end (a line break or doubled quote inside, stray text after), a lone CR, or a line over
 * 1 MB hands the rest of the file to the general tokenizer.
 */
import type { ReadContext } from './context';
import { ByteLane, CR, LF } from './bytelane';
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
  onRow(fields: string[], line: number): void;
  /** True once the header row has gone by. */
  pastHeader(): boolean;
}

/** quickCell on bytes [a, b): the ids written into `out`, or null. */
function quickBytes(s: Uint8Array, a: number, b: number, out: Uint8Array): Uint8Array | null {
  const slots = out.length;
  const len = b - a;
  const step = len === slots * 2 - 1 ? 2 : len === slots ? 1 : 0;
  if (step === 0) return null;
  for (let k = 0; k < slots; k++) {
    const i = a + k * step;
    if (step === 2 && k > 0 && s[i - 1] !== 44) return null;
    const c = s[i];
    if (c >= 128) return null;
    const id = ONE_CHAR[c];
    if (id === 0 && NO_MARK_CHAR[c] === 0) return null;
    out[k] = id;
  }
  return out;
}

export class FastWideLane extends ByteLane {
  /** The file's BOM is dropped once, at its start: one later in the file is kept, as the streaming decoder does. */
  private readonly rowDecoder: Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly slots: Int32Array;
  private readonly scratch: (Uint8Array | null)[];
  private readonly ids: (Uint8Array | null)[];

  static applies(ctx: ReadContext, encoding: string): boolean {
    return laneOn && encoding === 'utf-8' && ctx.mapping.layout === 'wide' && !!ctx.wideSlots;
  }

  constructor(
    private readonly host: WideLaneHost,
    delimiter: number,
  ) {
    super(
      delimiter,
      (f, line) => host.onRow(f, line),
      () => new TextDecoder('utf-8', { ignoreBOM: true }),
    );
    this.slots = host.ctx.wideSlots!;
    this.scratch = Array.from(this.slots, (n) => (n > 0 ? new Uint8Array(n) : null));
    this.ids = this.scratch.map(() => null);
    host.ctx.laneIds = this.ids;
  }

  push(bytes: Uint8Array): void {
    const s = this.next(bytes);
    if (!s) return;
    let rowStart = 0;
    for (let lf = s.indexOf(LF, rowStart); lf >= 0; lf = s.indexOf(LF, rowStart)) {
      if (!this.row(s, rowStart, lf > rowStart && s[lf - 1] === CR ? lf - 1 : lf))
        return this.toGeneral(s.subarray(rowStart));
      this.line++;
      rowStart = lf + 1;
    }
    this.keep(s, rowStart);
  }

  /** Split and hand on one line [a, end); false (nothing handed on) when only the general tokenizer can read it. */
  private row(s: Uint8Array, a: number, end: number, inPlace = this.host.pastHeader()): boolean {
    const delim = this.delimiter;
    const fields: string[] = [];
    let seenText = false;
    let used = false;
    let i = a;
    for (;;) {
      const k = fields.length;
      const out = inPlace && seenText && k < this.scratch.length ? this.scratch[k] : null;
      let ids: Uint8Array | null = null;
      let from = i;
      let to = -1;
      let next: number;
      if (i < end && s[i] === QUOTE) {
        from = i + 1;
        if (out) {
          // The usual week cell: try its two lengths first. No code is a quote, so a quote right after a cell that
          // reads is the first quote: the one the scan below would find.
          const n = out.length;
          const q = s[from + 2 * n - 1] === QUOTE ? from + 2 * n - 1 : s[from + n] === QUOTE ? from + n : -1;
          if (q >= 0 && q < end && (ids = quickBytes(s, from, q, out))) to = q;
        }
        if (to < 0) {
          to = from;
          while (to < end && s[to] !== QUOTE) to++;
          if (to >= end) return false;
        }
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
      if (out && !ids) ids = quickBytes(s, from, to, out);
      if (ids) {
        this.ids[k] = ids;
        used = true;
        fields.push(READ_IN_PLACE);
      } else {
        const v = this.text(s, from, to);
        if (!seenText && v.trim() !== '') seenText = true;
        fields.push(v);
      }
      if (next >= end) break;
      i = next + 1;
    }
    if (used && isTotalsRow(fields)) {
      // A skipped totals line is quoted in full in its notice: read it again with every cell as text.
      // (Cells read in place are never a row's first text, so they cannot change whether it is a totals line.)
      this.ids.fill(null);
      return this.row(s, a, end, false);
    }
    this.host.onRow(fields, this.line);
    if (used) this.ids.fill(null);
    return true;
  }

  private text(s: Uint8Array, a: number, b: number): string {
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
