/**
 * A fast lane for the commonest export: long layout, unquoted, one row per line, dd/mm/yyyy, AM/PM, a national code,
 * in an ASCII-compatible encoding (UTF-8 or Windows-1252). Most rows only repeat the row above's pupil with the next
 * session, so they are read in place from the file's bytes: no decoding, no per-cell strings (a string scan is ~4×
 * slower than a byte scan). Any row that is not exactly that — a new pupil, an unusual date or code, a duplicate,
 * a formula — is decoded and goes through the general path (`slow`), which reports issues as usual.
 * A quote anywhere, or a line longer than 1 MB, hands the rest of the file to the general tokenizer.
 */
import { CODES } from '../domain/codes';
import type { ReadContext } from './context';
import { CsvTokenizer } from './csv';
import { createDecoder, type Decoder, type Encoding } from './decode';
import { dateInfo } from './long';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const MAX_CARRY = 1 << 20;

/** Mark id by character code(s), for current (non-legacy) codes written exactly; 0 = not in the fast table. */
const ONE = new Uint8Array(128);
const TWO = new Uint8Array(128 * 128);
for (const c of CODES) {
  if (c.legacy) continue;
  if (c.code.length === 1 && c.code.charCodeAt(0) < 128) ONE[c.code.charCodeAt(0)] = c.id;
  if (c.code.length === 2) TWO[c.code.charCodeAt(0) * 128 + c.code.charCodeAt(1)] = c.id;
}

/** A date the lane has already read: one shape for every entry keeps the hot loop monomorphic. */
class FastDate {
  constructor(
    readonly iso: string,
    readonly startYear: number,
    readonly slot: number,
  ) {}
}

/** `count` decimal digits at `at` as a number; negative when any is not a digit. */
function digits(s: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = s[at + k] - 48;
    if (c < 0 || c > 9) return -1e9;
    v = v * 10 + c;
  }
  return v;
}

export interface FastLaneHost {
  ctx: ReadContext;
  /** The general path for one row (header detection, blank/totals rows, issues). */
  slow(fields: string[], line: number): void;
  /** True once the header row has gone by. */
  pastHeader(): boolean;
  /** A row read by the fast lane: counted as read, imported, and one more row of the file. */
  fastRow(): void;
}

export function fastLaneApplies(ctx: ReadContext): boolean {
  const c = ctx.col;
  return (
    ctx.mapping.layout === 'long' &&
    c.date >= 0 &&
    c.session >= 0 &&
    c.mark >= 0 &&
    (c.upn >= 0 || c.misId >= 0)
  );
}

export class FastLongLane {
  private carry: Uint8Array = new Uint8Array(0);
  private line = 1;
  private general: CsvTokenizer | null = null;
  private decoder: Decoder | null = null;
  private readonly rowDecoder: Decoder;
  private readonly starts: Int32Array;
  private readonly dates = new Map<number, FastDate | null>();
  private readonly idCol: number;
  private first = true;
  /** The id written on the pupil's rows, as character codes to compare with bytes. */
  private lastKey = '';
  private lastKeyCodes = new Uint16Array(0);
  fastRows = 0;
  /** Characters the general path could not decode (shown as U+FFFD). */
  replaced = 0;

  constructor(
    private readonly host: FastLaneHost,
    private readonly delimiter: number,
    private readonly width: number,
    private readonly encoding: Encoding,
  ) {
    this.starts = new Int32Array(width + 2);
    const c = host.ctx.col;
    this.idCol = c.upn >= 0 ? c.upn : c.misId;
    this.rowDecoder = createDecoder(encoding);
  }

  static canRead(encoding: Encoding): boolean {
    return encoding === 'utf-8' || encoding === 'windows-1252';
  }

  push(bytes: Uint8Array): void {
    if (this.general) return this.pushGeneral(bytes, true);
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
    const n = s.length;
    const starts = this.starts;
    const delim = this.delimiter;
    const width = this.width;
    let rowStart = 0;
    let k = 1;
    starts[0] = 0;
    // One pass over the bytes: cell starts are noted as delimiters go by, and each line is read at its LF.
    for (let i = 0; i < n; i++) {
      const c = s[i];
      if (c === delim) {
        if (k <= width) starts[k] = i + 1;
        k++;
      } else if (c === LF) {
        const end = i > rowStart && s[i - 1] === CR ? i - 1 : i;
        if (k !== width || !this.host.pastHeader() || !this.fast(s, end))
          this.host.slow(this.split(s, rowStart, end), this.line);
        this.line++;
        rowStart = i + 1;
        k = 1;
        starts[0] = rowStart;
      } else if (c === QUOTE) {
        // The line may not be a whole row (a quoted value can hold a line break): the general path takes over.
        this.carry = new Uint8Array(0);
        this.toGeneral(s.subarray(rowStart));
        return;
      }
    }
    this.carry = s.slice(rowStart);
    if (this.carry.length > MAX_CARRY) {
      const rest = this.carry;
      this.carry = new Uint8Array(0);
      this.toGeneral(rest);
    }
  }

  /** Returns true when the file ended inside a quoted value (only the general tokenizer can tell). */
  end(): boolean {
    if (!this.general && this.carry.length) {
      const rest = this.carry;
      this.carry = new Uint8Array(0);
      this.toGeneral(rest);
    }
    if (!this.general) return false;
    this.countReplaced(this.decoder!.decode());
    return this.general.end();
  }

  get currentLine(): number {
    return this.general ? this.general.currentLine : this.line;
  }

  get overlongFields(): number {
    return this.general?.overlongFields ?? 0;
  }

  private toGeneral(rest: Uint8Array): void {
    const t = new CsvTokenizer(this.delimiter, (f, line) => this.host.slow(f, line));
    t.startAtLine(this.line);
    this.general = t;
    this.decoder = createDecoder(this.encoding);
    this.pushGeneral(rest, true);
  }

  private pushGeneral(bytes: Uint8Array, stream: boolean): void {
    const text = this.decoder!.decode(bytes, { stream });
    this.countReplaced(text);
    this.general!.push(text);
  }

  private countReplaced(text: string): void {
    for (let k = text.indexOf('\uFFFD'); k >= 0; k = text.indexOf('\uFFFD', k + 1)) this.replaced++;
  }

  private split(s: Uint8Array, a: number, b: number): string[] {
    const text = this.rowDecoder.decode(s.subarray(a, b));
    this.countReplaced(text);
    return text.split(String.fromCharCode(this.delimiter));
  }

  private cellEnd(i: number, b: number): number {
    return i + 1 < this.width ? this.starts[i + 1] - 1 : b;
  }

  /** Read a row in place; false when it needs the general path. */
  private fast(s: Uint8Array, b: number): boolean {
    const ctx = this.host.ctx;
    const entry = ctx.lastPupil;
    const last = ctx.lastRawKey;
    if (!entry || !last) return false;
    // Same pupil as the row above, written identically (ids are ASCII; anything else takes the general path).
    if (last !== this.lastKey) {
      this.lastKey = last;
      this.lastKeyCodes = Uint16Array.from(last, (ch) => ch.charCodeAt(0));
    }
    const key0 = this.lastKeyCodes;
    const ia = this.starts[this.idCol];
    if (this.cellEnd(this.idCol, b) - ia !== key0.length) return false;
    for (let k = 0; k < key0.length; k++) if (s[ia + k] !== key0[k]) return false;
    // No cell may look like a formula (those are reported on the general path).
    for (let k = 0; k < this.width; k++) {
      const c = s[this.starts[k]];
      if (c === 61 || c === 43 || c === 64) return false;
    }
    const col = ctx.col;
    // dd/mm/yyyy, read digit by digit into a number key (no string, no hashing of text)
    const da = this.starts[col.date];
    if (this.cellEnd(col.date, b) - da !== 10 || s[da + 2] !== 47 || s[da + 5] !== 47) return false;
    const key = digits(s, da + 6, 4) * 10000 + digits(s, da + 3, 2) * 100 + digits(s, da, 2);
    if (key < 0) return false;
    let d = this.dates.get(key);
    if (d === undefined) {
      const info = dateInfo(String.fromCharCode(...s.subarray(da, da + 10)));
      d =
        'bad' in info || !info.plausible || info.slot < 0
          ? null
          : new FastDate(info.iso, info.startYear, info.slot);
      this.dates.set(key, d);
    }
    if (d === null) return false;
    // AM / PM
    const sa = this.starts[col.session];
    if (this.cellEnd(col.session, b) - sa !== 2 || s[sa + 1] !== 77) return false;
    const s0 = s[sa];
    const session = s0 === 65 ? 0 : s0 === 80 ? 1 : -1;
    if (session < 0) return false;
    // A current national code, written exactly.
    const ma = this.starts[col.mark];
    const len = this.cellEnd(col.mark, b) - ma;
    const c0 = s[ma];
    const id =
      len === 1 && c0 < 128
        ? ONE[c0]
        : len === 2 && c0 < 128 && s[ma + 1] < 128
          ? TWO[c0 * 128 + s[ma + 1]]
          : 0;
    if (id === 0) return false;
    // Same school year as the pupil's last row, and a session not already given.
    const y = entry.lastYear;
    if (!y || y.year.startYear !== d.startYear || ctx.lastYear !== y.year) return false;
    const slot = d.slot + session;
    if (y.covered[slot]) return false;
    ctx.builder.setSlot(entry, d.startYear, slot, id, d.iso);
    this.fastRows++;
    this.host.fastRow();
    return true;
  }
}
