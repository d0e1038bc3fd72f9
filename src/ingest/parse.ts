/**
 * The import pipeline for one file: bytes → text → rows → packed registers, streaming in 4 MB chunks.
 * `inspectSource` reads only the start of the file to propose a mapping and a preview;
 * `parseSource` reads it all with a (possibly user-corrected) mapping. Neither throws on bad data:
 * every problem becomes an issue, and every data row is either imported or counted in one.
 */
import { RegisterBuilder } from './builder';
import {
  headerSignature,
  proposeMapping,
  resolveColumns,
  type Mapping,
  type MappingProposal,
} from './columns';
import { emptyCounts, skip, type PreviewRow, type ReadContext, type RowCounts } from './context';
import { CsvTokenizer, sniffDialect, type Dialect, type Quoting } from './csv';
import { bomLooksWrong, createDecoder, sniffEncoding, type Encoding } from './decode';
import { findHeader, isBlankRow, isTotalsRow, periodFromTitles, type SampledRow } from './header';
import { IssueLog, shown, type Issue, type IssueKind } from './issues';
import { createLongReader } from './long';
import { plainLongApplies, PlainLongRows } from './long-plain';
import { CHUNK_BYTES, type ByteSource } from './source';
import { createSummaryReader, termDates } from './summary';
import { looksLikeFormula } from './values';
import { ctfTable } from './ctf';
import { createDetailsReader } from './details';
import { createStartDateReader } from './start-date';
import { sniffKind, UnreadableFile, unreadableMessage, type RowTable } from './table';
import { xlsxTable, zipNames } from './xlsx';
import { XmlError } from './xml';
import { createWideReader } from './wide';
import { addStage } from '../timing/stages';

const SAMPLE_BYTES = 256 * 1024;
const SAMPLE_ROWS = 20;
/**
 * Rows kept from the head: the header is looked for in the first 40 (findHeader), then SAMPLE_ROWS data rows
 * and the preview's, with room for blank and totals lines skipped among them.
 */
const HEAD_ROWS = 120;
const HEAD_PIECE = 16 * 1024;

export interface InspectResult {
  fileName: string;
  size: number;
  encoding: Encoding;
  delimiter: Dialect['delimiter'];
  quoting: Quoting;
  /** 1-based line of the header row. */
  headerLine: number;
  headers: string[];
  /** Text of the lines above the header (report titles), skipped. */
  titleLines: string[];
  signature: string;
  proposal: MappingProposal;
  /** The first data rows, as cells, and the 1-based line of each. */
  sample: string[][];
  sampleLines: number[];
  /** The first rows as they will be read with the proposed mapping. */
  preview: PreviewRow[];
  /** Period found in the title lines, used for summary files without period columns. */
  period?: { label: string; from: string; to: string };
  /** Delimited text, or the file type read into rows (CTF XML, Excel workbook). */
  format: 'text' | RowTable['format'];
  /** What was read, for the preview (e.g. which sheet of a workbook). */
  formatNote?: string;
  /** A workbook's sheet names, for choosing another. */
  sheets?: string[];
}

interface Head {
  encoding: Encoding;
  dialect: Dialect;
  rows: SampledRow[];
  headerIndex: number;
  /** Set for files that are not delimited text (CTF XML, .xlsx): their rows come from here. */
  table?: RowTable;
  /** The file starts with a UTF-16 byte-order mark but its text is not UTF-16 (decode.ts bomLooksWrong). */
  wrongBom?: boolean;
}

/** Heads already read, per source: inspecting then parsing one file reads and tokenizes its start once. */
const heads = new WeakMap<ByteSource, Promise<Head>>();

function readHead(src: ByteSource, sheet?: string): Promise<Head> {
  let head = sheet === undefined ? heads.get(src) : undefined;
  if (!head) {
    head = readHeadOnce(src, sheet);
    heads.set(src, head);
    head.catch(() => heads.delete(src)); // a failed read is tried again next time
  }
  return head;
}

async function readHeadOnce(src: ByteSource, sheet?: string): Promise<Head> {
  let t0 = performance.now();
  const bytes = await src.read(0, Math.min(src.size, SAMPLE_BYTES));
  addStage('inspect: head bytes read', performance.now() - t0);
  t0 = performance.now();
  const table = await openTable(src, bytes, sheet);
  if (table) {
    const rows: SampledRow[] = [];
    try {
      await table.rows((fields, line) => rows.length < HEAD_ROWS && rows.push({ fields, line }), {
        stop: () => rows.length >= HEAD_ROWS,
      });
    } catch (e) {
      if (!(e instanceof XmlError)) throw e; // damage near the start: the full read reports it
    }
    const headerIndex = table.mapping ? 0 : findHeader(rows);
    addStage('inspect: head of table read', performance.now() - t0);
    return { encoding: 'utf-8', dialect: { delimiter: ',', quoting: 'none' }, rows, headerIndex, table };
  }
  const encoding = sniffEncoding(bytes);
  const text = createDecoder(encoding).decode(bytes, { stream: true });
  const dialect = sniffDialect(text);
  const rows: SampledRow[] = [];
  const t = new CsvTokenizer(dialect.delimiter.charCodeAt(0), (fields, line) => {
    if (rows.length < HEAD_ROWS) rows.push({ fields, line });
  });
  // Tokenize only as far as the rows kept: a wide export's 256 KB is ~280 long rows.
  let at = 0;
  while (at < text.length && rows.length < HEAD_ROWS) {
    t.push(text.slice(at, at + HEAD_PIECE));
    at += HEAD_PIECE;
  }
  // The last row of a partial read may be cut short; only keep it if the whole file was read.
  if (src.size <= SAMPLE_BYTES && at >= text.length) t.end();
  const headerIndex = findHeader(rows);
  addStage('inspect: head sniffed + tokenized', performance.now() - t0);
  return { encoding, dialect, rows, headerIndex, wrongBom: bomLooksWrong(bytes) };
}

const WRONG_BOM =
  'The encoding looks wrong: the file starts with the mark of UTF-16 text, but its text is not UTF-16, so nothing in it can be read. Open it in Excel and save it as "CSV UTF-8", then import that file.';

/**
 * The rows of a file that is not delimited text, or null for text (read by the CSV path). A kind the importer
 * does not read throws UnreadableFile, saying what the file is and how to save it as CSV.
 */
async function openTable(src: ByteSource, head: Uint8Array, sheet?: string): Promise<RowTable | null> {
  // A zip (.xlsx, .ods, .docx…) is told apart by its entry names, listed at the end of the file: read it whole.
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  const whole = zip ? (head.length === src.size ? head : await src.read(0, src.size)) : head;
  const kind = sniffKind(head, () => zipNames(whole));
  if (kind === 'text') return null;
  if (kind === 'ctf') return ctfTable(src);
  if (kind === 'xlsx') return xlsxTable(src, whole, sheet);
  throw new UnreadableFile(unreadableMessage(kind, src.name) ?? `${src.name} is not a file this app reads.`);
}

export async function inspectSource(
  src: ByteSource,
  remembered?: Mapping,
  sheet?: string,
): Promise<InspectResult> {
  const head = await readHead(src, sheet);
  const t0 = performance.now();
  const headerRow = head.rows[head.headerIndex] ?? { fields: [], line: 1 };
  const headers = headerRow.fields.map((h) => h.trim());
  const data = head.rows
    .slice(head.headerIndex + 1)
    .filter((r) => !isBlankRow(r.fields) && !isTotalsRow(r.fields));
  const sample = data.slice(0, SAMPLE_ROWS).map((r) => r.fields);
  const own = head.table?.mapping;
  const proposal: MappingProposal = remembered
    ? { mapping: remembered, needsMapping: false, reasons: [], unused: [] }
    : own
      ? { mapping: structuredClone(own), needsMapping: false, reasons: [], unused: [] }
      : proposeMapping(headers, sample);
  const titleLines = head.rows
    .slice(0, head.headerIndex)
    .map((r) => r.fields.filter((x) => x.trim()).join(' '))
    .filter(Boolean);
  const period = periodFromTitles(titleLines);
  if (head.wrongBom) {
    proposal.needsMapping = true;
    proposal.reasons.unshift(WRONG_BOM);
  }
  const m = proposal.mapping;
  if (m.layout === 'summary' && !period && !(m.columns.periodFrom && m.columns.periodTo)) {
    const i = m.columns.period ? headers.indexOf(m.columns.period) : -1;
    if (i < 0 || !sample.every((r) => termDates(r[i] ?? ''))) {
      proposal.needsMapping = true;
      proposal.reasons.push(PERIOD_NEEDED);
    }
  }
  addStage('inspect: mapping proposed', performance.now() - t0);
  const t1 = performance.now();
  const preview = previewRows(headers, data, proposal.mapping, 10, src.name, period);
  addStage('inspect: preview read', performance.now() - t1);
  return {
    fileName: src.name,
    size: src.size,
    encoding: head.encoding,
    delimiter: head.dialect.delimiter,
    quoting: head.dialect.quoting,
    headerLine: headerRow.line,
    headers,
    titleLines,
    signature: headerSignature(headers),
    proposal,
    sample,
    sampleLines: data.slice(0, SAMPLE_ROWS).map((r) => r.line),
    preview,
    period,
    format: head.table?.format ?? 'text',
    formatNote: head.table?.note,
    sheets: head.table?.sheets,
  };
}

/** The first `n` rows read exactly as the full import will read them (same readers, scratch builder). */
export function previewRows(
  headers: string[],
  rows: readonly SampledRow[],
  mapping: Mapping,
  n: number,
  fileName = 'file',
  period?: { label: string; from: string; to: string },
  /** false: no fast path, as ParseOptions.lanes. */
  lanes = true,
): PreviewRow[] {
  const out: PreviewRow[] = [];
  const ctx = makeContext(headers, mapping, new IssueLog(fileName), period, lanes);
  ctx.preview = (p) => out.length < n && out.push(p);
  const read = readerFor(ctx);
  for (const r of rows) {
    if (out.length >= n) break;
    read(r.fields, r.line);
  }
  return out;
}

function makeContext(
  headers: string[],
  mapping: Mapping,
  log: IssueLog,
  period?: ReadContext['period'],
  lanes = true,
): ReadContext {
  return {
    headers,
    col: resolveColumns(headers, mapping),
    mapping,
    log,
    builder: new RegisterBuilder(),
    counts: emptyCounts(),
    carriedDown: 0,
    period,
    lanes,
  };
}

function readerFor(ctx: ReadContext): (f: string[], line: number) => void {
  if (ctx.mapping.layout === 'wide') return createWideReader(ctx);
  if (ctx.mapping.layout === 'summary') return createSummaryReader(ctx);
  if (ctx.mapping.layout === 'start-date') return createStartDateReader(ctx);
  if (ctx.mapping.layout === 'details') return createDetailsReader(ctx);
  return createLongReader(ctx);
}

export interface ParseOptions {
  signal?: AbortSignal;
  onProgress?: (bytesRead: number, total: number) => void;
  /** The period a summary file covers when neither its columns nor its title say. */
  period?: { label: string; from: string; to: string };
  /** Bytes per read (default 4 MB); tests use small chunks to put chunk ends everywhere. */
  chunkBytes?: number;
  /** The workbook sheet to read (.xlsx), when not the first with data. */
  sheet?: string;
  /**
   * false: no fast path (long plain rows read from the bytes, quick wide cells); every row goes the general way.
   * Same result, slower: tests read each file both ways and compare.
   */
  lanes?: boolean;
}

export interface ParseSummary {
  fileName: string;
  layout: Mapping['layout'];
  encoding: Encoding;
  counts: RowCounts;
  pupils: number;
  /** School years (start years) the file touched. */
  years: number[];
  /** First and last date the file covered, or null when nothing was read. */
  dateRange: [string, string] | null;
  marks: number;
  issues: Issue[];
  issueKinds: IssueKind[];
  errors: number;
}

export interface ParsedImport {
  summary: ParseSummary;
  builder: RegisterBuilder;
  mapping: Mapping;
}

function abortError(): Error {
  const e = new Error('Import cancelled');
  e.name = 'AbortError';
  return e;
}

export async function parseSource(
  src: ByteSource,
  mapping: Mapping,
  opts: ParseOptions = {},
): Promise<ParsedImport> {
  let t0 = performance.now();
  const head = await readHead(src, opts.sheet);
  addStage('parse: read head again', performance.now() - t0);
  const log = new IssueLog(src.name);
  const headers = (head.rows[head.headerIndex]?.fields ?? []).map((h) => h.trim());
  const period =
    opts.period ?? periodFromTitles(head.rows.slice(0, head.headerIndex).map((r) => r.fields.join(' ')));
  const ctx = makeContext(headers, mapping, log, period, opts.lanes !== false);
  const missing = Object.entries(mapping.columns).filter(([, h]) => h !== undefined && !headers.includes(h));
  for (const [field, h] of missing)
    log.add(
      head.rows[head.headerIndex]?.line ?? 1,
      h!,
      'missing-column',
      'error',
      `The mapping expects a column "${h}" (${field}) that this file does not have. Check the mapping.`,
    );
  const read = readerFor(ctx);
  const { counts } = ctx;
  const width = headers.length;
  const strict = mapping.layout !== 'wide';
  const headerLine = head.rows[head.headerIndex]?.line ?? 1;
  let rowIndex = 0;

  const onRow = (f: string[], line: number, stray = false) => {
    const i = rowIndex++;
    if (i <= head.headerIndex) {
      counts.above++;
      if (i < head.headerIndex && !isBlankRow(f)) {
        log.add(
          line,
          '',
          'title-line',
          'notice',
          `Line above the header skipped as a report title: "${shown(f.join(' ').trim(), 80)}".`,
        );
      }
      return;
    }
    counts.read++;
    if (isBlankRow(f)) {
      counts.notData++;
      log.add(line, '', 'blank-row', 'notice', 'Blank line skipped.');
      return;
    }
    if (isTotalsRow(f)) {
      counts.notData++;
      log.add(line, '', 'totals-row', 'notice', `Totals line skipped: "${shown(f.join(' ').trim(), 80)}".`);
      return;
    }
    if (f.length < width && strict)
      return skip(
        ctx,
        line,
        headers[f.length] ?? '',
        'short-row',
        `This line has ${f.length} of the header's ${width} columns, so it was not imported: a value may be cut short, or the line uses another delimiter. If it is the last line, the file may be cut short: export it again.`,
      );
    if (f.length > width && !f.slice(width).every((x) => x.trim() === ''))
      return skip(
        ctx,
        line,
        headers[width - 1] ?? '',
        'long-row',
        `This line has ${f.length} values but the header has ${width} columns, so it was not imported: a value probably holds a stray "${head.dialect.delimiter === '\t' ? 'tab' : head.dialect.delimiter}" (in a name?), which moves every later value into the wrong column. Correct it in the MIS and export again.`,
      );
    if (stray)
      log.add(
        line,
        '',
        'stray-quote',
        'warning',
        'A quote mark (") stands inside a value on this line, not around it. It was read as part of the value: check the names on this line.',
      );
    for (let k = 0; k < f.length; k++) {
      const v = f[k];
      if (v.indexOf('\u0000') >= 0)
        log.add(
          line,
          headers[k] ?? '',
          'nul-byte',
          'warning',
          `"${v.slice(0, 40)}" holds a NUL byte (an invisible control character): the file may be damaged or saved in another encoding. Check this value in the MIS.`,
        );
      const c = v.charCodeAt(0);
      // = + @ start a spreadsheet formula; checked inline because this runs for every cell.
      if ((c === 61 || c === 43 || c === 64) && looksLikeFormula(v))
        log.add(
          line,
          headers[k] ?? '',
          'formula-cell',
          'warning',
          `"${shown(v, 40)}" looks like a spreadsheet formula. It was read as plain text and is never run.`,
        );
    }
    read(f, line);
  };

  if (head.table) {
    try {
      await head.table.rows(onRow, {
        signal: opts.signal,
        onProgress: opts.onProgress,
        onIssue: (line, column, code, severity, message) => log.add(line, column, code, severity, message),
      });
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      // Rows before the damage were read; the rest of the file cannot be.
      log.add(
        0,
        '',
        'damaged-file',
        'error',
        `${e.message}. The rest of the file was not read: export it again.`,
      );
    }
    if (opts.signal?.aborted) throw abortError();
    counts.lines = counts.above + counts.read;
  } else await readText();

  /** Delimited text: decoded and tokenized in chunks (or read in place by a byte lane). */
  async function readText() {
    // Register exports never break a line inside a value: a quote left open at a line's end is a stray quote.
    let brokenAtEnd = false;
    const onBroken = (line: number, atEnd: boolean, plain?: string[]) => {
      brokenAtEnd = atEnd;
      if (rowIndex <= head.headerIndex) {
        counts.above++;
        return;
      }
      // Re-read as plain values (the stray quote kept as text in its value) it has the header's columns: it is
      // read so, and named as a stray quote; nothing is lost. Otherwise the line is given up, named.
      if (plain && plain.length === width) return onRow(plain, line, true);
      counts.read++;
      skip(
        ctx,
        line,
        '',
        'broken-quote',
        atEnd
          ? 'A quote mark (") opens a value on this line and the file ends before it closes: the file looks cut short, so this line was not imported. Export the file again.'
          : 'A quote mark (") opens a value on this line and is not closed before the line ends, so this line was not imported (register exports never break a line inside a value). Check the names on this line in the MIS and export again.',
      );
    };

    const delimiter = head.dialect.delimiter.charCodeAt(0);
    const lane =
      ctx.lanes && plainLongApplies(ctx) && PlainLongRows.canRead(head.encoding)
        ? new PlainLongRows(
            {
              ctx,
              slow: onRow,
              broken: onBroken,
              pastHeader: () => rowIndex > head.headerIndex,
            },
            delimiter,
            width,
            head.encoding,
          )
        : null;
    const decoder = createDecoder(head.encoding);
    const general = lane ? null : new CsvTokenizer(delimiter, onRow, onBroken);
    let replaced = 0;
    const chunk = opts.chunkBytes ?? CHUNK_BYTES;
    // The next chunks are read while this one is parsed: the browser reads files off the worker's thread.
    const AHEAD = 2;
    const pending: Promise<Uint8Array>[] = [];
    let readTo = 0;
    const readAhead = () => {
      while (pending.length < AHEAD && readTo < src.size) {
        const p = src.read(readTo, Math.min(chunk, src.size - readTo));
        p.catch(() => undefined); // still rejects where it is awaited; not unhandled if we stop first
        pending.push(p);
        readTo += chunk;
      }
    };
    for (let offset = 0; offset < src.size; offset += chunk) {
      if (opts.signal?.aborted) throw abortError();
      readAhead();
      let t = performance.now();
      const bytes = await pending.shift()!;
      addStage('parse: wait for chunk reads', performance.now() - t);
      readAhead();
      t = performance.now();
      if (lane) lane.push(bytes);
      else {
        const text = decoder.decode(bytes, { stream: true });
        for (let k = text.indexOf('\uFFFD'); k >= 0; k = text.indexOf('\uFFFD', k + 1)) replaced++;
        general!.push(text);
      }
      addStage(lane ? 'parse: fast lane' : 'parse: decode + tokenize + read rows', performance.now() - t);
      opts.onProgress?.(Math.min(src.size, offset + bytes.length), src.size);
    }
    t0 = performance.now();
    general?.push(decoder.decode());
    if (lane) {
      // Past the header, rows the lane read need no row index of their own: only the counts.
      counts.read += lane.fastRows;
      counts.imported += lane.fastRows;
    }
    const tokenizer = lane ?? general!;
    tokenizer.end();
    counts.lines = tokenizer.lines;
    const open = tokenizer.openLastLine;
    // A file cut short mid-line ends with no line end; so do some whole files, so the last line is imported but named.
    if (open > headerLine && !brokenAtEnd)
      log.add(
        open,
        '',
        'no-line-end',
        'warning',
        'The file ends without a line end after this line: it may be cut short. Check this last line, or export the file again.',
      );
    if (tokenizer.overlongFields)
      log.add(
        0,
        '',
        'overlong-field',
        'error',
        `${tokenizer.overlongFields} value(s) were over 4 million characters and were cut short. The file may be damaged.`,
      );
    replaced += lane?.replaced ?? 0;
    if (replaced)
      log.add(
        0,
        '',
        'encoding-replaced',
        'warning',
        `${replaced} character(s) could not be read as ${head.encoding} and show as �. Names may be wrong: save the export as UTF-8 and import again.`,
      );
  }

  if (ctx.carriedDown)
    log.add(
      0,
      '',
      'carried-down',
      'notice',
      `${ctx.carriedDown} row(s) had no pupil details, so they were read as the pupil on the row above (the export gives details only on each pupil's first row).`,
    );
  if (head.wrongBom) log.add(0, '', 'encoding-looks-wrong', 'error', WRONG_BOM);
  else if (counts.read - counts.notData === 0)
    log.add(0, '', 'no-data', 'error', 'No data rows were found below the header.');

  addStage('parse: end + summary', performance.now() - t0);
  const b = ctx.builder;
  const unmarked = dropPupilsWithoutData(b, mapping.layout);
  if (unmarked)
    log.add(
      0,
      '',
      'pupil-without-rows',
      'notice',
      `${unmarked} pupil(s) are named only on rows that were not imported, so they are not added.`,
    );
  const years = new Set<number>();
  for (const p of b.pupils.values()) for (const y of p.years.keys()) years.add(y);
  for (const t of b.totals) years.add(t.startYear);
  return {
    builder: b,
    mapping,
    summary: {
      fileName: src.name,
      layout: mapping.layout,
      encoding: head.encoding,
      counts,
      pupils: b.pupils.size,
      years: [...years].sort(),
      dateRange: b.firstDate ? [b.firstDate, b.lastDate] : null,
      marks: b.marksSet,
      issues: log.issues,
      issueKinds: log.summary(),
      errors: log.errorCount,
    },
  };
}

/** Said when a summary gives no dates for its totals: the Import screen then asks for them. */
export const PERIOD_NEEDED =
  'The file does not say which dates these totals cover. Choose the period (for example 01/09/2024 to 20/12/2024).';

/**
 * A pupil whose every row was rejected would be stored with no marks (5 rejected rows added 5 empty pupils):
 * register files add only the pupils they bring marks or totals for. Returns how many were dropped.
 */
function dropPupilsWithoutData(b: RegisterBuilder, layout: Mapping['layout']): number {
  if (layout !== 'long' && layout !== 'wide' && layout !== 'summary') return 0;
  const withTotals = new Set(b.totals.map((t) => t.pupilId));
  let dropped = 0;
  for (const [id, e] of b.pupils)
    if (e.years.size === 0 && !withTotals.has(id)) {
      b.pupils.delete(id);
      dropped++;
    }
  return dropped;
}
