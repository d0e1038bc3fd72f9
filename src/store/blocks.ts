/**
 * Registers, pupils and period totals are stored in BLOCKS: IndexedDB pays per record (~0.1 ms in Chromium,
 * more under load), so 1,500 pupil-years cost ~140–300 ms as 1,500 records but a few ms as 64.
 *
 * A pupil's block is fixed by a stable hash of their id (BUCKETS per school year; pupils: BUCKETS in all), so a
 * re-import touching a few pupils rewrites only their blocks and nothing has to be re-assigned as a school grows.
 * A year block holds its pupils' marks packed end to end (one Uint8Array, `slotCount` bytes per pupil, in the
 * order of `pupilIds`). Outside this file and the store's write path, callers still see one PupilYear per pupil.
 */
import type { Table } from 'dexie';
import { yearSlots, type Pupil, type PupilYear } from '../domain/register';
import type { PupilPeriodTotals } from './types';

/** Blocks per school year: ~23 pupils each for a 1,500-pupil school, ~780 (≈300 KB) for a 50,000-pupil trust. */
export const BUCKETS = 64;

export type YearBlockKey = [number, number];

export interface YearBlock {
  startYear: number;
  bucket: number;
  /** Pupils in this block (indexed, so counts never read the marks). */
  n: number;
  pupilIds: string[];
  /** Per pupil: the pupil-year's other fields (year group, registration group, dates…). */
  attributes: Record<string, unknown>[];
  /** pupilIds.length × slotCount marks; pupil i's year is marks[i × slotCount, (i + 1) × slotCount). */
  marks: Uint8Array;
}

export interface PupilBlock {
  bucket: number;
  n: number;
  pupils: Pupil[];
}

export interface TotalsBlock {
  startYear: number;
  bucket: number;
  n: number;
  rows: PupilPeriodTotals[];
}

/** FNV-1a over UTF-16 code units: stable across browsers and releases (blocks on disk depend on it). */
export function bucketOf(pupilId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < pupilId.length; i++) {
    h ^= pupilId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}

/** Order as IndexedDB orders string keys (code units), so reads come back as they did from per-pupil records. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A stored year block as raw pupil-year records (marks are copies, never views); the restore step checks them. */
export function unpackYear(block: YearBlock): unknown[] {
  const ids = Array.isArray(block?.pupilIds) ? block.pupilIds : [];
  const slotCount = yearSlots(block.startYear).slotCount;
  const marks = block.marks instanceof Uint8Array ? block.marks : undefined;
  return ids.map((pupilId, i) => ({
    ...(block.attributes?.[i] ?? {}),
    pupilId,
    startYear: block.startYear,
    marks: marks ? marks.slice(i * slotCount, (i + 1) * slotCount) : block.marks,
  }));
}

/** One pupil's raw record from a year block, or undefined. */
export function unpackOne(block: YearBlock | undefined, pupilId: string): unknown {
  const i = block?.pupilIds?.indexOf(pupilId) ?? -1;
  if (!block || i < 0) return undefined;
  const slotCount = yearSlots(block.startYear).slotCount;
  const marks =
    block.marks instanceof Uint8Array ? block.marks.slice(i * slotCount, (i + 1) * slotCount) : block.marks;
  return { ...(block.attributes?.[i] ?? {}), pupilId, startYear: block.startYear, marks };
}

/** Pack restored pupil-years (marks of the year's length) into one block, sorted by pupil id. */
export function packYear(startYear: number, bucket: number, years: PupilYear[]): YearBlock {
  const slotCount = yearSlots(startYear).slotCount;
  const sorted = [...years].sort((a, b) => byCodeUnits(a.pupilId, b.pupilId));
  const marks = new Uint8Array(sorted.length * slotCount);
  const attributes = sorted.map((y, i) => {
    marks.set(y.marks.subarray(0, slotCount), i * slotCount);
    // As `const { pupilId, startYear, marks, ...attrs } = y`, in a loop: the rest pattern is a slow runtime call.
    const attrs: Record<string, unknown> = {};
    for (const k of Object.keys(y))
      if (k !== 'pupilId' && k !== 'startYear' && k !== 'marks')
        attrs[k] = (y as unknown as Record<string, unknown>)[k];
    return attrs;
  });
  return { startYear, bucket, n: sorted.length, pupilIds: sorted.map((y) => y.pupilId), attributes, marks };
}

export const packPupils = (bucket: number, pupils: Pupil[]): PupilBlock => ({
  bucket,
  n: pupils.length,
  pupils: [...pupils].sort((a, b) => byCodeUnits(a.id, b.id)),
});

const totalsOrder = (a: PupilPeriodTotals, b: PupilPeriodTotals) =>
  byCodeUnits(a.pupilId, b.pupilId) || byCodeUnits(a.periodLabel, b.periodLabel);

export const packTotals = (startYear: number, bucket: number, rows: PupilPeriodTotals[]): TotalsBlock => ({
  startYear,
  bucket,
  n: rows.length,
  rows: [...rows].sort(totalsOrder),
});

/** Sum of the indexed `n` of every block: a count that reads index keys only, never the blocks. */
export async function countItems<T extends { n: number }, K>(table: Table<T, K>): Promise<number> {
  const ns = (await table.orderBy('n').keys()) as number[];
  return ns.reduce((s, n) => s + n, 0);
}

/** Group per-pupil records into blocks (migration, backup restore). */
export function toBlocks(
  pupils: Pupil[],
  years: PupilYear[],
  totals: PupilPeriodTotals[],
): { pupilBlocks: PupilBlock[]; yearBlocks: YearBlock[]; totalsBlocks: TotalsBlock[] } {
  // A key given twice (a hand-edited backup) keeps its last row, as a keyed table would.
  const group = <T>(list: T[], key: (t: T) => string, id: (t: T) => string) => {
    const m = new Map<string, Map<string, T>>();
    for (const t of list) {
      const k = key(t);
      let g = m.get(k);
      if (!g) m.set(k, (g = new Map()));
      g.set(id(t), t);
    }
    return [...m].map(([k, g]): [string, T[]] => [k, [...g.values()]]);
  };
  const pupilBlocks = group(
    pupils,
    (p) => String(bucketOf(p.id)),
    (p) => p.id,
  ).map(([b, l]) => packPupils(+b, l));
  const yearKey = (y: { startYear: number; pupilId: string }) => `${y.startYear},${bucketOf(y.pupilId)}`;
  const yearBlocks = group(years, yearKey, (y) => y.pupilId).map(([k, l]) => {
    const [startYear, bucket] = k.split(',').map(Number);
    return packYear(startYear, bucket, l);
  });
  const totalsBlocks = group(totals, yearKey, (t) => `${t.pupilId}\u0000${t.periodLabel}`).map(([k, l]) => {
    const [startYear, bucket] = k.split(',').map(Number);
    return packTotals(startYear, bucket, l);
  });
  return { pupilBlocks, yearBlocks, totalsBlocks };
}
