/**
 * Pure merge rules for re-imports. Registers never close: a later export of the same dates must overwrite
 * the earlier marks, never append; dates the later file did not cover keep their old marks.
 */
import type { Pupil, PupilYear } from '../domain/register';
import { NO_MARK } from '../domain/codes';

/**
 * Which slots a file covered, as one byte per slot (1 = covered).
 * Accepts either one byte per slot or a bitmask (bit s of byte s>>3); anything else is a caller error.
 */
export function coverageFlags(covered: Uint8Array, slotCount: number): Uint8Array {
  if (covered.length === slotCount) return covered;
  if (covered.length === Math.ceil(slotCount / 8)) {
    const flags = new Uint8Array(slotCount);
    for (let s = 0; s < slotCount; s++) flags[s] = (covered[s >> 3] >> (s & 7)) & 1;
    return flags;
  }
  throw new Error(
    `coveredSlots has length ${covered.length}; expected ${slotCount} or ${Math.ceil(slotCount / 8)}`,
  );
}

/**
 * The newer file's mark wins in every slot it covered. Without coverage, a slot counts as covered when the
 * newer file has a mark there. Always returns a new array (never a view), safe to store.
 */
export function mergeMarks(
  old: Uint8Array | undefined,
  incoming: Uint8Array,
  covered?: Uint8Array,
): Uint8Array {
  const out = old ? old.slice() : new Uint8Array(incoming.length);
  if (covered) {
    if (!mergeCoveredWords(out, incoming, covered))
      for (let s = 0; s < incoming.length; s++) if (covered[s]) out[s] = incoming[s];
  } else {
    for (let s = 0; s < incoming.length; s++) if (incoming[s] !== NO_MARK) out[s] = incoming[s];
  }
  return out;
}

/**
 * The covered branch of mergeMarks four slots at a time (it runs over every slot of every pupil-year, ~800,000 for
 * a school): where all four coverage bytes are 0 or 1, a mask picks the newer marks. False, having written
 * nothing, when the arrays are not word-aligned or not all of one length; then the caller loops.
 */
function mergeCoveredWords(out: Uint8Array, incoming: Uint8Array, covered: Uint8Array): boolean {
  const n = incoming.length;
  if (
    out.length !== n ||
    covered.length !== n ||
    (out.byteOffset | incoming.byteOffset | covered.byteOffset) & 3
  )
    return false;
  const words = n >> 2;
  const o = new Uint32Array(out.buffer, out.byteOffset, words);
  const inc = new Uint32Array(incoming.buffer, incoming.byteOffset, words);
  const cov = new Uint32Array(covered.buffer, covered.byteOffset, words);
  for (let w = 0; w < words; w++) {
    const c = cov[w];
    if (c === 0) continue;
    if (c & 0xfefefefe) {
      // a coverage byte other than 0 or 1: any non-zero byte means covered
      for (let s = w << 2; s < (w << 2) + 4; s++) if (covered[s]) out[s] = incoming[s];
      continue;
    }
    const mask = Math.imul(c, 0xff); // 0xff in every covered byte
    o[w] = (o[w] & ~mask) | (inc[w] & mask);
  }
  for (let s = words << 2; s < n; s++) if (covered[s]) out[s] = incoming[s];
  return true;
}

/** A value a newer record brings: not undefined, null or an empty string (those keep the older value). */
const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Copy fields whose newer value is given. */
function newerWins(old: object, newer: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(newer)) {
    if (given(v)) out[k] = v;
  }
  return out;
}

export function mergePupil(old: Pupil | undefined, newer: Pupil): Pupil {
  return (old ? newerWins(old, newer) : { ...newer }) as unknown as Pupil;
}

export function mergePupilYear(
  old: PupilYear | undefined,
  newer: PupilYear,
  covered?: Uint8Array,
): PupilYear {
  if (!old) {
    // A pupil-year new to the store (every one, on a first import): the same result without the rest, spread and
    // delete below (a first import's merge took ~14 ms for a school with them, ~9 ms without).
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(newer)) {
      const v = (newer as unknown as Record<string, unknown>)[k];
      if (k !== 'marks' && given(v)) out[k] = v;
    }
    out.marks = mergeMarks(undefined, newer.marks, covered);
    return out as unknown as PupilYear;
  }
  const { marks, ...attrs } = newer;
  const oldAttrs: Record<string, unknown> = { ...old };
  delete oldAttrs.marks;
  return { ...newerWins(oldAttrs, attrs), marks: mergeMarks(old.marks, marks, covered) } as PupilYear;
}
