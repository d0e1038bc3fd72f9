import { describe, expect, it } from 'vitest';
import { upnCheckLetter, validateUpn } from '../../src/domain/upn';

// Check letters computed by hand: sum of (digit x weight), weights 2..13, mod 23, into ABCDEFGHJKLMNPQRTUVWXYZ.
describe('UPN check letter', () => {
  it('weights the last character by 13', () => {
    // 1 x 13 = 13 -> P (the 14th letter of the 23, I and O and S left out)
    expect(upnCheckLetter('000000000001')).toBe('P');
  });
  it('matches a hand-worked example', () => {
    // 8*2 + 2*3 + 0*4 + 2*5 + 0 + 0 + 1*8 + 0 + 1*10 + 0 + 0 + 1*13 = 63; 63 mod 23 = 17 -> U
    expect(upnCheckLetter('820200101001')).toBe('U');
  });
  it('values a temporary UPN letter by its place in the alphabet', () => {
    expect(upnCheckLetter('00000000000A')).toBe('A'); // A = 0
    expect(upnCheckLetter('00000000000B')).toBe('P'); // B = 1 -> 13 -> P
    expect(upnCheckLetter('00000000000Z')).toBe('L'); // Z = 22 -> 22 x 13 = 286; 286 mod 23 = 10 -> L
  });
  it('rejects malformed input', () => {
    expect(upnCheckLetter('12345')).toBeUndefined();
    expect(upnCheckLetter('0000000000I1')).toBeUndefined();
  });
});

describe('validateUpn', () => {
  it('accepts permanent and temporary UPNs with the right letter', () => {
    expect(validateUpn('U820200101001')).toEqual({ valid: true, temporary: false });
    expect(validateUpn(' p000000000001 ')).toEqual({ valid: true, temporary: false });
    expect(validateUpn('A00000000000A')).toEqual({ valid: true, temporary: true });
  });
  it('explains each failure', () => {
    expect(validateUpn('V820200101001').valid).toBe(false);
    expect(validateUpn('V820200101001').reason).toMatch(/should be U/);
    expect(validateUpn('U82020010100').reason).toMatch(/13 characters/);
    expect(validateUpn('I820200101001').reason).toMatch(/check letter/);
    expect(validateUpn('U8202001010X1').reason).toMatch(/digits/);
    expect(validateUpn('A00000000000I').reason).toMatch(/temporary/);
  });
});
