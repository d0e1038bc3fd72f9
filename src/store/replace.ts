/**
 * Replacing what is stored — restoring a backup, removing demo data beside a real school — never destroys data:
 * a safety copy of everything (a backup file's bytes) is kept first in a database of its own, which the
 * replacement cannot clear, and the replacement adds a line to the imports log whose undo puts that copy back.
 * Undoing is itself a replacement, so it too can be undone. The newest SAFETY_COPIES copies are kept.
 */
import Dexie, { type Table } from 'dexie';
import { db as appDb, type RadarDb } from './db';
import { applyBackup, exportBackup, prepareBackup, type PreparedBackup, type RestoreResult } from './backup';
import { deleteDemoData } from './undo';
import { holdsData, pictureOf, type StorePicture } from './picture';
import { listImports, listYears, loadPupils } from './queries';
import { guardWrite, StoreError } from './errors';
import type { ImportLogEntry } from './types';
import type { Pupil } from '../domain/register';

export const SAFETY_COPIES = 3;

interface SafetyCopy {
  id: string;
  takenAt: string;
  /** What was about to replace the data, in words. */
  before: string;
  bytes: Uint8Array;
  picture: StorePicture;
}

class SafetyDb extends Dexie {
  copies!: Table<SafetyCopy, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ copies: 'id, takenAt' });
  }
}

const safetyDbs = new Map<string, SafetyDb>();
/** The safety copies of a store live beside it, under its name + "-safety" (wipeAllData deletes both). */
export function safetyDbOf(db: RadarDb): SafetyDb {
  let s = safetyDbs.get(db.name);
  if (!s) safetyDbs.set(db.name, (s = new SafetyDb(`${db.name}-safety`)));
  return s;
}

/** Delete a store's safety copies (with "Delete all data"). */
export async function deleteSafetyCopies(db: RadarDb = appDb): Promise<void> {
  const s = safetyDbOf(db);
  safetyDbs.delete(db.name);
  await s.delete();
}

/** What the store holds now, for the confirmation beside a backup's picture. */
export async function describeStore(db: RadarDb = appDb): Promise<StorePicture> {
  const [pupils, years, imports, actions] = await Promise.all([
    loadPupils(undefined, db),
    listYears(db),
    listImports(undefined, db),
    db.interventions.count(),
  ]);
  return pictureOf({ pupils, years, imports, actions });
}

export interface CheckedBackup {
  fileName: string;
  createdAt: string;
  picture: StorePicture;
  prepared: PreparedBackup;
}

/** Open and check a backup completely (nothing is written) and say what it holds. */
export async function checkBackup(file: Blob, fileName: string, passphrase?: string): Promise<CheckedBackup> {
  const prepared = await prepareBackup(file, { passphrase });
  const r = prepared.rows;
  const picture = pictureOf({
    pupils: r.pupils as Pupil[],
    years: r.pupilYears as { startYear: number }[],
    imports: r.imports as ImportLogEntry[],
    actions: r.interventions.length,
  });
  return { fileName, createdAt: prepared.createdAt, picture, prepared };
}

/** Keep a copy of everything stored, unless there is nothing to lose. Returns its id, or null. */
async function takeSafetyCopy(db: RadarDb, before: string): Promise<string | null> {
  const picture = await describeStore(db);
  if (!holdsData(picture)) return null;
  const bytes = new Uint8Array(await (await exportBackup({}, db)).arrayBuffer());
  const s = safetyDbOf(db);
  const id = `${new Date().toISOString()}-${Math.random().toString(36).slice(2, 8)}`;
  await guardWrite(
    () =>
      s.transaction('rw', s.copies, async () => {
        await s.copies.put({ id, takenAt: new Date().toISOString(), before, bytes, picture });
        const old = await s.copies.orderBy('takenAt').reverse().offset(SAFETY_COPIES).primaryKeys();
        await s.copies.bulkDelete(old);
      }),
    'keep a safety copy of what is here first (so nothing was replaced)',
  );
  return id;
}

function logLine(
  kind: 'restore' | 'demo-removal',
  fileName: string,
  copy: string,
  picture: StorePicture,
): Omit<ImportLogEntry, 'id'> {
  return {
    kind,
    safetyCopy: copy,
    fileName,
    layout: 'long',
    dateRange: [picture.from, picture.to],
    rowCounts: { read: 0, imported: 0, skipped: 0 },
    warnings: [],
    importedAt: new Date().toISOString(),
    pupils: picture.pupils,
    years: picture.years,
  };
}

/** Replace the store with a checked backup, keeping a safety copy of what was here first. */
export async function restoreChecked(
  checked: CheckedBackup,
  db: RadarDb = appDb,
  label = `Restored backup ${checked.fileName}`,
): Promise<RestoreResult> {
  const copy = await takeSafetyCopy(db, label);
  return applyBackup(
    checked.prepared,
    db,
    copy ? logLine('restore', label, copy, checked.picture) : undefined,
  );
}

/** Remove the demo pupils; when a real school is stored beside them, keep a safety copy first and log it. */
export async function removeDemoKeepingCopy(db: RadarDb = appDb): Promise<number> {
  const here = await describeStore(db);
  if (here.demoPupils === 0) return 0;
  const real = here.pupils - here.demoPupils;
  if (real === 0 && here.actions === 0) return deleteDemoData(db);
  const copy = await takeSafetyCopy(db, 'Removed demo data');
  return deleteDemoData(db, copy ? logLine('demo-removal', 'Removed demo data', copy, here) : undefined);
}

/** Undo a restore or a demo removal: put its safety copy back (itself a replacement, so it can be undone too). */
export async function undoReplacement(entry: ImportLogEntry, db: RadarDb = appDb): Promise<RestoreResult> {
  const what = entry.kind === 'restore' ? `the restore (${entry.fileName})` : 'the demo data removal';
  const copy = entry.safetyCopy ? await safetyDbOf(db).copies.get(entry.safetyCopy) : undefined;
  if (!copy)
    throw new StoreError(
      `${what[0].toUpperCase()}${what.slice(1)} can no longer be undone: its safety copy is not on this device (only the newest ${SAFETY_COPIES} are kept). Nothing was changed.`,
      'conflict',
    );
  const checked = await checkBackup(new Blob([copy.bytes as BlobPart]), 'safety copy');
  return restoreChecked(checked, db, `Undid ${what}`);
}
