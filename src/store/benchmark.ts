/**
 * Store timings, shared by the Node micro-benchmark (bench/store.bench.ts, fake-indexeddb: relative figures only)
 * and the browser benchmark (real IndexedDB). Uses its own throw-away database, never the app's.
 */
import { markId } from '../domain/codes';
import { yearSlots, type Pupil, type PupilYear } from '../domain/register';
import { RadarDb } from './db';
import { beginImport, commitImport, finishImport, stageChunk } from './registers';
import { loadYear } from './queries';
import type { ImportBatch, ImportMeta } from './types';

export interface StoreTiming {
  pupils: number;
  /** commitImport of every pupil × a full year, one transaction. */
  commitMs: number;
  /** The same file again (every record merged with an existing one). */
  recommitMs: number;
  /** beginImport + stageChunk(2,000 pupils) × n + finishImport. */
  stagedMs: number;
  /** loadYear, restore step included. */
  loadYearMs: number;
}

const now = () => performance.now();

/** A year of plausible marks: mostly present, a few illness and unauthorised sessions. */
export function syntheticBatch(n: number, startYear = 2024, offset = 0): ImportBatch {
  const slots = yearSlots(startYear).slotCount;
  const [present, ill, unauth] = [markId('/'), markId('I'), markId('O')];
  const pupils: Pupil[] = [];
  const years: PupilYear[] = [];
  for (let i = offset; i < offset + n; i++) {
    const marks = new Uint8Array(slots).fill(present);
    for (let s = i % 37; s < slots; s += 41) marks[s] = i % 3 ? ill : unauth;
    pupils.push({ id: `P${i}` });
    years.push({ pupilId: `P${i}`, startYear, yearGroup: String(7 + (i % 5)), marks });
  }
  return { pupils, years, totals: [] };
}

const META: ImportMeta = {
  fileName: 'bench.csv',
  layout: 'long',
  dateRange: ['2024-09-02', '2025-07-18'],
  rowCounts: { read: 0, imported: 0, skipped: 0 },
  warnings: [],
};

export async function measureStore(pupils: number, chunk = 2000): Promise<StoreTiming> {
  const db = new RadarDb(`attendance-radar-bench-${pupils}-${Date.now()}`);
  try {
    const file = syntheticBatch(pupils);
    let t = now();
    await commitImport(file, META, db);
    const commitMs = now() - t;
    t = now();
    await commitImport(file, META, db);
    const recommitMs = now() - t;
    t = now();
    const rows = await loadYear(2024, [], db);
    const loadYearMs = now() - t;
    if (rows.length !== pupils) throw new Error(`read back ${rows.length} of ${pupils}`);
    await db.delete({ disableAutoOpen: false });
    t = now();
    const id = await beginImport(META, db);
    for (let i = 0; i < pupils; i += chunk)
      await stageChunk(id, syntheticBatch(Math.min(chunk, pupils - i), 2024, i), db);
    await finishImport(id, {}, db);
    const stagedMs = now() - t;
    return { pupils, commitMs, recommitMs, stagedMs, loadYearMs };
  } finally {
    await db.delete();
  }
}
