import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODES } from '../../src/domain/codes';
import { emptyMarks } from '../../src/domain/register';
import { fillMarks, setMark } from '../../src/domain/mark-by-date';
import { addTally, codeCounts, emptyTally, reasonCounts, tallyMarks } from '../../src/domain/tally';

const Y = 2024; // 2024-09-02 is a Monday: slot 0

/** Two weeks, every kind of mark once or twice; Friday 13 September left unmarked. */
function mixedRegister(): Uint8Array {
  const m = emptyMarks(Y);
  const week: [string, string, string][] = [
    ['2024-09-02', '/', '\\'],
    ['2024-09-03', 'L', 'I'],
    ['2024-09-04', 'U', 'N'],
    ['2024-09-05', 'V', 'K'],
    ['2024-09-06', 'D', 'X'],
    ['2024-09-09', 'Z', '#'],
    ['2024-09-10', 'H', 'J'], // legacy: H authorised holiday, J approved activity
    ['2024-09-11', 'Y', 'F'], // legacy: Y not possible, F authorised holiday
    ['2024-09-12', 'Y4', 'Q'],
  ];
  for (const [d, am, pm] of week) {
    setMark(m, Y, d, 'AM', am);
    setMark(m, Y, d, 'PM', pm);
  }
  return m;
}

describe('tallyMarks', () => {
  it('counts each mark by its national category', () => {
    expect(tallyMarks(mixedRegister())).toEqual({
      possible: 11, // / \ L  V K J  I H F  U N
      present: 3,
      aea: 3,
      authorised: 3,
      unauthorised: 2,
      attended: 6,
      absent: 5,
      notPossible: 5, // D X Y Y4 Q
      administrative: 2, // Z #
      lates: 2, // L U
      missing: 502, // 520 slots in the year, 18 marked
    });
  });
  it('counts only the slots in [from, to)', () => {
    const t = tallyMarks(mixedRegister(), 2, 6); // Tuesday and Wednesday
    expect(t).toMatchObject({
      possible: 4,
      present: 1,
      authorised: 1,
      unauthorised: 2,
      lates: 2,
      missing: 0,
    });
  });
  it('accounts for every slot exactly once', () => {
    const ids = CODES.map((c) => c.id).concat([0]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ids), { maxLength: 60 }), (arr) => {
        const t = tallyMarks(Uint8Array.from(arr));
        expect(t.possible + t.notPossible + t.administrative + t.missing).toBe(arr.length);
        expect(t.attended + t.absent).toBe(t.possible);
      }),
      { numRuns: 200 },
    );
  });
  it('pools tallies', () => {
    const a = tallyMarks(mixedRegister(), 0, 4);
    const sum = addTally(addTally(emptyTally(), a), a);
    expect(sum.possible).toBe(8);
    expect(sum.lates).toBe(2);
  });
});

describe('reason and code counts', () => {
  it('groups marks by reason', () => {
    const r = reasonCounts(mixedRegister());
    expect(r).toEqual({
      present: 2,
      late: 2,
      aea: 3,
      illness: 1,
      medical: 0,
      holiday: 2,
      exclusion: 0,
      'other-authorised': 0,
      'other-unauthorised': 0,
      'no-reason': 1,
      'not-counted': 6,
      closure: 1,
    });
  });
  it('counts symbols that occur', () => {
    expect([...codeCounts(mixedRegister(), 0, 4)]).toEqual([
      ['/', 1],
      ['\\', 1],
      ['L', 1],
      ['I', 1],
    ]);
  });
});

describe('writing marks by date', () => {
  it('fills weekdays only and pairs / with \\', () => {
    const m = emptyMarks(Y);
    expect(fillMarks(m, Y, '2024-09-02', '2024-09-08', '/')).toBe(5);
    expect([...codeCounts(m)]).toEqual([
      ['/', 5],
      ['\\', 5],
    ]);
    expect(setMark(m, Y, '2024-09-07', 'AM', 'I')).toBe(false); // Saturday
  });
});
