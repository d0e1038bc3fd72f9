/**
 * Excel workbooks (.xlsx): unzipped with fflate, the sheet's XML streamed through saxes (xml.ts), and turned into
 * rows of text for the same layout readers as a CSV — a title row above the header stays a title row, date
 * cells become dd/mm/yyyy, numbers are written as numbers (no float noise), shared strings are looked up.
 * The first sheet with data is read unless the user chose another; every sheet's name is reported.
 */
import { unzipSync } from 'fflate';
import type { ByteSource } from './source';
import type { RowTable } from './table';
import { UnreadableFile } from './table';
import { writeBytes, xmlStream } from './xml';

interface Book {
  files: Record<string, Uint8Array>;
  sheets: { name: string; path: string }[];
  shared: string[];
  /** Per style index: whether its number format is a date (or time). */
  dateStyle: boolean[];
  date1904: boolean;
}

/** Entry names of a zip, without inflating anything (to tell .xlsx from .docx and other zips). */
export function zipNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    // a damaged or cut-off zip: the names read so far
  }
  return names;
}

function parseXml(bytes: Uint8Array | undefined, h: Parameters<typeof xmlStream>[0]): void {
  if (!bytes) return;
  const x = xmlStream(h);
  const d = new TextDecoder('utf-8');
  writeBytes(x, d, bytes);
  x.write(d.decode());
  x.close();
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A custom number format that shows a date or time: d, m, y, h or s outside quotes and [colour] brackets. */
function isDateFormat(code: string): boolean {
  const bare = code
    .split(';')[0]
    .replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')
    .toLowerCase();
  return /[dyhs]/.test(bare) || /m/.test(bare.replace(/general/g, ''));
}

function openBook(bytes: Uint8Array, name: string): Book {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) =>
        f.name === 'xl/workbook.xml' ||
        f.name === 'xl/_rels/workbook.xml.rels' ||
        f.name === 'xl/sharedStrings.xml' ||
        f.name === 'xl/styles.xml' ||
        f.name.startsWith('xl/worksheets/'),
    });
  } catch (e) {
    throw new UnreadableFile(
      `${name} looks like an Excel workbook but could not be opened (${(e as Error).message}). It may be damaged or password-protected: open it in Excel and save it again, or save it as CSV.`,
    );
  }
  const rels = new Map<string, string>();
  parseXml(files['xl/_rels/workbook.xml.rels'], {
    open(n, a) {
      if (n === 'Relationship' && a.Id && a.Target)
        rels.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
    },
    close() {},
    text() {},
  });
  const sheets: Book['sheets'] = [];
  let date1904 = false;
  parseXml(files['xl/workbook.xml'], {
    open(n, a) {
      if (n === 'sheet') {
        const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
        sheets.push({ name: a.name ?? `Sheet ${sheets.length + 1}`, path: rels.get(id) ?? '' });
      } else if (n === 'workbookPr' && (a.date1904 === '1' || a.date1904 === 'true')) date1904 = true;
    },
    close() {},
    text() {},
  });
  const shared: string[] = [];
  let si: string | null = null;
  let inT = false;
  let inRph = false;
  parseXml(files['xl/sharedStrings.xml'], {
    open(n) {
      if (n === 'si') si = '';
      else if (n === 't') inT = true;
      else if (n === 'rPh') inRph = true; // phonetic guide text is not part of the value
    },
    close(n) {
      if (n === 'si') {
        shared.push(si ?? '');
        si = null;
      } else if (n === 't') inT = false;
      else if (n === 'rPh') inRph = false;
    },
    text(t) {
      if (si !== null && inT && !inRph) si += t;
    },
  });
  const custom = new Map<number, string>();
  const dateStyle: boolean[] = [];
  let inXfs = false;
  parseXml(files['xl/styles.xml'], {
    open(n, a) {
      if (n === 'numFmt') custom.set(+a.numFmtId, a.formatCode ?? '');
      else if (n === 'cellXfs') inXfs = true;
      else if (n === 'xf' && inXfs) {
        const id = +(a.numFmtId ?? 0);
        dateStyle.push(BUILTIN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!)));
      }
    },
    close(n) {
      if (n === 'cellXfs') inXfs = false;
    },
    text() {},
  });
  return { files, sheets, shared, dateStyle, date1904 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel serial day number as dd/mm/yyyy (with hh:mm when it has a time; hh:mm alone below 1). */
export function serialToText(serial: number, date1904 = false): string {
  const days = Math.floor(serial);
  const minutes = Math.round((serial - days) * 1440);
  const time = `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
  if (days === 0 && !date1904) return time;
  // 1900 system: serial 25569 is 1 January 1970 (Excel's phantom 29 Feb 1900 sits below serial 61).
  const ms = (days - (date1904 ? 24107 : 25569)) * 86_400_000;
  const d = new Date(ms);
  const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return minutes ? `${date} ${time}` : date;
}

/** A numeric cell as written, without binary noise (0.1 + 0.2 stored as 0.30000000000000004 → "0.3"). */
function numberText(v: string): string {
  const n = Number(v);
  return Number.isFinite(n) ? String(Number(n.toPrecision(12))) : v;
}

/** Column index of a cell reference ("C12" → 2). */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return c - 1;
}

/** Reads the sheet's rows; returns false when the sheet has no cell with a value. */
function readSheet(book: Book, path: string, sink: (f: string[], line: number) => void): boolean {
  let row: string[] = [];
  let rowNumber = 0;
  let any = false;
  let type = '';
  let style = 0;
  let col = -1;
  let value = '';
  let inValue = false;
  parseXml(book.files[path], {
    open(n, a) {
      if (n === 'row') {
        row = [];
        rowNumber = a.r ? +a.r : rowNumber + 1;
        col = -1;
      } else if (n === 'c') {
        col = a.r ? columnOf(a.r) : col + 1;
        type = a.t ?? 'n';
        style = a.s ? +a.s : 0;
        value = '';
      } else if (n === 'v' || (n === 't' && type === 'inlineStr')) inValue = true;
    },
    text(t) {
      if (inValue) value += t;
    },
    close(n) {
      if (n === 'v' || n === 't') inValue = false;
      else if (n === 'c') {
        let text = value;
        if (type === 's') text = book.shared[+value] ?? '';
        else if (type === 'b') text = value === '1' ? 'TRUE' : 'FALSE';
        else if (type === 'n' && value !== '')
          text = book.dateStyle[style] ? serialToText(+value, book.date1904) : numberText(value);
        while (row.length < col) row.push('');
        row[col] = text;
        if (text.trim() !== '') any = true;
      } else if (n === 'row') sink(row, rowNumber);
    },
  });
  return any;
}

export function xlsxTable(src: ByteSource, bytes: Uint8Array, sheet?: string): RowTable {
  const book = openBook(bytes, src.name);
  const names = book.sheets.map((s) => s.name);
  // The chosen sheet, else the first with data: read it once and keep its rows (a school's sheet is small).
  let rows: { fields: string[]; line: number }[] = [];
  let used = '';
  for (const s of book.sheets) {
    if (sheet !== undefined && s.name !== sheet) continue;
    const got: typeof rows = [];
    if (readSheet(book, s.path, (fields, line) => got.push({ fields, line }))) {
      rows = got;
      used = s.name;
      break;
    }
  }
  if (!used)
    throw new UnreadableFile(
      sheet !== undefined && !names.includes(sheet)
        ? `${src.name} has no sheet called "${sheet}" (its sheets: ${names.join(', ')}).`
        : `${src.name} is an Excel workbook with no data in ${sheet !== undefined ? `sheet "${sheet}"` : 'any sheet'}.`,
    );
  const others = names.filter((n) => n !== used);
  return {
    format: 'xlsx',
    note: `Excel workbook: read sheet “${used}”${others.length ? ` (the workbook also has ${others.map((n) => `“${n}”`).join(', ')})` : ''}.`,
    sheets: names,
    async rows(sink, opts = {}) {
      for (const r of rows) {
        if (opts.stop?.()) return;
        sink(r.fields, r.line);
      }
      opts.onProgress?.(src.size, src.size);
    },
  };
}
