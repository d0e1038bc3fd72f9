/**
 * Reading one cell: dates, sessions, flags, percentages and pupil attributes as MIS exports write them.
 * Each reader returns undefined (or a reason) for what it cannot read; callers turn that into an issue.
 */
import type { SenStatus } from '../domain/register';

export type DateRead = { iso: string; minutes?: number } | { bad: 'impossible' | 'unreadable' };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]+(.*))?$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(.*))?$/;
const D_MON_Y = /^(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{2}|\d{4})(?:[ T]+(.*))?$/;

function fullYear(y: string): number {
  const n = +y;
  // Excel re-saves shorten years to two digits; registers are recent, so 00–69 means 2000s.
  return y.length === 4 ? n : n < 70 ? 2000 + n : 1900 + n;
}

function build(y: number, m: number, d: number, rest: string | undefined): DateRead {
  if (m < 1 || m > 12 || d < 1 || d > 31) return { bad: 'impossible' };
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return { bad: 'impossible' }; // 31/02 rolls into March
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (rest === undefined || rest.trim() === '') return { iso };
  const minutes = parseTime(rest);
  return minutes === undefined ? { iso } : { iso, minutes };
}

/** dd/mm/yyyy, d/m/yy (Excel), yyyy-mm-dd, d-MMM-yy, d MMMM yyyy; an optional time after the date. UK order only. */
export function parseDate(raw: string): DateRead {
  const s = raw.trim();
  let m = DMY.exec(s);
  if (m) return build(fullYear(m[3]), +m[2], +m[1], m[4]);
  m = YMD.exec(s);
  if (m) return build(+m[1], +m[2], +m[3], m[4]);
  m = D_MON_Y.exec(s);
  if (m) {
    const mon =
      MONTHS[m[2].toLowerCase().slice(0, m[2].length === 4 ? 4 : 3)] ??
      MONTHS[m[2].toLowerCase().slice(0, 3)];
    if (!mon) return { bad: 'unreadable' };
    return build(fullYear(m[3]), mon, +m[1], m[4]);
  }
  return { bad: 'unreadable' };
}

/** Minutes after midnight for 09:00, 9:05:00, 1:30 PM, 13.30; undefined otherwise. */
export function parseTime(raw: string): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([AaPp][Mm])?$/.exec(raw.trim());
  if (!m) return undefined;
  let h = +m[1];
  const min = +m[2];
  if (h > 23 || min > 59) return undefined;
  if (m[3]) {
    const pm = m[3].toLowerCase() === 'pm';
    if (h > 12) return undefined;
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  return h * 60 + min;
}

/** 0 AM, 1 PM, undefined when unreadable. Times before noon are the morning session. */
export function parseSession(raw: string): 0 | 1 | undefined {
  if (raw === 'AM') return 0; // the usual case, once per row
  if (raw === 'PM') return 1;
  const s = raw.trim().toUpperCase();
  if (s === 'AM' || s === 'A' || s === 'MORNING' || s === 'MORN' || s === 'AM1') return 0;
  if (s === 'PM' || s === 'P' || s === 'AFTERNOON' || s === 'AFT' || s === 'PM1') return 1;
  const t = parseTime(s);
  if (t !== undefined) return t < 12 * 60 ? 0 : 1;
  return undefined;
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', 'x', '-1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '']);

export function parseFlag(raw: string): boolean | undefined {
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** '93.5%', '93.5', '0.935' is left as written: callers decide the scale. */
export function parsePercent(raw: string): number | undefined {
  const s = raw.trim().replace(/%$/, '').trim();
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return +s;
}

export function parseCount(raw: string): number | undefined {
  // Plain digits, the usual cell: read without the trim, replace and regex below (several counts per row).
  const n = raw.length;
  if (n > 0 && n <= 9) {
    let v = 0;
    let k = 0;
    for (; k < n; k++) {
      const d = raw.charCodeAt(k) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (k === n) return v;
  }
  const s = raw.trim().replace(/,/g, '');
  if (!/^\d+(\.0+)?$/.test(s)) return undefined;
  return +s;
}

export function parseSex(raw: string): 'F' | 'M' | 'other' | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '') return undefined;
  if (s === 'f' || s === 'female' || s === 'girl') return 'F';
  if (s === 'm' || s === 'male' || s === 'boy') return 'M';
  return 'other';
}

export function parseSen(raw: string): SenStatus | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '') return undefined;
  if (s === 'n' || s === 'none' || s === 'no' || s === 'false') return 'none';
  if (s === 'k' || s.includes('support') || s === 'yes' || s === 'y') return 'support';
  if (s === 'e' || s === 's' || s.includes('ehc') || s.includes('statement')) return 'ehcp';
  return undefined;
}

/** 'Year 7', 'Y7', 'NC Year 7', '7' → '7'; 'Reception', 'R', 'Rec' → 'R'; anything else as written. */
export function parseYearGroup(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  // The usual cell ("7", "10"), as the pattern below would read it, without two regular expressions per pupil.
  const d0 = s.charCodeAt(0) - 48;
  const d1 = s.length === 2 ? s.charCodeAt(1) - 48 : 0;
  if (s.length <= 2 && d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9) return String(+s);
  if (/^(r|rec|reception)$/i.test(s)) return 'R';
  const m = /^(?:nc\s*)?(?:year|yr|y)?\s*(\d{1,2})$/i.exec(s);
  return m ? String(+m[1]) : s;
}

/** A value that a spreadsheet would run as a formula if the data were re-exported: kept as text, reported. */
export function looksLikeFormula(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c === 61 || c === 43 || c === 64) && s.length > 1; // = + @ (a lone '-' is "no mark")
}
