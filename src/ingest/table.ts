/**
 * Files that are not delimited text: what kind they are (by their first bytes, never the name alone), and for
 * the kinds the importer reads (CTF XML, .xlsx) their rows, handed to the same layout readers as a CSV's.
 * Kinds it does not read (.xls, .ods, PDF, Word, images, zip) are named with how to save the data as CSV.
 */
import type { Mapping } from './columns';
import type { Severity } from './issues';

export interface RowSink {
  /** One row of cells; `line` names it in issues (the sheet's row number, the XML line of a CTF pupil). */
  (fields: string[], line: number): void;
}

export interface RowTable {
  format: 'xlsx' | 'ctf';
  /** What was read, in words for the preview ("Excel workbook: sheet “Attendance”…"). */
  note: string;
  /** Other sheets the user may choose instead (xlsx). */
  sheets?: string[];
  /** The mapping the format itself defines (CTF); the header row is then the table's own. */
  mapping?: Mapping;
  /** Every row in order, header first. Stops early when `stop()` returns true (reading only the start). */
  rows(
    sink: RowSink,
    opts?: {
      signal?: AbortSignal;
      onProgress?: (done: number, total: number) => void;
      stop?: () => boolean;
      /** A problem with the file as a whole that only the format sees (a CTF without its export date). */
      onIssue?: (line: number, column: string, code: string, severity: Severity, message: string) => void;
    },
  ): Promise<void>;
}

/** A file the importer cannot read, with what it is and what to do, in the officer's words. */
export class UnreadableFile extends Error {
  override name = 'UnreadableFile';
}

export type FileKind =
  'text' | 'xlsx' | 'ctf' | 'xls' | 'ods' | 'pdf' | 'docx' | 'pptx' | 'image' | 'zip' | 'excel-xml' | 'xml';

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** What a file is, from its first bytes (and a zip's entry names). */
export function sniffKind(head: Uint8Array, zipNames?: () => string[]): FileKind {
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipNames?.() ?? [];
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.includes('word/document.xml')) return 'docx';
    if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
    const text = new TextDecoder().decode(head.subarray(0, 200));
    if (text.includes('application/vnd.oasis.opendocument')) return 'ods';
    return 'zip';
  }
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (starts(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (
    starts(head, [0x89, 0x50, 0x4e, 0x47]) ||
    starts(head, [0xff, 0xd8, 0xff]) ||
    starts(head, [0x47, 0x49, 0x46, 0x38]) ||
    starts(head, [0x49, 0x49, 0x2a, 0x00]) ||
    starts(head, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (starts(head, [0x52, 0x49, 0x46, 0x46]) && starts(head, [0x57, 0x45, 0x42, 0x50], 8))
  )
    return 'image';
  const text = new TextDecoder().decode(head.subarray(0, 64 * 1024)).replace(/^\uFEFF/, '');
  if (/^\s*</.test(text)) {
    if (/<(\w+:)?CTfile[\s>]/.test(text)) return 'ctf';
    if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'excel-xml';
    if (/^\s*<\?xml/.test(text)) return 'xml';
  }
  return 'text';
}

const EXCEL_SAVE = 'choose File → Save As → "CSV UTF-8 (Comma delimited)"';

/** The message for a kind the importer does not read; undefined for the kinds it reads. */
export function unreadableMessage(kind: FileKind, name: string): string | undefined {
  switch (kind) {
    case 'xls':
      return `${name} is an Excel 97–2003 workbook (.xls), an old format this app does not read. Open it in Excel, ${EXCEL_SAVE} or "Excel Workbook (.xlsx)", then import the new file.`;
    case 'ods':
      return `${name} is an OpenDocument spreadsheet (.ods). Open it in LibreOffice Calc and choose File → Save As → "Text CSV (.csv)", then import the CSV file.`;
    case 'pdf':
      return `${name} is a PDF document: its marks are a printed page, not data. Export the same report from your MIS as CSV (or Excel .xlsx) and import that.`;
    case 'docx':
      return `${name} is a Word document. Export the register from your MIS as CSV (or Excel .xlsx) instead, or copy the table into Excel, ${EXCEL_SAVE} and import that.`;
    case 'pptx':
      return `${name} is a PowerPoint presentation, not a register export. Export the register from your MIS as CSV.`;
    case 'image':
      return `${name} is a picture (a screenshot or scan), which has no data to read. Export the register from your MIS as CSV (or Excel .xlsx).`;
    case 'zip':
      return `${name} is a zip archive. Unzip it (right-click → Extract All) and import the CSV, .xlsx or CTF files inside.`;
    case 'excel-xml':
      return `${name} is an Excel 2003 XML spreadsheet. Open it in Excel, ${EXCEL_SAVE}, then import the new file.`;
    case 'xml':
      return `${name} is an XML file but not a Common Transfer File (no <CTfile> element). Export a CTF, or the register as CSV, from your MIS.`;
    default:
      return undefined;
  }
}
