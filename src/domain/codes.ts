/**
 * The national attendance code table, loaded from versioned data (codes.json).
 * A mark is stored as a small integer id (see codes.json); 0 means "no mark recorded".
 * Everything that needs to know what a code counts as asks this module: no scattered literals.
 */
import table from './codes.json';

/** How a mark counts in the national statistics. */
export type CodeCategory =
  'present' | 'aea' | 'authorised' | 'unauthorised' | 'not-possible' | 'administrative';

/** Finer reason groups used by features, charts and explanations. */
export type CodeReason =
  | 'present'
  | 'late'
  | 'aea'
  | 'illness'
  | 'medical'
  | 'holiday'
  | 'exclusion'
  | 'other-authorised'
  | 'other-unauthorised'
  | 'no-reason'
  | 'not-counted'
  | 'closure';

export interface AttendanceCode {
  id: number;
  code: string;
  meaning: string;
  category: CodeCategory;
  reason: CodeReason;
  /** Counts towards possible sessions (the denominator). */
  possible: boolean;
  /** ISO date the code stopped being valid, for legacy codes. */
  withdrawn?: string;
  legacy?: boolean;
  unconfirmed?: boolean;
}

export const NO_MARK = 0;

const POSSIBLE: ReadonlySet<CodeCategory> = new Set(['present', 'aea', 'authorised', 'unauthorised']);

export const CODES: readonly AttendanceCode[] = table.codes.map((c) => ({
  ...(c as Omit<AttendanceCode, 'possible' | 'category' | 'reason'>),
  category: c.category as CodeCategory,
  reason: c.reason as CodeReason,
  possible: POSSIBLE.has(c.category as CodeCategory),
}));

/** Lookup by id: CODE_BY_ID[id]; index 0 (no mark) is undefined. */
export const CODE_BY_ID: readonly (AttendanceCode | undefined)[] = (() => {
  const byId: (AttendanceCode | undefined)[] = [];
  for (const c of CODES) byId[c.id] = c;
  return byId;
})();

const BY_CODE = new Map(CODES.map((c) => [c.code, c]));

/** Find a code by its register symbol, exactly as written (case-sensitive: codes are upper case). */
export function codeFor(symbol: string): AttendanceCode | undefined {
  return BY_CODE.get(symbol);
}

export function markId(symbol: string): number {
  const c = BY_CODE.get(symbol);
  if (!c) throw new Error(`Unknown attendance code "${symbol}"`);
  return c.id;
}

export function symbolOf(id: number): string {
  return id === NO_MARK ? '' : (CODE_BY_ID[id]?.code ?? '?');
}

/**
 * Fast per-id lookup tables for hot loops over Uint8Array marks.
 * CATEGORY_OF[id]: 0 none, 1 present, 2 aea, 3 authorised, 4 unauthorised, 5 not-possible, 6 administrative.
 */
export const CAT = {
  none: 0,
  present: 1,
  aea: 2,
  authorised: 3,
  unauthorised: 4,
  notPossible: 5,
  admin: 6,
} as const;
const CAT_INDEX: Record<CodeCategory, number> = {
  present: CAT.present,
  aea: CAT.aea,
  authorised: CAT.authorised,
  unauthorised: CAT.unauthorised,
  'not-possible': CAT.notPossible,
  administrative: CAT.admin,
};
export const CATEGORY_OF: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const c of CODES) t[c.id] = CAT_INDEX[c.category];
  return t;
})();

export function isPossible(id: number): boolean {
  const k = CATEGORY_OF[id];
  return k >= CAT.present && k <= CAT.unauthorised;
}
export function isAbsence(id: number): boolean {
  const k = CATEGORY_OF[id];
  return k === CAT.authorised || k === CAT.unauthorised;
}
export function isAttendance(id: number): boolean {
  const k = CATEGORY_OF[id];
  return k === CAT.present || k === CAT.aea;
}

/** True when a legacy code is used on a date after it was withdrawn. */
export function usedAfterWithdrawal(code: AttendanceCode, isoDate: string): boolean {
  return !!code.withdrawn && isoDate >= code.withdrawn;
}
