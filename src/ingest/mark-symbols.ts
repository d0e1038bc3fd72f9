/**
 * Register symbols → mark ids, including vendor subcodes and runs of marks in one cell.
 *
 * Two-character codes (C1, C2, J1, Y1–Y7) make a run like "C1" ambiguous: C then an unknown "1",
 * or the code C1? The rule, in order:
 *  1. a cell with commas is a list: each item is one code;
 *  2. a cell of exactly `slots` characters is one character per slot (so "C1" can never appear there);
 *  3. a cell of exactly 2 × `slots` characters is two characters per slot, each pair trimmed
 *     (exports that pad one-character codes with a space);
 *  4. otherwise read greedily, taking C1/C2/J1/Y1–Y7 as one code; if the count still differs from `slots`,
 *     the caller reports the cell.
 */
import { CODE_BY_ID, codeFor, NO_MARK } from '../domain/codes';

export type MarkRead = { id: number; via?: 'subcode' | 'case' } | { unknown: string };

/** Characters that mean "no mark here" inside a run or as a whole cell. */
export function isNoMark(s: string): boolean {
  return s === '' || s === '-' || s === '.' || s === ' ' || s === '_';
}

const cache = new Map<string, MarkRead>();

/** Read one code as written. Blank or '-' is NO_MARK. Subcodes (I01, X05) map to their parent code. */
export function readMark(raw: string): MarkRead {
  const hit = cache.get(raw);
  if (hit) return hit;
  const r = readUncached(raw);
  if (cache.size < 10_000) cache.set(raw, r);
  return r;
}

function readUncached(raw: string): MarkRead {
  const s = raw.trim();
  if (isNoMark(s)) return { id: NO_MARK };
  const exact = codeFor(s);
  if (exact) return { id: exact.id };
  const upper = codeFor(s.toUpperCase());
  if (upper) return { id: upper.id, via: 'case' };
  const sub = /^([A-Za-z])0\d$/.exec(s);
  if (sub) {
    const parent = codeFor(sub[1].toUpperCase());
    if (parent) return { id: parent.id, via: 'subcode' };
  }
  return { unknown: s };
}

const PAIR_SECOND: Record<string, RegExp> = { C: /[12]/, J: /1/, Y: /[1-7]/ };

/** Split a cell of marks into one token per slot, following the rule at the top of this file. */
export function splitMarks(cell: string, slots: number): string[] {
  if (cell.includes(',')) return cell.split(',').map((t) => t.trim());
  if (cell.length === slots) return [...cell];
  if (cell.length === slots * 2) {
    const out: string[] = [];
    for (let i = 0; i < cell.length; i += 2) out.push(cell.slice(i, i + 2).trim());
    return out;
  }
  const out: string[] = [];
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    const second = PAIR_SECOND[ch.toUpperCase()];
    if (second && i + 1 < cell.length && second.test(cell[i + 1])) {
      out.push(cell.slice(i, i + 2));
      i++;
    } else out.push(ch);
  }
  return out;
}

export function isLegacy(id: number): boolean {
  return !!CODE_BY_ID[id]?.legacy;
}
