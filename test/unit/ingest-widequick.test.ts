/**
 * The quick cell path (quickCell, no string hashing) must read exactly what the general path (`lanes: false`)
 * reads: the same marks, pupils, counts, issues (kind, row, column, message) and preview, whatever the cells,
 * odd lines and chunk sizes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quickCell } from '../../src/ingest/wide';
import { readWith } from './lanes-compare';

let inputs = 0;
afterAll(() => console.log(`wide quick cells: ${inputs} inputs compared`));

const enc = (s: string) => new TextEncoder().encode(s);
const WEEKS = ['02/09/2024', '09/09/2024', '16/09/2024'];

// Mostly current codes and no-mark characters, with at most one odd token in a cell: a space, lower case,
// legacy (H, J), a subcode, a two-character or unknown code, a formula start, a non-ASCII letter, a comma.
const common = fc.constantFrom('/', '\\', 'L', 'N', 'B', '#', 'U', '-', '.', '_');
const odd = fc.constantFrom(' ', '', 'n', 'H', 'J', 'I01', 'C1', 'Y4', 'Q', '9', '=', 'é', ',', 'HH');
const tokens = fc
  .tuple(fc.array(common, { minLength: 9, maxLength: 11 }), fc.option(fc.tuple(odd, fc.nat(10)), { freq: 2 }))
  .map(([t, o]) => (o ? t.map((x, k) => (k === o[1] ? o[0] : x)) : t));
const commaCell = tokens.map((t) => t.join(','));
const runCell = tokens.map((t) => t.join(''));
// Other separators: a 19-character run must not be read as a comma list.
const otherCell = fc.tuple(tokens, fc.constantFrom(';', '/', ' ', '|')).map(([t, sep]) => t.join(sep));
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.constant('/,\\,/,\\,L,\\,/,\\,/,\\') },
  { weight: 2, arbitrary: fc.constant('//\\\\LN//II') },
  { weight: 4, arbitrary: commaCell },
  { weight: 4, arbitrary: runCell },
  { weight: 1, arbitrary: otherCell },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '/,\\,/,\\', 'C1C2J1Y1Y2//\\\\//') },
);
const quoted = (c: string) => `"${c.replace(/"/g, '""')}"`;
// Repeated UPNs: the same pupil on two rows, so cells can agree or conflict with marks already read.
const upn = fc.constantFrom('L938412324001', 'A938412324002', 'A938412324002', '', ' ');
const name = fc.constantFrom(
  'Adams',
  'Zoë',
  '"Siân"',
  '',
  '"O""Neil"',
  '"Ad"ams',
  '"Line\nbreak"',
  'Bad\uFFFD',
  '=1+1',
  'Total',
);
const pupilRow = fc
  .tuple(upn, name, fc.array(cell, { minLength: WEEKS.length, maxLength: WEEKS.length }), fc.boolean())
  .map(([u, n, cells, q]) =>
    [u, n, 'Zoë', ...cells.map((c) => (q || c.includes(',') ? quoted(c) : c))].join(','),
  );
// Now and then a line the lane must hand on untouched, or give up on: blank, totals, stray quote, lone CR.
const row = fc.oneof(
  { weight: 12, arbitrary: pupilRow },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ',,,,,',
      'Total,,,"/,\\,/,\\,/,\\,/,\\,/,\\",,',
      ',,,"COUNT/////",,',
      'L938412324001,Ad"ams,Z,/,,',
      'A938412324002,X\rY,Z,,,',
    ),
  },
);

async function read(text: string, lanes: boolean, chunkBytes: number, bom = false) {
  const bytes = enc(text);
  return (await readWith(bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes, lanes, chunkBytes)).view;
}

describe('wide quick cells read exactly what the general cell path reads', () => {
  it('same marks, pupils, counts, issues and preview from random wide files, in random chunk sizes (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 7, max: 400 }),
        fc.boolean(),
        fc.constantFrom('', '\n', 'Register report,,\n'),
        async (rows, crlf, chunk, bom, title) => {
          const eol = crlf ? '\r\n' : '\n';
          const text =
            title + ['UPN,Surname,Forename,' + WEEKS.join(','), ...rows].join(eol) + (chunk % 3 ? eol : '');
          inputs++;
          const quick = await read(text, true, chunk, bom);
          const general = await read(text, false, chunk, bom);
          expect(quick.layout).toBe('wide');
          expect(quick).toEqual(general);
        },
      ),
      { numRuns: 200, seed: 20261205 },
    );
  });

  it('takes the common cells and leaves every other shape to the general path', () => {
    const out = new Uint8Array(10);
    expect(quickCell('/,\\,/,\\,L,\\,/,\\,/,\\', out)).toBe(out);
    expect(quickCell('//\\\\LN//--', out)).toBe(out);
    expect(out[8]).toBe(0);
    for (const raw of [
      '/,\\,/,\\,l,\\,/,\\,/,\\',
      '/,\\,/,\\,H,\\,/,\\,/,\\',
      '/ \\/\\LN//II',
      '/,\\,/,\\,/,\\,/,\\,/',
      '/;\\,/,\\,L,\\,/,\\,/,\\',
    ])
      expect(quickCell(raw, out)).toBeNull();
  });
});
