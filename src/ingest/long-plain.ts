/**
 * Plain long rows, read from the bytes: the commonest export, long layout, unquoted, one row per line, dd/mm/yyyy, AM/PM, a national code,
 * in an ASCII-compatible encoding (UTF-8 or Windows-1252). Most rows only repeat the row above's pupil with the next
 * session, so they are read in place from the file's bytes: no decoding, no per-cell strings (a string scan is ~4×
 * slower than a byte scan). Any row that is not exactly that — a new pupil, an unusual date or code, a duplicate,
 * a formula — is decoded and goes through the general path (`slow`), which reports issues as usual.
 * A quote anywhere, or a line longer than 1 MB, hands the rest of the file to the general tokenizer.
 */
import { CODES } from '../domain/codes';
import type { ReadContext } from './context';
import type { YearEntry } from './builder';
import { PlainLines, CR, LF } from './plain-lines';
import { createDecoder, type Decoder, type Encoding } from './decode';
import { dateInfo } from './long';

const QUOTE = 34;

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
  /** Once a date has widened the builder's date range, it never needs to again. */
  noted = false;
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
  slow(fields: string[], line: number, stray?: boolean): void;
  /** A row the general tokenizer gave up (a quote left open at its line's end). */
  broken(line: number, atEnd: boolean, plain?: string[]): void;
  /** True once the header row has gone by. */
  pastHeader(): boolean;
}

export function plainLongApplies(ctx: ReadContext): boolean {
  const c = ctx.col;
  return (
    ctx.mapping.layout === 'long' &&
    c.date >= 0 &&
    c.session >= 0 &&
    c.mark >= 0 &&
    (c.upn >= 0 || c.misId >= 0)
  );
}

export class PlainLongRows extends PlainLines {
  private readonly rowDecoder: Decoder;
  private readonly starts: Int32Array;
  private readonly dates = new Map<number, FastDate | null>();
  private readonly idCol: number;
  private past = false;
  /** Date, session and mark are the last three columns (the usual export): quick() can read their lines. */
  private readonly tailColumns: boolean;
  /** The last line the lane read, up to its date cell: a later line starting with the same bytes is the same
   * pupil with the same details (so already checked for formulas and quotes). prefixLen 0 = none. */
  private prefix: Uint8Array = new Uint8Array(0);
  private prefixStart = 0;
  private prefixLen = 0;
  private prefixView: DataView = new DataView(new ArrayBuffer(0));
  private lastView: DataView = new DataView(new ArrayBuffer(0));
  private lastViewOf: Uint8Array | null = null;
  /** The last date read: a pupil's AM and PM rows share one. */
  private lastDateKey = -1;
  private lastDate: FastDate | null = null;
  /** The id written on the pupil's rows, as character codes to compare with bytes. */
  private lastKey = '';
  private lastKeyCodes = new Uint16Array(0);
  /** Rows read by the fast lane: each is one more row of the file, read and imported (parse.ts counts them). */
  fastRows = 0;

  constructor(
    private readonly host: FastLaneHost,
    delimiter: number,
    private readonly width: number,
    encoding: Encoding,
  ) {
    super(
      delimiter,
      (f, line, stray) => host.slow(f, line, stray),
      () => createDecoder(encoding),
      (line, atEnd, plain) => host.broken(line, atEnd, plain),
    );
    this.starts = new Int32Array(width + 2);
    const c = host.ctx.col;
    this.idCol = c.upn >= 0 ? c.upn : c.misId;
    this.rowDecoder = createDecoder(encoding);
    this.tailColumns = width >= 4 && c.date === width - 3 && c.session === width - 2 && c.mark === width - 1;
  }

  static canRead(encoding: Encoding): boolean {
    return encoding === 'utf-8' || encoding === 'windows-1252';
  }

  push(bytes: Uint8Array): void {
    const s = this.next(bytes);
    if (!s) return;
    const n = s.length;
    const starts = this.starts;
    const delim = this.delimiter;
    const width = this.width;
    let rowStart = 0;
    while (rowStart < n) {
      // Most lines repeat the line above up to the date: read those without scanning for delimiters.
      if (this.prefixLen > 0) {
        const next = this.quick(s, rowStart, n);
        if (next > 0) {
          this.line++;
          rowStart = next;
          continue;
        }
      }
      // One pass over the line's bytes: cell starts are noted as delimiters go by, and the line is read at its LF.
      let k = 1;
      starts[0] = rowStart;
      let i = rowStart;
      for (; i < n; i++) {
        const c = s[i];
        if (c === delim) {
          if (k <= width) starts[k] = i + 1;
          k++;
        } else if (c === LF) break;
        else if (c === QUOTE) {
          // The line may not be a whole row (a quoted value can hold a line break): the general path takes over.
          this.prefixLen = 0;
          this.toGeneral(s.subarray(rowStart));
          return;
        }
      }
      if (i >= n) break;
      const end = i > rowStart && s[i - 1] === CR ? i - 1 : i;
      if (k === width && (this.past || (this.past = this.host.pastHeader())) && this.fast(s, end)) {
        if (this.tailColumns) {
          this.prefix = s;
          this.prefixView = this.view(s);
          this.prefixStart = rowStart;
          this.prefixLen = starts[width - 3] - rowStart;
        }
      } else {
        this.prefixLen = 0;
        this.host.slow(this.split(s, rowStart, end), this.line);
      }
      this.line++;
      rowStart = i + 1;
    }
    this.keep(s, rowStart);
  }

  private split(s: Uint8Array, a: number, b: number): string[] {
    const text = this.rowDecoder.decode(s.subarray(a, b));
    this.countReplaced(text);
    return text.split(String.fromCharCode(this.delimiter));
  }

  private cellEnd(i: number, b: number): number {
    return i + 1 < this.width ? this.starts[i + 1] - 1 : b;
  }

  /** A DataView over the same bytes as `s` (one per chunk). */
  private view(s: Uint8Array): DataView {
    if (this.lastViewOf !== s) {
      this.lastViewOf = s;
      this.lastView = new DataView(s.buffer, s.byteOffset, s.byteLength);
    }
    return this.lastView;
  }

  /**
   * A line that repeats the previous lane line's bytes up to the date, then `dd/mm/yyyy,AM,X` and a line end:
   * read with no delimiter scan. Returns where the next line starts, or -1 to read this line the usual way
   * (a new pupil, an unusual date, session or code, a session already given, or a line cut by the chunk end).
   */
  private quick(s: Uint8Array, a: number, n: number): number {
    const len = this.prefixLen;
    const d0 = a + len;
    // date(10) , session(2) , mark(1–2) line end
    if (d0 + 15 >= n) return -1;
    const p = this.prefix;
    const ps = this.prefixStart;
    // Four bytes at a time: this compare is most of the work for most lines.
    const sv = this.view(s);
    const pv = this.prefixView;
    let j = 0;
    for (; j + 4 <= len; j += 4) if (sv.getUint32(a + j) !== pv.getUint32(ps + j)) return -1;
    for (; j < len; j++) if (s[a + j] !== p[ps + j]) return -1;
    const delim = this.delimiter;
    if (s[d0 + 2] !== 47 || s[d0 + 5] !== 47 || s[d0 + 10] !== delim || s[d0 + 13] !== delim) return -1;
    const s0 = s[d0 + 11];
    if (s[d0 + 12] !== 77 || (s0 !== 65 && s0 !== 80)) return -1;
    const m = d0 + 14;
    const c0 = s[m];
    const c1 = s[m + 1];
    let id = 0;
    let next = 0;
    if (c1 === LF) {
      id = c0 < 128 ? ONE[c0] : 0;
      next = m + 2;
    } else if (c1 === CR) {
      if (s[m + 2] !== LF) return -1;
      id = c0 < 128 ? ONE[c0] : 0;
      next = m + 3;
    } else {
      if (m + 2 >= n) return -1;
      const c2 = s[m + 2];
      if (c2 === LF) next = m + 3;
      else if (c2 === CR && m + 3 < n && s[m + 3] === LF) next = m + 4;
      else return -1;
      id = c0 < 128 && c1 < 128 ? TWO[c0 * 128 + c1] : 0;
    }
    if (id === 0) return -1;
    const key = digits(s, d0 + 6, 4) * 10000 + digits(s, d0 + 3, 2) * 100 + digits(s, d0, 2);
    let d = this.lastDate;
    if (key !== this.lastDateKey) {
      if (key < 0) return -1;
      const cached = this.dates.get(key);
      if (cached === undefined) return -1; // a date not seen yet: let fast() read and check it
      d = cached;
      this.lastDateKey = key;
      this.lastDate = d;
    }
    if (d === null) return -1;
    return this.place(this.host.ctx.lastPupil?.lastYear, d, s0 === 80 ? 1 : 0, id) ? next : -1;
  }

  /**
   * builder.setSlot inlined (this runs for nearly every row of the file): the mark goes into the pupil's last
   * school year when the date falls in it and the session has no mark yet. False: the general path decides.
   */
  private place(y: YearEntry | undefined, d: FastDate, session: number, id: number): boolean {
    const ctx = this.host.ctx;
    if (!y || y.year.startYear !== d.startYear || ctx.lastYear !== y.year) return false;
    const slot = d.slot + session;
    if (y.covered[slot]) return false;
    y.covered[slot] = 1;
    y.year.marks[slot] = id;
    const builder = ctx.builder;
    builder.marksSet++;
    if (!d.noted) {
      d.noted = true;
      builder.noteRange(d.iso, d.iso);
    }
    this.fastRows++;
    return true;
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
    let d = this.lastDate;
    if (key !== this.lastDateKey) {
      let cached = this.dates.get(key);
      if (cached === undefined) {
        const info = dateInfo(String.fromCharCode(...s.subarray(da, da + 10)));
        cached =
          'bad' in info || !info.plausible || info.slot < 0
            ? null
            : new FastDate(info.iso, info.startYear, info.slot);
        this.dates.set(key, cached);
      }
      d = cached;
      this.lastDateKey = key;
      this.lastDate = d;
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
    return this.place(entry.lastYear, d, session, id);
  }
}
