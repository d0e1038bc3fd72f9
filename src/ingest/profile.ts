/**
 * What a column's values are, as shares of its non-blank sample cells: register codes, runs of codes,
 * dates, sessions, UPNs with a valid check letter. Columns are chosen by these shares, not by header
 * words alone: an export can hold both a raw mark column (`/`, `I`) and a descriptive one (`PRESENT_AM`).
 */
import { validateUpn } from '../domain/upn';
import { isNoMark, readMark, splitMarks } from './mark-symbols';
import { parseDate, parseSession } from './values';

export interface ColumnProfile {
  /** Non-blank cells in the sample. */
  filled: number;
  /** One register code per cell (`/`, `I`, `C1`, a subcode), not a number. */
  mark: number;
  /** A run of at least six codes in one cell (`/,\,L,\,I,I` or `//\\LN`): a period's marks. */
  run: number;
  date: number;
  session: number;
  /** A 13-character UPN whose check letter is right (or a temporary UPN). */
  upn: number;
}

const UPN_SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;

/**
 * Six or more codes, with a comma or a present / no-mark symbol among them: a word such as MORNING is also
 * a run of valid letters, but never has those.
 */
function isRun(s: string): boolean {
  if (!/[,/\\#.-]/.test(s)) return false;
  const tokens = splitMarks(s, -1);
  if (tokens.length < 6) return false;
  let ok = 0;
  for (const t of tokens) if (isNoMark(t) || 'id' in readMark(t)) ok++;
  return ok >= tokens.length * 0.9;
}

export function profileColumn(values: readonly string[]): ColumnProfile {
  const v = values.map((x) => x.trim()).filter((x) => x !== '');
  const n = v.length;
  const share = (f: (s: string) => boolean) => (n === 0 ? 0 : v.filter(f).length / n);
  return {
    filled: n,
    mark: share((s) => s.length <= 3 && !/^\d+$/.test(s) && 'id' in readMark(s)),
    run: share(isRun),
    date: share((s) => 'iso' in parseDate(s)),
    session: share((s) => parseSession(s) !== undefined && !/^\d+$/.test(s)),
    upn: share((s) => {
      const u = s.toUpperCase();
      if (!UPN_SHAPE.test(u)) return false;
      const c = validateUpn(u);
      return c.valid || !!c.temporary;
    }),
  };
}

/** A share as the preview words it: "100%". */
export function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}
