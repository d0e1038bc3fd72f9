/** Tiny data builders for the store tests. Import 'fake-indexeddb/auto' before this file. */
import type Dexie from 'dexie';
import { afterEach } from 'vitest';
import { markId } from '../../src/domain/codes';
import { yearSlots, type Pupil, type PupilYear } from '../../src/domain/register';
import { RadarDb } from '../../src/store/db';
import type { ImportBatch, ImportMeta } from '../../src/store/types';

export const Y = 2024;
export const SLOTS = yearSlots(Y).slotCount;
export const PRESENT = markId('/');
export const ILL = markId('I');
export const UNAUTH = markId('O');
export const LATE = markId('L');

/** A fresh database per test, so tests never see each other's data. */
export function freshDb(): RadarDb {
  return new RadarDb(`test-${crypto.randomUUID()}`);
}

/** Marks for `startYear` with the given slot → mark id; every other slot has no mark. */
export function marks(set: Record<number, number>, startYear = Y): Uint8Array {
  const m = new Uint8Array(yearSlots(startYear).slotCount);
  for (const [s, id] of Object.entries(set)) m[+s] = id;
  return m;
}

export function pupilYear(
  pupilId: string,
  set: Record<number, number>,
  attrs: Partial<PupilYear> = {},
): PupilYear {
  return { pupilId, startYear: Y, marks: marks(set, attrs.startYear ?? Y), ...attrs };
}

export function pupil(id: string, attrs: Partial<Pupil> = {}): Pupil {
  return { id, ...attrs };
}

export function meta(fileName: string, layout: ImportMeta['layout'] = 'long'): ImportMeta {
  return {
    fileName,
    layout,
    dateRange: ['2024-09-02', '2024-10-18'],
    rowCounts: { read: 10, imported: 10, skipped: 0 },
    warnings: [],
  };
}

export function batch(pupils: Pupil[], years: PupilYear[], extra: Partial<ImportBatch> = {}): ImportBatch {
  return { pupils, years, totals: [], ...extra };
}

/** Everything an officer could see, sorted, for deep-equal comparisons (the imports log and undo apart). */
export async function contents(db: RadarDb) {
  const byKey = <T>(rows: T[], key: (r: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b)));
  return {
    pupils: byKey(await db.pupils.toArray(), (p) => p.id),
    pupilYears: byKey(await db.pupilYears.toArray(), (y) => `${y.pupilId} ${y.startYear}`),
    periodTotals: byKey(
      await db.periodTotals.toArray(),
      (t) => `${t.pupilId} ${t.startYear} ${t.periodLabel}`,
    ),
    interventions: await db.interventions.toArray(),
  };
}

/** Deletes every database a test registers once that test ends; returns the function that registers one. */
export function deleteAfterEach(): <T extends Dexie>(db: T) => T {
  const opened: Dexie[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });
  return (db) => {
    opened.push(db);
    return db;
  };
}
