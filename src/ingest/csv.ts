/**
 * A streaming CSV tokenizer, written by hand because it is the hot loop of every import
 * (papaparse is ~4× slower and has silent failure modes on large files: ../shared/perf-notes.md).
 * Text arrives in chunks; a quoted field, a doubled quote or a CRLF may be split across chunks.
 * State is carried between chunks rather than re-scanning leftovers, so a huge single line stays linear.
 *
 * Register exports never break a line inside a value (names, marks and dates have no line breaks), so a quote
 * still open at a line's end is a stray quote, not a value running on: that line is given up as a broken row
 * (`onBroken`, with its line number, and the line re-read as plain values when no other quote follows) and reading
 * starts again at the next line. Read the other way, one stray quote merged hundreds of rows into one name without
 * a word.
 */
/** `stray`: the row has a quote inside an unquoted value or text after a closing quote (kept as text). */
export type RowHandler = (fields: string[], line: number, stray: boolean) => void;
/**
 * A row given up: a quote opened in it is not closed before its line ends (`atEnd`: before the file ends).
 * `plain`, when given: the row re-read as plain values, the open quote kept as text in its value. It is given only
 * when that quote is the only one left in the line's unread part, so the values before it are as read and the rest
 * is what the line says; the caller decides whether to keep it (its field count must match the header's).
 */
export type BrokenHandler = (line: number, atEnd: boolean, plain?: string[]) => void;

/** A field longer than this is almost certainly a runaway quote: stop growing it to keep memory bounded. */
export const MAX_FIELD_CHARS = 1 << 22;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  private fields: string[] = [];
  private partial = '';
  /** 0 field start, 1 unquoted field, 2 inside quotes, 3 quote seen inside quotes, 4 after closing quote. */
  private state = 0;
  private skipLf = false;
  private line = 1;
  private rowLine = 1;
  /** Where breakIn found the next LF and CR in the chunk being read (-1: not looked yet, length: none). */
  private nextLf = -1;
  private nextCr = -1;
  /** The row being read has a quote inside an unquoted value, or text after a closing quote. */
  private stray = false;
  /** Rows given up because a quote in them was not closed before the line ended. */
  brokenRows = 0;
  /** Fields that hit MAX_FIELD_CHARS and were cut short. */
  overlongFields = 0;
  /** Line of the file's last row when it had no line end (a file cut short ends so), else 0. Set by end(). */
  openLastLine = 0;

  constructor(
    private readonly delimiter: number,
    private readonly onRow: RowHandler,
    private readonly onBroken: BrokenHandler = () => {},
  ) {}

  /** Continue line numbering from another reader that handled the lines before. */
  startAtLine(line: number): void {
    this.line = line;
    this.rowLine = line;
  }

  /** 1-based line the tokenizer has reached. */
  get currentLine(): number {
    return this.line;
  }

  /** Lines in the text read so far, once end() has been called (a last line with no line end counts). */
  get lines(): number {
    return this.line - 1 + (this.openLastLine ? 1 : 0);
  }

  push(s: string): void {
    const n = s.length;
    const delim = this.delimiter;
    let i = 0;
    this.nextLf = -1;
    this.nextCr = -1;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (s.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const st = this.state;
      if (st === 0 && this.partial.length === 0) {
        i = this.unquotedRun(s, i);
        if (i >= n) break;
        if (s.charCodeAt(i) === QUOTE) {
          this.state = 2;
          i++;
        }
        continue;
      }
      if (st === 0 || st === 1) {
        if (st === 0 && s.charCodeAt(i) === QUOTE) {
          this.state = 2;
          i++;
          continue;
        }
        const start = i;
        i = this.fieldEnd(s, i);
        if (i === n) {
          this.append(s, start, n);
          this.state = 1;
          break;
        }
        const c = s.charCodeAt(i);
        if (this.partial.length === 0 && c === delim) {
          // Hot path: a whole unquoted field inside this chunk.
          this.fields.push(s.slice(start, i));
          this.state = 0;
          i++;
          continue;
        }
        this.append(s, start, i);
        i = this.endField(s, i, c);
      } else if (st === 2) {
        const q = s.indexOf('"', i);
        const end = q < 0 ? n : q;
        const b = this.breakIn(s, i, end);
        if (b >= 0) {
          i = this.broken(s, b, i);
          continue;
        }
        this.append(s, i, end);
        if (q < 0) break;
        this.state = 3;
        i = q + 1;
      } else if (st === 3) {
        // A quote inside quotes: doubled means a literal quote, otherwise the field has closed.
        if (s.charCodeAt(i) === QUOTE) {
          this.partial += '"';
          this.state = 2;
          i++;
        } else this.state = 4;
      } else {
        // After a closing quote: stray characters up to the delimiter are kept, as Excel does, and reported.
        const start = i;
        i = this.fieldEnd(s, i);
        if (i > start) this.stray = true;
        this.append(s, start, i);
        if (i === n) break;
        i = this.endField(s, i, s.charCodeAt(i));
      }
    }
  }

  /** Index of the next delimiter or line break from i, or the chunk's end (noting a quote passed on the way). */
  private fieldEnd(s: string, i: number): number {
    const n = s.length;
    const delim = this.delimiter;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === delim || c === LF || c === CR) break;
      if (c === QUOTE) this.stray = true;
    }
    return i;
  }

  /**
   * The first line break in s[from, to), or -1. The next LF and CR found are kept, so many short quoted values on
   * one long line (a wide export's week cells) never search the same text twice: calls within a chunk come in order.
   */
  private breakIn(s: string, from: number, to: number): number {
    let lf = this.nextLf;
    if (lf < from) {
      lf = s.indexOf('\n', from);
      this.nextLf = lf = lf < 0 ? s.length : lf;
    }
    let cr = this.nextCr;
    if (cr < from) {
      cr = s.indexOf('\r', from);
      this.nextCr = cr = cr < 0 ? s.length : cr;
    }
    const b = lf < cr ? lf : cr;
    return b < to ? b : -1;
  }

  /**
   * A quote still open at the line break at b (the quoted value's text so far: `partial`, then s from `from`): the
   * row is given up and reading starts again after the break. Rows are one line each, so the rest of the line is
   * the quote and that text; it is offered re-read as plain values when it holds no other quote.
   */
  private broken(s: string, b: number, from: number): number {
    const rest = this.partial + s.slice(from, b);
    const plain =
      rest.indexOf('"') < 0 && this.partial.length < MAX_FIELD_CHARS
        ? [...this.fields, ...`"${rest}`.split(String.fromCharCode(this.delimiter))]
        : undefined;
    this.fields = [];
    this.partial = '';
    this.state = 0;
    this.stray = false;
    this.brokenRows++;
    this.onBroken(this.rowLine, false, plain);
    return this.lineBreak(s, b);
  }

  /** Past the line break at i (CRLF as one); returns the next index. */
  private lineBreak(s: string, i: number): number {
    this.line++;
    this.rowLine = this.line;
    if (s.charCodeAt(i) === CR) {
      if (i + 1 < s.length) {
        if (s.charCodeAt(i + 1) === LF) return i + 2;
      } else this.skipLf = true;
    }
    return i + 1;
  }

  /**
   * The hot loop: unquoted fields and line ends wholly inside this chunk, with the row kept in locals.
   * Returns where it stopped: the end of the chunk (a field in progress is kept in `partial`),
   * or a quote at the start of a field, for the general loop to handle.
   */
  private unquotedRun(s: string, i: number): number {
    const n = s.length;
    const delim = this.delimiter;
    let fields = this.fields;
    let start = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === delim) {
        fields.push(s.slice(start, i));
        start = ++i;
      } else if (c === LF || c === CR) {
        fields.push(s.slice(start, i));
        this.fields = fields;
        this.emit();
        fields = this.fields;
        this.line++;
        this.rowLine = this.line;
        i++;
        if (c === CR) {
          if (i < n) {
            if (s.charCodeAt(i) === LF) i++;
          } else this.skipLf = true;
        }
        start = i;
      } else if (c === QUOTE) {
        if (i !== start) {
          // A quote inside an unquoted value: kept as text, and the row reported.
          this.stray = true;
          i++;
          continue;
        }
        // A quoted field closed inside this chunk and followed by a delimiter or line end (wide exports quote
        // every week cell): take it whole. Anything else (a doubled quote, stray text, a line break inside,
        // the chunk's end) goes to the general loop.
        const q = s.indexOf('"', i + 1);
        const next = q >= 0 && q + 1 < n && q - i <= MAX_FIELD_CHARS ? s.charCodeAt(q + 1) : QUOTE;
        if ((next !== delim && next !== LF && next !== CR) || this.breakIn(s, i + 1, q) >= 0) {
          this.fields = fields;
          return i;
        }
        fields.push(s.slice(i + 1, q));
        i = q + 2;
        if (next !== delim) {
          this.fields = fields;
          this.emit();
          fields = this.fields;
          this.line++;
          this.rowLine = this.line;
          if (next === CR) {
            if (i < n) {
              if (s.charCodeAt(i) === LF) i++;
            } else this.skipLf = true;
          }
        }
        start = i;
      } else i++;
    }
    this.fields = fields;
    if (start < n) {
      this.append(s, start, n);
      this.state = 1;
    }
    return n;
  }

  /**
   * Flush the last row. Returns true when the file ended inside a quoted value (cut short): that row is given up
   * (onBroken with atEnd). A last row with no line end is noted in openLastLine.
   */
  end(): boolean {
    const unterminated = this.state === 2;
    if (this.state !== 0 || this.fields.length > 0) {
      this.openLastLine = this.rowLine;
      if (unterminated) {
        this.fields = [];
        this.partial = '';
        this.stray = false;
        this.brokenRows++;
        this.onBroken(this.rowLine, true);
      } else {
        this.fields.push(this.partial);
        this.partial = '';
        this.emit();
      }
    }
    this.state = 0;
    return unterminated;
  }

  private append(s: string, from: number, to: number): void {
    if (to <= from) return;
    if (this.partial.length + (to - from) > MAX_FIELD_CHARS) {
      if (this.partial.length < MAX_FIELD_CHARS) this.overlongFields++;
      const room = MAX_FIELD_CHARS - this.partial.length;
      if (room > 0) this.partial += s.slice(from, from + room);
      return;
    }
    this.partial = this.partial.length === 0 ? s.slice(from, to) : this.partial + s.slice(from, to);
  }

  /** At a delimiter or line break: close the field (and the row); returns the next index. */
  private endField(s: string, i: number, c: number): number {
    this.fields.push(this.partial);
    this.partial = '';
    this.state = 0;
    if (c === this.delimiter) return i + 1;
    this.emit();
    return this.lineBreak(s, i);
  }

  private emit(): void {
    const f = this.fields;
    this.fields = [];
    const stray = this.stray;
    this.stray = false;
    this.onRow(f, this.rowLine, stray);
  }
}

export type Quoting = 'all' | 'none' | 'some';

export interface Dialect {
  delimiter: ',' | ';' | '\t' | '|';
  quoting: Quoting;
}

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Pick the delimiter that splits the sample's lines most consistently into more than one field. */
export function sniffDialect(sample: string): Dialect {
  const lines = sample
    .slice(0, sniffEnd(sample, 61))
    .split(/\r\n|\n|\r/)
    .slice(0, 60)
    .filter((l) => l.trim() !== '');
  // The last line of a sample may be cut short.
  if (lines.length > 2) lines.pop();
  // Fields per line for every candidate at once: quotes pair up the same whichever delimiter is right.
  const counts = lines.map((l) => scanLine(l));
  let best: Dialect['delimiter'] = ',';
  let bestScore = -1;
  CANDIDATES.forEach((d, j) => {
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c[j], (freq.get(c[j]) ?? 0) + 1);
    let mode = 1;
    let modeN = 0;
    for (const [c, k] of freq) if (k > modeN || (k === modeN && c > mode)) [mode, modeN] = [c, k];
    if (mode < 2) return;
    // Consistency matters most; more fields break ties (a comma inside names is rarer than a real column).
    const score = modeN * 1000 + mode;
    if (score > bestScore) [best, bestScore] = [d, score];
  });
  const j = CANDIDATES.indexOf(best);
  let quoted = 0;
  let total = 0;
  for (const c of counts) {
    total += c[j];
    quoted += c[4 + j];
  }
  const quoting: Quoting = quoted === 0 ? 'none' : quoted === total ? 'all' : 'some';
  return { delimiter: best, quoting };
}

/** Index of the `n`th line break (CRLF counted once), or the sample's end: sniffing needs only the first lines. */
function sniffEnd(s: string, n: number): number {
  // By indexOf rather than a loop over every character (slow in a worker's first, unoptimised run).
  let breaks = 0;
  let lf = s.indexOf('\n');
  let cr = s.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    let i: number;
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      i = cr;
      cr = s.indexOf('\r', cr + 1);
      if (s.charCodeAt(i + 1) === LF) continue; // CRLF: its LF is the break
    } else {
      i = lf;
      lf = s.indexOf('\n', lf + 1);
    }
    if (++breaks === n) return i;
  }
  return s.length;
}

/**
 * One sample line, honouring quotes (used only for sniffing): per candidate delimiter, how many fields it
 * splits into ([0..3]) and how many of them start with a quote ([4..7]). Counts by character code, one pass.
 */
function scanLine(line: string): number[] {
  const out = [1, 1, 1, 1, 0, 0, 0, 0];
  if (line.charCodeAt(0) === QUOTE) out[4] = out[5] = out[6] = out[7] = 1;
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) inQ = !inQ;
    else if (!inQ) {
      const j = c === 44 ? 0 : c === 59 ? 1 : c === 9 ? 2 : c === 124 ? 3 : -1; // , ; tab | as in CANDIDATES
      if (j >= 0) {
        out[j]++;
        if (line.charCodeAt(i + 1) === QUOTE) out[4 + j]++;
      }
    }
  }
  return out;
}

/** Tokenize a whole string (tests, previews); `broken`: lines given up for a quote left open. */
export function parseCsvText(
  text: string,
  delimiter = ',',
): { rows: string[][]; broken: number[]; unterminated: boolean } {
  const rows: string[][] = [];
  const broken: number[] = [];
  const t = new CsvTokenizer(
    delimiter.charCodeAt(0),
    (f) => rows.push(f),
    (line) => broken.push(line),
  );
  t.push(text);
  return { rows, broken, unterminated: t.end() };
}
