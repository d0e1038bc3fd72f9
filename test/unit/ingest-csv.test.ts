import { describe, expect, it } from 'vitest';
import { CsvTokenizer, parseCsvText, sniffDialect } from '../../src/ingest/csv';
import { isUtf8, sniffEncoding } from '../../src/ingest/decode';

function tokenizeInPieces(text: string, cuts: number[]): string[][] {
  const rows: string[][] = [];
  const t = new CsvTokenizer(44, (f) => rows.push(f));
  let prev = 0;
  for (const c of [...cuts, text.length]) {
    t.push(text.slice(prev, c));
    prev = c;
  }
  t.end();
  return rows;
}

describe('CSV tokenizer', () => {
  const cases: { name: string; text: string; rows: string[][] }[] = [
    {
      name: 'plain LF',
      text: 'a,b\n1,2\n',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      name: 'CRLF and no final newline',
      text: 'a,b\r\n1,2',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    { name: 'lone CR (old Mac)', text: 'a\r1\r', rows: [['a'], ['1']] },
    { name: 'quoted delimiter and doubled quotes', text: '"O""Neil, Jr",x\n', rows: [['O"Neil, Jr', 'x']] },
    {
      name: 'a quote left open at a line end gives up that line only',
      text: '"two\nlines",y\n',
      rows: [['lines"', 'y']],
    },
    { name: 'a quote left open mid-line', text: 'a,b"c,"d\ne,f\n', rows: [['e', 'f']] },
    { name: 'a quote inside a value is kept', text: 'a,b"c\n', rows: [['a', 'b"c']] },
    { name: 'empty fields', text: ',,\n', rows: [['', '', '']] },
    { name: 'blank line kept as a row', text: 'a\n\nb\n', rows: [['a'], [''], ['b']] },
    { name: 'backslash is not an escape', text: '"\\",\\\n', rows: [['\\', '\\']] },
    { name: 'quoted empty field', text: '"",""\n', rows: [['', '']] },
  ];
  it.each(cases)('$name', ({ text, rows }) => {
    expect(parseCsvText(text).rows).toEqual(rows);
  });

  it.each(cases)('$name: same rows whichever two places the text is cut', ({ text, rows }) => {
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++)
        expect(tokenizeInPieces(text, [i, j]), `${i},${j}`).toEqual(rows);
    }
  });

  it('reports the 1-based line of each row, and of each line given up for a quote left open', () => {
    const lines: number[] = [];
    const broken: number[] = [];
    const t = new CsvTokenizer(
      44,
      (_f, line) => lines.push(line),
      (line) => broken.push(line),
    );
    t.push('h\r\n"a\nb"\r\nc\n\nd');
    t.end();
    expect(lines).toEqual([1, 3, 4, 5, 6]);
    expect(broken).toEqual([2]);
    // The second half of the broken value is a line of its own: a stray quote after its first value.
    expect(t.lines).toBe(6);
  });

  it('offers a line given up as plain values only when no other quote follows, however the text is split', () => {
    const text = 'UPN,Name,Mark\r\n"A1","Jo,/\r\nA2,"Ann, X,\\\r\nA3,"Al ""x"" \r\nA4,O"k,L\r\n';
    const whole = (pieces: number[]) => {
      const offered: (string[] | undefined)[] = [];
      const t = new CsvTokenizer(
        44,
        () => {},
        (_line, _atEnd, plain) => offered.push(plain),
      );
      let at = 0;
      for (const p of [...pieces, text.length]) t.push(text.slice(at, (at = p)));
      t.end();
      return offered;
    };
    const expected = [
      ['A1', '"Jo', '/'], // the quoted first value as read, the rest as written
      ['A2', '"Ann', ' X', '\\'], // four values: the caller's header has three, so it stays given up
      undefined, // more quotes follow the open one: not offered
    ];
    expect(whole([])).toEqual(expected);
    for (let i = 0; i <= text.length; i++) expect(whole([i]), `split at ${i}`).toEqual(expected);
  });

  it('names rows with a quote inside a value or text after a closing quote', () => {
    const stray: boolean[] = [];
    const t = new CsvTokenizer(44, (_f, _line, s) => stray.push(s));
    for (const piece of ['a,"b"c\n', 'd,e\n', 'f,g"\n', '"h",i\n']) t.push(piece);
    t.end();
    expect(stray).toEqual([true, false, true, false]);
  });

  it('gives up a last line that ends inside a quoted value, and notes a last line with no line end', () => {
    const cut = parseCsvText('a,b\nc,"d');
    expect(cut).toMatchObject({ rows: [['a', 'b']], broken: [2], unterminated: true });
    expect(parseCsvText('a,"b"\n').unterminated).toBe(false);
    const t = new CsvTokenizer(44, () => {});
    t.push('a,b\nc,d');
    t.end();
    expect(t.openLastLine).toBe(2);
    expect(t.lines).toBe(2);
  });

  it('reads a 2-million-character single line pushed in 1,000 pieces', () => {
    const cell = 'x'.repeat(1999);
    const text = Array.from({ length: 1000 }, () => cell).join(',');
    const rows = tokenizeInPieces(
      text,
      Array.from({ length: 999 }, (_, k) => (k + 1) * 2001 - 7),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(1000);
    expect(rows[0].every((c) => c === cell)).toBe(true);
  });
});

describe('dialect and encoding sniffing', () => {
  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ',', 'none'],
    ['a;b;c\n1;2,5;3\n4;5;6\n', ';', 'none'],
    ['a\tb\n1\t2\n3\t4\n', '\t', 'none'],
    ['"a","b"\n"1","2"\n"3","4"\n', ',', 'all'],
    ['name,marks\nx,"/,\\,L"\ny,"N,N"\n', ',', 'some'],
  ])('%j → %j, quoting %s', (text, delimiter, quoting) => {
    expect(sniffDialect(text)).toEqual({ delimiter, quoting });
  });

  it.each([
    [[0xef, 0xbb, 0xbf, 0x61], 'utf-8'],
    [[0xff, 0xfe, 0x61, 0x00], 'utf-16le'],
    [[0xfe, 0xff, 0x00, 0x61], 'utf-16be'],
    [[0x5a, 0x6f, 0xc3, 0xab], 'utf-8'], // Zoë in UTF-8
    [[0x5a, 0x6f, 0xeb, 0x2c], 'windows-1252'], // Zoë in Windows-1252
    [[0x4f, 0x92, 0x42], 'windows-1252'], // O’B
    [[0x61, 0, 0x62, 0, 0x63, 0, 0x2c, 0, 0x64, 0], 'utf-16le'], // no BOM
  ])('%j → %s', (bytes, enc) => {
    expect(sniffEncoding(Uint8Array.from(bytes))).toBe(enc);
  });

  it('treats a multi-byte character cut by the sample end as valid UTF-8', () => {
    expect(isUtf8(Uint8Array.from([0x61, 0xc3]))).toBe(true);
    expect(isUtf8(Uint8Array.from([0xc3, 0x61]))).toBe(false);
  });
});

describe('Windows-1252', () => {
  it('decodes 0x80–0x9F as Windows-1252, not Latin-1 (’ “ ” – € …)', async () => {
    const { windows1252 } = await import('../../src/ingest/decode');
    expect(windows1252.decode(Uint8Array.from([0x4f, 0x92, 0x93, 0x94, 0x96, 0x80, 0x85, 0xeb]))).toBe(
      'O’“”–€…ë',
    );
  });
});
