/**
 * runFromBytes (wide.ts): a wide file's week cell read from its bytes straight into the pupil-year, in one pass.
 * It must end exactly as quickBytes + setRun would: the same marks, coverage and counts on success, and nothing at all
 * (no mark, no coverage, no pupil-year opened) when the cell is not plain or a session already holds another mark.
 */
import { describe, expect, it } from 'vitest';
import { RegisterBuilder } from '../../src/ingest/builder';
import { runFromBytes, weekdaysFrom } from '../../src/ingest/wide';
import { codeFor } from '../../src/domain/codes';
import { slotOf, yearSlots } from '../../src/domain/register';

const enc = (s: string) => new TextEncoder().encode(s);
const id = (c: string) => codeFor(c)!.id;
const DAYS = weekdaysFrom('2024-09-02', 5);
const SLOT0 = slotOf(yearSlots(2024), '2024-09-02', 0);

/** Run the cell, written between two other bytes as in a file, for a fresh pupil. */
function run(b: RegisterBuilder, pupil: string, cell: string) {
  const bytes = enc(`"${cell}"`);
  const entry = b.pupil(pupil);
  return { entry, result: runFromBytes(b, entry, 2024, SLOT0, bytes, 1, bytes.length - 1, 10, DAYS) };
}

describe('runFromBytes', () => {
  it('writes a plain comma cell and a plain run cell, counting marks and the date range', () => {
    const b = new RegisterBuilder();
    const { entry, result } = run(b, 'A', '/,\\,L,\\,-,-,/,\\,N,N');
    expect(result).toBe(8);
    const y = entry.years.get(2024)!;
    const marks = [...y.year.marks.subarray(SLOT0, SLOT0 + 10)];
    expect(marks).toEqual([id('/'), id('\\'), id('L'), id('\\'), 0, 0, id('/'), id('\\'), id('N'), id('N')]);
    expect([...y.covered.subarray(SLOT0, SLOT0 + 10)]).toEqual([1, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
    expect(b.marksSet).toBe(8);
    expect([b.firstDate, b.lastDate]).toEqual(['2024-09-02', '2024-09-06']);
    expect(run(b, 'B', '//\\\\LN//II').result).toBe(10);
    expect(b.marksSet).toBe(18);
  });

  it('opens the pupil-year for a plain cell of no marks, as setRun does', () => {
    const b = new RegisterBuilder();
    const { entry, result } = run(b, 'A', '-,-,-,-,-,-,-,-,-,-');
    expect(result).toBe(0);
    expect(entry.years.has(2024)).toBe(true);
    expect(b.firstDate).toBe('');
  });

  it('leaves nothing behind for a cell that is not plain after some marks were written', () => {
    const b = new RegisterBuilder();
    for (const cell of ['/,\\,/,\\,/,\\,/,\\,/,%', '/,\\;/,\\,/,\\,/,\\,/,\\', '/,\\,/,\\,/,\\,/,\\,/,é']) {
      const { entry, result } = run(b, `P${cell}`, cell);
      expect(result).toBe(-2);
      expect(entry.years.has(2024)).toBe(false);
      expect(entry.lastYear).toBeUndefined();
    }
    expect(b.marksSet).toBe(0);
    expect(b.firstDate).toBe('');
  });

  it('keeps a pupil-year that was already open, unchanged, when the cell is not plain', () => {
    const b = new RegisterBuilder();
    const entry = b.pupil('A');
    b.setSlot(entry, 2024, SLOT0 + 9, id('L'), '2024-09-06');
    const bytes = enc('/,\\,/,\\,/,\\,/,\\,/,%');
    expect(runFromBytes(b, entry, 2024, SLOT0, bytes, 0, bytes.length, 10, DAYS)).toBe(-2);
    const y = entry.years.get(2024)!;
    expect([...y.covered.subarray(SLOT0, SLOT0 + 10)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(y.year.marks[SLOT0]).toBe(0);
  });

  it('takes back what it wrote when a session already holds a different mark; the same mark is no conflict', () => {
    const b = new RegisterBuilder();
    const entry = b.pupil('A');
    b.setSlot(entry, 2024, SLOT0 + 6, id('/'), '2024-09-05');
    const same = enc('/,\\,/,\\,/,\\,/,\\,/,\\');
    expect(runFromBytes(b, entry, 2024, SLOT0, same, 0, same.length, 10, DAYS)).toBe(9);
    const other = new RegisterBuilder();
    const e2 = other.pupil('A');
    other.setSlot(e2, 2024, SLOT0 + 6, id('L'), '2024-09-05');
    expect(runFromBytes(other, e2, 2024, SLOT0, same, 0, same.length, 10, DAYS)).toBe(-1);
    const y = e2.years.get(2024)!;
    expect([...y.covered.subarray(SLOT0, SLOT0 + 10)]).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect([...y.year.marks.subarray(SLOT0, SLOT0 + 10)]).toEqual([0, 0, 0, 0, 0, 0, id('L'), 0, 0, 0]);
    expect(other.marksSet).toBe(1);
  });
});
