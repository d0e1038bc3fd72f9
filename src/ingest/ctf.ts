/**
 * The Common Transfer File (CTF XML), which every MIS in England can export: per pupil the UPN, names, date of
 * birth, sex, NC year and `Attendance/YearData` — session totals (`SessionsPossible`, `SessionsAttended`,
 * `SessionsAuthorised`, `SessionsUnauthorised`) and, when the MIS includes them, `AttendSessions` with an
 * `AttendanceStartDate` and the `AttendanceMarks` from it (one per weekday session, comma-separated).
 * Streamed: each pupil becomes a row (one per YearData) for the start-date reader (start-date.ts), which
 * reads the marks when present and the totals otherwise, and reports totals that disagree with the marks.
 * Totals without marks run from 1 September of their year: to the file's export date (`Header/DateTime`) in
 * the school year the file was made, since a CTF made in January counts only the year so far; to 31 August
 * for earlier years. Marks need no end: they stop where the marks stop.
 */
import { schoolYearOf } from '../domain/register';
import type { Mapping } from './columns';
import type { ByteSource } from './source';
import { CHUNK_BYTES } from './source';
import type { RowTable } from './table';
import { writeBytes, xmlStream } from './xml';

const PIECE = 64 * 1024;

export const CTF_HEADERS = [
  'UPN',
  'Surname',
  'Forename',
  'DOB',
  'Sex',
  'NC Year',
  'SEN',
  'StartDate',
  'AttendanceMarks',
  'SessionsPossible',
  'SessionsAttended',
  'SessionsAuthorised',
  'SessionsUnauthorised',
  'EndDate',
] as const;

const MAPPING: Mapping = {
  layout: 'start-date',
  columns: {
    upn: 'UPN',
    surname: 'Surname',
    forename: 'Forename',
    dob: 'DOB',
    sex: 'Sex',
    yearGroup: 'NC Year',
    sen: 'SEN',
    startDate: 'StartDate',
    marksRun: 'AttendanceMarks',
    possible: 'SessionsPossible',
    attended: 'SessionsAttended',
    authorised: 'SessionsAuthorised',
    unauthorised: 'SessionsUnauthorised',
    endDate: 'EndDate',
  },
};
const END = 13;

/** The export date from a header's `DateTime` (`2025-01-15T10:32:00`), or undefined when not a date. */
function exportDate(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(text.trim());
  const t = m ? Date.parse(`${m[1]}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(m![1]) ? m![1] : undefined;
}

/** Pupil elements read, by the element's name (the last one of the name wins, e.g. a later SEN record). */
const PUPIL_FIELDS: Record<string, number> = {
  UPN: 0,
  Surname: 1,
  Forename: 2,
  DOB: 3,
  Sex: 4,
  Gender: 4,
  NCyearActual: 5,
  SENprovision: 6,
};
const YEAR_FIELDS: Record<string, number> = {
  AttendanceStartDate: 7,
  AttendanceMarks: 8,
  SessionsPossible: 9,
  SessionsAttended: 10,
  SessionsAuthorised: 11,
  SessionsUnauthorised: 12,
};

export function ctfTable(src: ByteSource): RowTable {
  return {
    format: 'ctf',
    note: 'Common Transfer File (CTF XML): marks from each pupil’s attendance start date, or session totals where the file has no marks.',
    mapping: MAPPING,
    async rows(sink, opts = {}) {
      sink([...CTF_HEADERS], 1);
      let pupil: string[] | null = null;
      let pupilLine = 0;
      let years: string[][] = [];
      let year: string[] | null = null;
      let yearNumber = '';
      let field = -1;
      let inYearTag = false;
      let text = '';
      let inHeader = false;
      let inDate = false;
      let dateText: string | undefined;
      let fileDate: string | undefined;
      /** Totals-only YearData read to 31 August because the file gives no export date. */
      let undated = 0;
      const x = xmlStream({
        open(name) {
          if (name === 'Header' && !pupil) inHeader = true;
          else if (inHeader && name === 'DateTime') {
            dateText = '';
            inDate = true;
            return;
          }
          if (name === 'Pupil') {
            pupil = new Array<string>(CTF_HEADERS.length).fill('');
            pupilLine = x.line;
            years = [];
          } else if (!pupil) return;
          else if (name === 'YearData') {
            year = new Array<string>(CTF_HEADERS.length).fill('');
            yearNumber = '';
          } else if (year && name === 'Year') inYearTag = true;
          field = year ? (YEAR_FIELDS[name] ?? -1) : (PUPIL_FIELDS[name] ?? -1);
          text = '';
        },
        text(t) {
          if (field >= 0 || inYearTag) text += t;
          else if (inDate) dateText += t;
        },
        close(name) {
          if (inHeader) {
            if (name === 'DateTime' && inDate) {
              fileDate = exportDate(dateText ?? '');
              inDate = false;
            } else if (name === 'Header') inHeader = false;
            return;
          }
          if (!pupil) return;
          if (inYearTag && name === 'Year') {
            yearNumber = text.trim();
            inYearTag = false;
          } else if (field >= 0) (year ?? pupil)[field] = text.trim();
          field = -1;
          if (name === 'YearData' && year) {
            // Totals without marks cover the school year the YearData names, up to the export if made in it.
            if (!year[7] && /^\d{4}$/.test(yearNumber)) {
              year[7] = `${yearNumber}-09-01`;
              if (!fileDate) undated++;
              else if (schoolYearOf(fileDate) === Number(yearNumber)) year[END] = fileDate;
            }
            years.push(year);
            year = null;
          } else if (name === 'Pupil') {
            const p: string[] = pupil;
            pupil = null;
            if (years.length === 0) sink(p, pupilLine);
            for (const y of years) {
              const row = p.slice();
              for (let k = 7; k < row.length; k++) row[k] = y[k];
              sink(row, pupilLine);
            }
          }
        },
      });
      const decoder = new TextDecoder('utf-8');
      for (let at = 0; at < src.size; at += CHUNK_BYTES) {
        if (opts.signal?.aborted) throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' });
        if (opts.stop?.()) return;
        const bytes = await src.read(at, Math.min(CHUNK_BYTES, src.size - at));
        // In 64 KB pieces, so reading only the start (inspect) stops soon after its first rows.
        for (let k = 0; k < bytes.length; k += PIECE) {
          writeBytes(x, decoder, bytes.subarray(k, Math.min(bytes.length, k + PIECE)));
          if (opts.stop?.()) return;
        }
        opts.onProgress?.(Math.min(src.size, at + bytes.length), src.size);
      }
      x.write(decoder.decode());
      x.close();
      if (undated)
        opts.onIssue?.(
          0,
          'DateTime',
          'no-export-date',
          'warning',
          `${dateText?.trim() ? `The file's export date "${dateText.trim()}" could not be read` : 'The file gives no export date (Header DateTime)'}, so ${undated} pupil year(s) of session totals were read as covering the whole school year to 31 August. If the file was made part-way through the year, its totals are only the year so far.`,
        );
    },
  };
}
