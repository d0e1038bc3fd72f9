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
    for (let s = 0; s < incoming.length; s++) if (covered[s]) out[s] = incoming[s];
  } else {
    for (let s = 0; s < incoming.length; s++) if (incoming[s] !== NO_MARK) out[s] = incoming[s];
  }
  return out;
}

/** Copy fields whose newer value is present (not undefined, null or an empty string). */
function newerWins(old: object, newer: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(newer)) {
    if (v !== undefined && v !== null && v !== '') out[k] = v;
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
  const { marks, ...attrs } = newer;
  const oldAttrs: Record<string, unknown> = old ? { ...old } : {};
  delete oldAttrs.marks;
  return { ...newerWins(oldAttrs, attrs), marks: mergeMarks(old?.marks, marks, covered) } as PupilYear;
}
