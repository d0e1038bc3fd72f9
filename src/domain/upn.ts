/**
 * Unique Pupil Number checks (DfE): 13 characters, a check letter then 12 characters
 * (LA code, establishment, year, serial). A temporary UPN ends in a letter instead of a digit.
 * Importers should warn, not reject, when a UPN fails.
 */
const LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The check letter for characters 2–13 (weights 2–13, sum mod 23); undefined if they are malformed. */
export function upnCheckLetter(twelve: string): string | undefined {
  if (!/^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(twelve)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = twelve[i];
    // The final letter of a temporary UPN counts as its position in the same 23-letter alphabet.
    const v = i === 11 && !/\d/.test(ch) ? LETTERS.indexOf(ch) : ch.charCodeAt(0) - 48;
    sum += v * (i + 2);
  }
  return LETTERS[sum % 23];
}

export interface UpnCheck {
  valid: boolean;
  temporary?: boolean;
  reason?: string;
}

export function validateUpn(s: string): UpnCheck {
  const upn = s.trim().toUpperCase();
  if (upn.length !== 13) return { valid: false, reason: `A UPN has 13 characters; this has ${upn.length}.` };
  if (!LETTERS.includes(upn[0]))
    return { valid: false, reason: `The first character must be a check letter, not "${upn[0]}".` };
  if (!/^\d{11}$/.test(upn.slice(1, 12))) return { valid: false, reason: 'Characters 2–12 must be digits.' };
  const last = upn[12];
  const temporary = !/\d/.test(last);
  if (temporary && !LETTERS.includes(last)) {
    return { valid: false, reason: `A temporary UPN cannot end in "${last}" (I, O and S are not used).` };
  }
  const expected = upnCheckLetter(upn.slice(1));
  if (expected !== upn[0]) {
    return {
      valid: false,
      temporary,
      reason: `Check letter is ${upn[0]} but should be ${expected}: possibly mistyped.`,
    };
  }
  return { valid: true, temporary };
}
