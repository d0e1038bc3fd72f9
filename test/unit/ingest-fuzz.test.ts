/**
 * Property-based tests: whatever bytes arrive — random, truncated, re-encoded, formula-laden, one huge line —
 * the importer never throws, accounts for every row, and only ever stores valid mark ids.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODE_BY_ID } from '../../src/domain/codes';
import { bytesSource, inspectSource, parseSource } from '../../src/ingest';
import { expectCountsAddUp, fixtureBytes } from './ingest-helpers';
import { readBothWays } from './lanes-compare';

let inputs = 0;
afterAll(() => console.log(`ingest fuzz: ${inputs} inputs imported`));

async function check(bytes: Uint8Array): Promise<void> {
  inputs++;
  const src = bytesSource(bytes, 'fuzz.csv');
  const ins = await inspectSource(src);
  const parsed = await parseSource(src, ins.proposal.mapping, {
    period: ins.period ?? { label: 'x', from: '2024-09-01', to: '2025-08-31' },
  });
  const { counts, issues, issueKinds } = parsed.summary;
  expectCountsAddUp(parsed.summary);
  if (counts.skipped > 0) expect(issues.length).toBeGreaterThan(0);
  expect(issueKinds.reduce((a, k) => a + k.count, 0)).toBeGreaterThanOrEqual(issues.length);
  for (const p of parsed.builder.pupils.values()) {
    for (const y of p.years.values()) {
      for (const m of y.year.marks) if (m !== 0 && !CODE_BY_ID[m]) throw new Error(`invalid mark id ${m}`);
    }
  }
  for (const i of issues) {
    expect(i.row).toBeGreaterThanOrEqual(0);
    expect(['error', 'warning', 'notice']).toContain(i.severity);
    expect(i.message.length).toBeGreaterThan(0);
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const base = new TextDecoder().decode(fixtureBytes('long-basic.csv'));
const wide = new TextDecoder().decode(fixtureBytes('wide-weekly.csv'));

const cellChars = fc.constantFrom(
  ',',
  ';',
  '\t',
  '"',
  '\n',
  '\r',
  ' ',
  '/',
  '\\',
  'L',
  'N',
  'C',
  '1',
  'Y',
  '4',
  '#',
  '-',
  '0',
  '2',
  '9',
  'A',
  'M',
  'P',
  'ë',
  '’',
  '=',
  '+',
  '@',
);
const cellText = fc.array(cellChars, { maxLength: 12 }).map((a) => a.join(''));

describe('importer never throws and never stores invalid marks', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), check), { numRuns: 150 });
  });

  it('random CSV-shaped text under a real header', async () => {
    const row = fc.array(cellText, { minLength: 1, maxLength: 8 }).map((r) => r.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 15 }), fc.constantFrom('\n', '\r\n'), async (rows, nl) => {
        await check(enc(['UPN,Surname,Forename,Date,Session,Mark', ...rows].join(nl)));
      }),
      { numRuns: 150 },
    );
  });

  it('a valid file truncated anywhere, or with bytes changed', async () => {
    const bytes = enc(base);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: bytes.length }),
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 6,
        }),
        async (cut, edits) => {
          const b = bytes.slice(0, cut);
          for (const [i, v] of edits) if (i < b.length) b[i] = v;
          await check(b);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('wrong encodings: UTF-16 without a BOM, UTF-16BE, Latin-1 bytes for a UTF-8 file', async () => {
    const utf16 = (s: string, be: boolean) => {
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out[i * 2 + (be ? 1 : 0)] = c & 255;
        out[i * 2 + (be ? 0 : 1)] = c >> 8;
      }
      return out;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(base, wide),
        fc.boolean(),
        fc.nat({ max: 50 }),
        async (text, be, drop) => {
          await check(utf16(text, be).slice(drop));
          await check(Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 255)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('formula-like cells are read as text and reported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('=HYPERLINK("http://x")', '+cmd|/c calc', '@SUM(A1:A9)', '=1+1'),
        fc.nat({ max: 5 }),
        async (formula, col) => {
          const lines = base.trimEnd().split('\n');
          const cells = lines[1].split(',');
          cells[col] = `"${formula.replace(/"/g, '""')}"`;
          lines[1] = cells.join(',');
          const bytes = enc(lines.join('\n'));
          await check(bytes);
          const src = bytesSource(bytes, 'f.csv');
          const parsed = await parseSource(src, (await inspectSource(src)).proposal.mapping);
          expect(parsed.summary.issueKinds.map((k) => k.code)).toContain('formula-cell');
        },
      ),
      { numRuns: 30 },
    );
  });

  it('one huge line (300,000 characters) with no line breaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/', ',', '"', 'x,', '\\'), async (unit) => {
        await check(enc('UPN,Date,Session,Mark\n' + unit.repeat(Math.ceil(300_000 / unit.length))));
      }),
      { numRuns: 5 },
    );
  });
});

describe('the plain-row lane (long files) reads exactly what the general path reads (lanes: false)', () => {
  const ids = fc.constantFrom('L938412324001', 'A938412324002', ' L938412324001', '', '=cmd', '1043');
  const dates = fc.constantFrom(
    '02/09/2024',
    '03/09/2024',
    '07/09/2024',
    '31/02/2025',
    '2024-09-04',
    '05/09/2024',
    '06/09/2012',
  );
  const sessions = fc.constantFrom('AM', 'PM', 'am', 'MORNING', 'X');
  const marks = fc.constantFrom('/', '\\', 'N', 'C1', 'Y4', 'H', 'Q9', '', 'I01', 'L');
  const row = fc.tuple(ids, dates, sessions, marks).map((r) => r.join(','));

  it('same registers, counts, issues and preview from random long files (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), fc.boolean(), async (rows, crlf) => {
        const text = ['UPN,Date,Session,Mark', ...rows].join(crlf ? '\r\n' : '\n') + '\n';
        inputs += 2;
        const { fast, general } = await readBothWays(text);
        expect(fast).toEqual(general);
      }),
      { numRuns: 150, seed: 20261203 },
    );
  });

  // Exports with pupil details on every row, read in chunks that end anywhere (mid-line, mid-CRLF, mid-code):
  // the lane's shortcut for lines that repeat the line above must read what whole-file reading reads.
  // Pupils' blocks of rows, as exports write them.
  const block = fc
    .tuple(
      // Ids that differ only late, or by one character's length, and names that change mid-block.
      fc.constantFrom(
        'L938412324001,Adams,Zoë',
        'L938412324011,Adams,Zoë',
        'L93841232400,1Adams,Zoë',
        'A938412324002,Brown,Siân',
        'A938412324002,Brown,Sian',
        '1043,,',
      ),
      fc.array(
        fc.tuple(
          fc.constantFrom('02/09/2024', '03/09/2024', '04/09/2024', '07/09/2024', '31/02/2025'),
          fc.constantFrom('AM', 'PM', 'PM', 'XM'),
          fc.constantFrom('/', '\\', 'N', 'C1', 'Y4', 'ZZ', 'L', '=1', ''),
        ),
        { minLength: 1, maxLength: 8 },
      ),
    )
    .map(([who, rows]) => rows.map((r) => [who, ...r].join(',')));

  it('same result whatever the chunk size, with details repeated on every row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(block, { minLength: 1, maxLength: 12 }).map((blocks) => blocks.flat()),
        fc.boolean(),
        fc.integer({ min: 1, max: 97 }),
        async (rows, crlf, chunkBytes) => {
          const text = ['UPN,Surname,Forename,Date,Session,Mark', ...rows].join(crlf ? '\r\n' : '\n') + '\n';
          const src = bytesSource(enc(text), 'f.csv');
          const ins = await inspectSource(src);
          inputs += 2;
          const whole = await parseSource(src, ins.proposal.mapping);
          const pieces = await parseSource(src, ins.proposal.mapping, { chunkBytes });
          expect(pieces.summary).toEqual(whole.summary);
          const marksOf = (p: typeof whole) =>
            [...p.builder.pupils.values()].map((e) => [
              e.pupil,
              [...e.years.values()].map((y) => [[...y.year.marks].join(''), [...y.covered].join('')]),
            ]);
          expect(marksOf(pieces)).toEqual(marksOf(whole));
          // …and what the general path reads.
          inputs += 2;
          const both = await readBothWays(text, chunkBytes);
          expect(both.fast).toEqual(both.general);
        },
      ),
      { numRuns: 150, seed: 20261204 },
    );
  });
});
