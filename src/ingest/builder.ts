/**
 * Collects what a file says into packed registers: one Uint8Array of mark ids per pupil per school year.
 * This is all the importer keeps while it streams a file (50,000 pupils ≈ 26 MB), never the rows.
 */
import { CODE_BY_ID, NO_MARK, usedAfterWithdrawal } from '../domain/codes';
import {
  isoFromEpochDay,
  schoolYearOf,
  slotOf,
  yearSlots,
  type Pupil,
  type PupilYear,
} from '../domain/register';
import type { NamedPeriodTotals as PupilPeriodTotals } from '../domain/summary';

export interface YearEntry {
  year: PupilYear;
  /** 1 per slot the file gave a row for (even a blank mark): a re-import overwrites exactly those. */
  covered: Uint8Array;
}

export interface PupilEntry {
  pupil: Pupil;
  years: Map<number, YearEntry>;
  /** The year last written, so a block of rows in one year skips the map lookup. */
  lastYear?: YearEntry;
}

export type SetResult = 'ok' | 'same' | 'conflict' | 'weekend';

/** Dates outside this window are taken as typing or conversion errors, not real sessions. */
export const EARLIEST_DATE = '2000-09-01';

/** Slab size for marks and coverage: 64 pupil-years' worth (both arrays). */
const SLAB_BYTES = 128 * 1024;

export class RegisterBuilder {
  readonly pupils = new Map<string, PupilEntry>();
  readonly totals: PupilPeriodTotals[] = [];
  firstDate = '';
  lastDate = '';
  marksSet = 0;

  pupil(id: string): PupilEntry {
    let p = this.pupils.get(id);
    if (!p) this.pupils.set(id, (p = { pupil: { id }, years: new Map() }));
    return p;
  }

  yearOf(entry: PupilEntry, startYear: number): YearEntry {
    const last = entry.lastYear;
    if (last && last.year.startYear === startYear) return last;
    let y = entry.years.get(startYear);
    if (!y) {
      const n = yearSlots(startYear).slotCount;
      y = { year: { pupilId: entry.pupil.id, startYear, marks: this.take(n) }, covered: this.take(n) };
      entry.years.set(startYear, y);
    }
    entry.lastYear = y;
    return y;
  }

  private slab = new Uint8Array(0);
  private slabAt = 0;

  /**
   * n zeroed bytes for a pupil-year's marks or coverage, cut from a shared slab: a typed array of its own for each
   * (two per pupil-year) was ~8% of a wide file's first read. They are views, so nothing stores them as they
   * are: the store always merges into fresh arrays (merge.ts) and staging copies views (registers.ts).
   * Each starts on an 8-byte boundary, so coverage can be combined a word at a time (src/workers/worker/import-batches.ts).
   */
  private take(n: number): Uint8Array {
    const stride = (n + 7) & ~7;
    if (this.slabAt + stride > this.slab.length) {
      // Small at first (a preview reads a few rows), doubling to SLAB_BYTES.
      this.slab = new Uint8Array(Math.max(Math.min(SLAB_BYTES, this.slab.length * 2 || 8192), stride));
      this.slabAt = 0;
    }
    const view = this.slab.subarray(this.slabAt, this.slabAt + n);
    this.slabAt += stride;
    return view;
  }

  /** Record one session's mark. A second, different mark for the same session keeps the first. */
  setMark(entry: PupilEntry, iso: string, session: 0 | 1, id: number): SetResult {
    const startYear = schoolYearOf(iso);
    const slot = slotOf(yearSlots(startYear), iso, session);
    if (slot < 0) return 'weekend';
    return this.setSlot(entry, startYear, slot, id, iso);
  }

  /** setMark with the slot already worked out (the long reader caches it per date). */
  setSlot(entry: PupilEntry, startYear: number, slot: number, id: number, iso: string): SetResult {
    const y = this.yearOf(entry, startYear);
    if (y.covered[slot]) {
      if (y.year.marks[slot] === id) return 'same';
      return 'conflict';
    }
    y.covered[slot] = 1;
    y.year.marks[slot] = id;
    if (id !== NO_MARK) this.marksSet++;
    if (this.firstDate === '' || iso < this.firstDate) this.firstDate = iso;
    if (iso > this.lastDate) this.lastDate = iso;
    return 'ok';
  }

  /**
   * setSlot for a run of sessions in one school year from `slot0` (a plain wide cell: ids[k] → slot0 + k,
   * 0 = nothing written). Returns how many marks were newly set, or -1, having written nothing, when any session
   * already holds a different mark (the caller then goes session by session to report each conflict).
   */
  setRun(
    entry: PupilEntry,
    startYear: number,
    slot0: number,
    ids: Uint8Array,
    days: readonly string[],
  ): number {
    const y = this.yearOf(entry, startYear);
    const { covered } = y;
    const marks = y.year.marks;
    const n = ids.length;
    if (n > 31) return this.setRunChecked(y, slot0, ids, days);
    // One pass (this runs for every mark of a wide file): write as we go and, at a conflict, take back what this
    // run wrote (bit k of `wrote`). A slot no row covered yet always holds 0, so taking back means writing 0.
    let wrote = 0;
    let set = 0;
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (id === NO_MARK) continue;
      const s = slot0 + k;
      if (covered[s]) {
        if (marks[s] === id) continue;
        for (let j = 0; j < k; j++)
          if (wrote & (1 << j)) {
            covered[slot0 + j] = 0;
            marks[slot0 + j] = NO_MARK;
          }
        return -1;
      }
      covered[s] = 1;
      marks[s] = id;
      wrote |= 1 << k;
      set++;
    }
    if (set > 0) this.noteRun(days, 31 - Math.clz32(wrote & -wrote), 31 - Math.clz32(wrote), set);
    return set;
  }

  /** setRun for runs too long for a bit per session: check every session first, then write. */
  private setRunChecked(y: YearEntry, slot0: number, ids: Uint8Array, days: readonly string[]): number {
    const { covered } = y;
    const marks = y.year.marks;
    const n = ids.length;
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (id !== NO_MARK && covered[slot0 + k] && marks[slot0 + k] !== id) return -1;
    }
    let set = 0;
    let first = -1;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      const s = slot0 + k;
      if (id === NO_MARK || covered[s]) continue;
      covered[s] = 1;
      marks[s] = id;
      set++;
      if (first < 0) first = k;
      last = k;
    }
    if (set > 0) this.noteRun(days, first, last, set);
    return set;
  }

  /** Count a run's new marks and widen the file's date range to its first and last (sessions k → days[k >> 1]). */
  private noteRun(days: readonly string[], first: number, last: number, set: number): void {
    this.marksSet += set;
    const from = days[first >> 1];
    const to = days[last >> 1];
    if (this.firstDate === '' || from < this.firstDate) this.firstDate = from;
    if (to > this.lastDate) this.lastDate = to;
  }

  existingMark(entry: PupilEntry, iso: string, session: 0 | 1): number {
    const startYear = schoolYearOf(iso);
    const y = entry.years.get(startYear);
    if (!y) return NO_MARK;
    return y.year.marks[slotOf(yearSlots(startYear), iso, session)] ?? NO_MARK;
  }

  noteRange(from: string, to: string): void {
    if (this.firstDate === '' || from < this.firstDate) this.firstDate = from;
    if (to > this.lastDate) this.lastDate = to;
  }
}

/** Whether a legacy code was used after it stopped being valid (reported, still imported). */
export function legacyAfterWithdrawal(id: number, iso: string): boolean {
  const c = CODE_BY_ID[id];
  return !!c?.legacy && usedAfterWithdrawal(c, iso);
}

/** Latest plausible date: a year ahead of when the module loaded (checked per row, so computed once). */
const LATEST_DATE = isoFromEpochDay(Math.floor(Date.now() / 86_400_000) + 366);

/** A plausible register date: not before 2000, not more than a year ahead of today. ISO strings compare as dates. */
export function plausibleDate(iso: string, latest = LATEST_DATE): boolean {
  return iso >= EARLIEST_DATE && iso <= latest;
}
