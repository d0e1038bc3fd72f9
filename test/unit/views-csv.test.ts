import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/views/csv';

describe('csvCell', () => {
  it.each([
    ['=SUM(A1:A9)', `"'=SUM(A1:A9)"`],
    ['+44 1234', `"'+44 1234"`],
    ['-2+3', `"'-2+3"`],
    ['@cmd', `"'@cmd"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    [' padded ', '" padded "'],
    ['plain', 'plain'],
    ["O'Brien", "O'Brien"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
  ])('escapes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves numbers (even negative) as data and blanks empty values', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['Name', 'Note'],
        [
          ['Ann', '=1+1'],
          ['Bo', 'ok'],
        ],
      ),
    ).toBe(`Name,Note\r\nAnn,"'=1+1"\r\nBo,ok\r\n`);
  });
});
