import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { coverageFlags, mergeMarks, mergePupilYear } from '../../src/store/merge';
import {
  addIntervention,
  deleteIntervention,
  listInterventions,
  updateIntervention,
} from '../../src/store/queries';
import type { RadarDb } from '../../src/store/db';
import { restorePupil } from '../../src/store/restore';
import { freshDb } from './store-fixtures';

const N = 24;
const marksArb = fc.uint8Array({ minLength: N, maxLength: N, max: 38 });
const flagsArb = fc.uint8Array({ minLength: N, maxLength: N, max: 1 });

describe('mergeMarks', () => {
  it('takes the newer mark in covered slots and keeps the old one elsewhere', () => {
    fc.assert(
      fc.property(marksArb, marksArb, flagsArb, (old, incoming, covered) => {
        const out = mergeMarks(old, incoming, covered);
        for (let s = 0; s < N; s++) expect(out[s]).toBe(covered[s] ? incoming[s] : old[s]);
      }),
    );
  });
  it('reads any non-zero coverage byte as covered, at any length and alignment (the four-at-a-time path)', () => {
    const view = (bytes: Uint8Array, shift: number) => {
      const buf = new Uint8Array(bytes.length + shift);
      buf.set(bytes, shift);
      return buf.subarray(shift);
    };
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 41 })
          .chain((n) =>
            fc.tuple(
              fc.uint8Array({ minLength: n, maxLength: n, max: 38 }),
              fc.uint8Array({ minLength: n, maxLength: n, max: 38 }),
              fc.uint8Array({ minLength: n, maxLength: n }),
              fc.constantFrom(0, 0, 1, 3),
              fc.constantFrom(0, 0, 2),
              fc.boolean(),
            ),
          ),
        ([old, incoming, covered, shiftIn, shiftCov, fresh]) => {
          const out = mergeMarks(fresh ? undefined : old, view(incoming, shiftIn), view(covered, shiftCov));
          for (let s = 0; s < incoming.length; s++)
            expect(out[s]).toBe(covered[s] ? incoming[s] : fresh ? 0 : old[s]);
        },
      ),
    );
  });
  it('without coverage, treats the newer file’s blanks as “said nothing”', () => {
    fc.assert(
      fc.property(marksArb, marksArb, (old, incoming) => {
        const out = mergeMarks(old, incoming);
        for (let s = 0; s < N; s++) expect(out[s]).toBe(incoming[s] || old[s]);
      }),
    );
  });
  it('is idempotent (re-importing the same file changes nothing) and never mutates its inputs', () => {
    fc.assert(
      fc.property(marksArb, marksArb, flagsArb, (old, incoming, covered) => {
        const oldCopy = old.slice();
        const once = mergeMarks(old, incoming, covered);
        expect(mergeMarks(once, incoming, covered)).toEqual(once);
        expect(old).toEqual(oldCopy);
        expect(once).not.toBe(old);
      }),
    );
  });
  it('reads a bitmask the same as one byte per slot', () => {
    fc.assert(
      fc.property(flagsArb, (flags) => {
        const bits = new Uint8Array(Math.ceil(N / 8));
        flags.forEach((f, s) => (bits[s >> 3] |= f << (s & 7)));
        expect(coverageFlags(bits, N)).toEqual(flags);
      }),
    );
    expect(() => coverageFlags(new Uint8Array(5), N)).toThrow(/expected 24 or 3/);
  });
});

describe('pupil-year details', () => {
  it('keeps old details the newer file left empty', () => {
    const old = { pupilId: 'A', startYear: 2024, yearGroup: '7', regGroup: '7A', marks: new Uint8Array(4) };
    const merged = mergePupilYear(old, {
      pupilId: 'A',
      startYear: 2024,
      regGroup: '',
      leavingDate: '2025-01-10',
      marks: new Uint8Array(4),
    });
    expect(merged).toMatchObject({ yearGroup: '7', regGroup: '7A', leavingDate: '2025-01-10' });
  });
  it('passes through fields added to the domain types later, and drops invalid known ones with a problem', () => {
    const problems: { table: string; key: string; message: string }[] = [];
    expect(restorePupil({ id: 'A', ethnicity: 'WBRI', sex: 'Q' }, problems)).toEqual({
      id: 'A',
      ethnicity: 'WBRI',
    });
    expect(problems).toEqual([{ table: 'pupils', key: 'A', message: 'unknown sex value left out' }]);
  });
});

describe('interventions', () => {
  let db: RadarDb;
  afterEach(async () => {
    await db?.delete();
  });
  it('adds, lists by pupil in date order, updates and deletes', async () => {
    db = freshDb();
    const late = await addIntervention(
      { pupilId: 'A', date: '2024-11-05', kind: 'meeting', note: 'with carer' },
      db,
    );
    await addIntervention({ pupilId: 'A', date: '2024-10-01', kind: 'letter-1', note: '' }, db);
    await addIntervention({ pupilId: 'B', date: '2024-10-02', kind: 'support-plan', note: '' }, db);
    expect((await listInterventions('A', undefined, db)).map((i) => i.date)).toEqual([
      '2024-10-01',
      '2024-11-05',
    ]);
    await updateIntervention(late.id, { kind: 'referral-la' }, db);
    expect((await listInterventions('A', undefined, db))[1]).toMatchObject({
      kind: 'referral-la',
      note: 'with carer',
    });
    await expect(
      addIntervention({ pupilId: 'A', date: 'soon', kind: 'letter-1', note: '' }, db),
    ).rejects.toThrow();
    await expect(
      addIntervention({ pupilId: 'A', date: '2024-10-01', kind: 'phone' as 'other', note: '' }, db),
    ).rejects.toThrow();
    await deleteIntervention(late.id, db);
    expect((await listInterventions(undefined, undefined, db)).length).toBe(2);
  });
});
