/** The import's fast paths (issue 7) must read exactly what the general paths read. */
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../src/ingest/csv';
import { isUtf8 } from '../../src/ingest/decode';
import { warmUpParsers } from '../../src/workers/worker/import-warmup';
import { fixtureBytes, importBytes, importText, symbols } from './ingest-helpers';

/** Rows and their line numbers, with the text pushed in pieces of `piece` characters. */
function tokenize(text: string, piece: number): [number, string[]][] {
  const rows: [number, string[]][] = [];
  const t = new CsvTokenizer(44, (f, line) => rows.push([line, f]));
  for (let i = 0; i < text.length; i += piece) t.push(text.slice(i, i + piece));
  t.end();
  return rows;
}

describe('quoted fields taken whole', () => {
  it('match the general loop for every terminator, a quote left open at a line end and doubled quotes', () => {
    const text = 'a,"b,c",d\r\n"e\nf","g""h",i\n"j","k"\r"l",,"m"\r\n"",x,"y"z\n"n","o"';
    const whole = tokenize(text, text.length);
    expect(whole).toEqual([
      [1, ['a', 'b,c', 'd']],
      // line 2 ("e) is given up; line 3 is read as it stands
      [3, ['f"', 'g"h', 'i']],
      [4, ['j', 'k']],
      [5, ['l', '', 'm']],
      [6, ['', 'x', 'yz']],
      [7, ['n', 'o']],
    ]);
    // One character at a time every quoted field ends at a chunk's end: the general loop reads them all.
    for (const piece of [1, 2, 3, 5, 7]) expect(tokenize(text, piece)).toEqual(whole);
  });
});

describe('wide cells written as a run', () => {
  const head = 'UPN,Surname,Forename,02/09/2024,09/09/2024\n';
  it('a pupil on a second row: the same marks again are not counted twice; a different one is reported', async () => {
    const { parsed } = await importText(
      head +
        'A123456789012,Smith,Ann,"/,\\,/,\\,/,\\,/,\\,/,\\","/,\\,/,\\,/,\\,/,\\,/,\\"\n' +
        'A123456789012,Smith,Ann,"/,\\,/,\\,/,\\,/,\\,/,\\","/,\\,L,\\,/,\\,/,\\,/,\\"\n',
    );
    const s = parsed.summary;
    expect(s.marks).toBe(20);
    const dup = s.issues.filter((i) => i.code === 'duplicate-different');
    expect(dup).toHaveLength(1);
    expect(dup[0].row).toBe(3);
    expect(dup[0].message).toContain('2024-09-10 AM');
    // The first row's marks were kept, the 10 September AM included.
    expect(symbols(parsed, 'A123456789012').join('').replace(/\./g, '')).toBe('/\\'.repeat(10));
  });

  it('blank sessions in a plain cell stay uncovered, and the date range follows the marks', async () => {
    const { parsed } = await importText(
      head + 'A123456789012,Smith,Ann,"-,-,/,\\,/,\\,/,\\,-,-","/,\\,/,\\,/,\\,/,\\,-,-"\n',
    );
    expect(parsed.summary.marks).toBe(14);
    expect(parsed.summary.dateRange).toEqual(['2024-09-03', '2024-09-12']);
  });
});

describe('warming the parsers up', () => {
  it('leaves a later import exactly as without it', async () => {
    const before = await importBytes(fixtureBytes('wide-weekly.csv'));
    await warmUpParsers(20);
    const after = await importBytes(fixtureBytes('wide-weekly.csv'));
    expect(after.parsed.summary).toEqual(before.parsed.summary);
    expect(after.inspect.preview).toEqual(before.inspect.preview);
  });
});

describe('UTF-8 check four bytes at a time', () => {
  it('gives the same answer on aligned and unaligned views', () => {
    const text = 'Zoë,Łukasz,'.repeat(20) + 'plain ascii '.repeat(30);
    const utf8 = new TextEncoder().encode(text);
    const bad = utf8.slice();
    bad[151] = 0xff;
    for (const bytes of [utf8, bad]) {
      const expected = bytes === utf8;
      for (let off = 0; off < 4; off++) {
        const buf = new Uint8Array(bytes.length + 4);
        buf.set(bytes, off);
        expect(isUtf8(buf.subarray(off, off + bytes.length))).toBe(expected);
      }
    }
  });
});
