import { describe, expect, it } from 'vitest';
import { readMark, splitMarks } from '../../src/ingest/mark-symbols';
import { parseDate, parseSen, parseSession, parseYearGroup, parsePercent } from '../../src/ingest/values';
import { codeFor } from '../../src/domain/codes';

describe('dates as exports write them (UK order)', () => {
  it.each([
    ['02/09/2024', '2024-09-02'],
    ['2/9/24', '2024-09-02'], // Excel re-save
    ['2024-09-02', '2024-09-02'],
    ['2-Sep-24', '2024-09-02'],
    ['02 September 2024', '2024-09-02'],
    ['02.09.2024', '2024-09-02'],
    ['29/02/2024', '2024-02-29'],
    ['02/09/2024 13:30', '2024-09-02'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDate(raw)).toMatchObject({ iso });
  });
  it.each([['31/02/2025'], ['29/02/2025'], ['00/01/2024'], ['12/13/2024']])('%s is impossible', (raw) => {
    expect(parseDate(raw)).toEqual({ bad: 'impossible' });
  });
  it.each([[''], ['soon'], ['2-Foo-24']])('%j is unreadable', (raw) => {
    expect(parseDate(raw)).toEqual({ bad: 'unreadable' });
  });
  it('keeps a time written after the date', () => {
    expect(parseDate('2024-09-02T13:30')).toEqual({ iso: '2024-09-02', minutes: 810 });
  });
});

describe('sessions', () => {
  it.each([
    ['AM', 0],
    ['pm', 1],
    ['MORNING', 0],
    ['Afternoon', 1],
    ['09:00', 0],
    ['08:45', 0],
    ['13:30', 1],
    ['1:40 PM', 1],
    ['11:59', 0],
    ['12:00', 1],
    ['12:10 AM', 0],
  ] as const)('%s → %d', (raw, s) => {
    expect(parseSession(raw)).toBe(s);
  });
  it.each([['noon'], [''], ['25:00']])('%j is unreadable', (raw) =>
    expect(parseSession(raw)).toBeUndefined(),
  );
});

describe('pupil attributes', () => {
  it.each([
    ['N', 'none'],
    ['K', 'support'],
    ['E', 'ehcp'],
    ['SEN Support', 'support'],
    ['EHCP', 'ehcp'],
    ['None', 'none'],
  ] as const)('SEN %s → %s', (raw, v) => expect(parseSen(raw)).toBe(v));
  it.each([
    ['Year 7', '7'],
    ['NC Year 11', '11'],
    ['Y3', '3'],
    ['R', 'R'],
    ['Reception', 'R'],
    ['N1', 'N1'],
  ])('year group %s → %s', (raw, v) => expect(parseYearGroup(raw)).toBe(v));
  it.each([
    ['93.5%', 93.5],
    ['93.5', 93.5],
    [' 100 % ', 100],
    ['n/a', undefined],
  ] as const)('percent %j → %j', (raw, v) => expect(parsePercent(raw)).toBe(v));
});

describe('marks', () => {
  it('reads codes, blanks and subcodes', () => {
    expect(readMark('/')).toEqual({ id: codeFor('/')!.id });
    expect(readMark('-')).toEqual({ id: 0 });
    expect(readMark('')).toEqual({ id: 0 });
    expect(readMark('n')).toEqual({ id: codeFor('N')!.id, via: 'case' });
    expect(readMark('I01')).toEqual({ id: codeFor('I')!.id, via: 'subcode' });
    expect(readMark('X07')).toEqual({ id: codeFor('X')!.id, via: 'subcode' });
    expect(readMark('7')).toEqual({ unknown: '7' });
    expect(readMark('Q9')).toEqual({ unknown: 'Q9' });
  });

  // The documented rule for two-character codes (src/ingest/mark-symbols.ts).
  it.each([
    [
      'comma list: one code per item',
      '/,\\,C1,C1,Y4,Y4,/,\\,/,\\',
      10,
      ['/', '\\', 'C1', 'C1', 'Y4', 'Y4', '/', '\\', '/', '\\'],
    ],
    ['length = sessions: one character each, so C then 1 never pair', 'C1', 2, ['C', '1']],
    ['length = 2 × sessions: pairs', 'C1J1', 2, ['C1', 'J1']],
    ['padded pairs', '/ \\ ', 2, ['/', '\\']],
    ['otherwise greedy, pairing C1/C2/J1/Y1–Y7', '//C1C1\\', 5, ['/', '/', 'C1', 'C1', '\\']],
    ['Y8 is not a code: Y then 8', 'Y8/', 4, ['Y', '8', '/']],
    ['a run of single codes', '//\\\\LN//II', 10, [...'//\\\\LN//II']],
  ])('%s', (_name, cell, slots, tokens) => {
    expect(splitMarks(cell as string, slots as number)).toEqual(tokens);
  });
});
