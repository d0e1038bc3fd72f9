/**
 * Counting marks over a range of slots. These loops run once per pupil per view over up to
 * 50,000 pupils, so they index flat lookup tables and allocate nothing per slot.
 */
import { CAT, CATEGORY_OF, CODE_BY_ID, CODES, NO_MARK, type CodeReason } from './codes';

export interface Tally {
  /** Possible sessions: present + aea + authorised + unauthorised. */
  possible: number;
  present: number;
  /** Approved educational activity (off-site attendance: K, V, P, W, B, legacy J). */
  aea: number;
  authorised: number;
  unauthorised: number;
  /** present + aea. */
  attended: number;
  /** authorised + unauthorised. */
  absent: number;
  /** Marks that are not possible sessions (D, X, Y1–Y7, Q, legacy Y). */
  notPossible: number;
  /** Administrative marks (Z not on roll, # planned closure): also outside possible sessions. */
  administrative: number;
  /** Late marks: L (counts as present) and U (counts as unauthorised). */
  lates: number;
  /** Slots with no mark at all, whether or not the school was open. */
  missing: number;
}

/** 1 for the late codes (L, U), by mark id. */
const LATE_OF: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const c of CODES) if (c.reason === 'late') t[c.id] = 1;
  return t;
})();

export function emptyTally(): Tally {
  return {
    possible: 0,
    present: 0,
    aea: 0,
    authorised: 0,
    unauthorised: 0,
    attended: 0,
    absent: 0,
    notPossible: 0,
    administrative: 0,
    lates: 0,
    missing: 0,
  };
}

/** Per mark id: its CAT number, with 7 standing for "no mark"; unknown ids stay 0 and are not counted. */
const KIND: Uint8Array = (() => {
  const t = CATEGORY_OF.slice();
  t[NO_MARK] = 7;
  return t;
})();

/** Reused counters (calls are synchronous), so a tally allocates only its result. */
const COUNTS = new Int32Array(8);

export function tallyMarks(marks: Uint8Array, from = 0, to = marks.length): Tally {
  // One table lookup and one increment per slot, no branches: this runs over every pupil.
  const kind = KIND;
  const late = LATE_OF;
  const n = COUNTS.fill(0);
  let lates = 0;
  const end = Math.min(to, marks.length);
  for (let i = Math.max(0, from); i < end; i++) {
    const id = marks[i];
    n[kind[id]]++;
    lates += late[id];
  }
  const t = emptyTally();
  t.present = n[CAT.present];
  t.aea = n[CAT.aea];
  t.authorised = n[CAT.authorised];
  t.unauthorised = n[CAT.unauthorised];
  t.attended = t.present + t.aea;
  t.absent = t.authorised + t.unauthorised;
  t.possible = t.attended + t.absent;
  t.notPossible = n[CAT.notPossible];
  t.administrative = n[CAT.admin];
  t.lates = lates;
  t.missing = n[7];
  return t;
}

/** Adds b into a (pooling a group's tallies without allocating). */
export function addTally(a: Tally, b: Tally): Tally {
  a.possible += b.possible;
  a.present += b.present;
  a.aea += b.aea;
  a.authorised += b.authorised;
  a.unauthorised += b.unauthorised;
  a.attended += b.attended;
  a.absent += b.absent;
  a.notPossible += b.notPossible;
  a.administrative += b.administrative;
  a.lates += b.lates;
  a.missing += b.missing;
  return a;
}

export const CODE_REASONS: readonly CodeReason[] = [
  'present',
  'late',
  'aea',
  'illness',
  'medical',
  'holiday',
  'exclusion',
  'other-authorised',
  'other-unauthorised',
  'no-reason',
  'not-counted',
  'closure',
];

/** Marks per reason group (slots with no mark are not counted). */
export function reasonCounts(marks: Uint8Array, from = 0, to = marks.length): Record<CodeReason, number> {
  const byId = new Uint32Array(256);
  const end = Math.min(to, marks.length);
  for (let i = Math.max(0, from); i < end; i++) byId[marks[i]]++;
  const out = Object.fromEntries(CODE_REASONS.map((r) => [r, 0])) as Record<CodeReason, number>;
  for (let id = 1; id < 256; id++) {
    const c = CODE_BY_ID[id];
    if (c && byId[id]) out[c.reason] += byId[id];
  }
  return out;
}

/** Marks per register symbol, e.g. 'I' → 4; only symbols that occur. Unknown ids appear as '?'. */
export function codeCounts(marks: Uint8Array, from = 0, to = marks.length): Map<string, number> {
  const byId = new Uint32Array(256);
  const end = Math.min(to, marks.length);
  for (let i = Math.max(0, from); i < end; i++) byId[marks[i]]++;
  const out = new Map<string, number>();
  for (let id = 1; id < 256; id++) {
    if (!byId[id]) continue;
    const sym = CODE_BY_ID[id]?.code ?? '?';
    out.set(sym, (out.get(sym) ?? 0) + byId[id]);
  }
  return out;
}
