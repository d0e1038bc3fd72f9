/**
 * The store's public API: IndexedDB through Dexie, used only from here. Safe in a worker: nothing here touches
 * the page (localStorage, navigator.storage); those parts are in page.ts, for the page only.
 * Every function takes an optional last argument `db` (a RadarDb) for tests, benchmarks and workers;
 * the app uses the default singleton.
 */
import { db, type StoreEvent } from './db';

export { RadarDb, db, DB_NAME, CURRENT_VERSION, type StoreEvent } from './db';
export type * from './types';
export { INTERVENTION_KINDS } from './types';
export {
  commitImport,
  commitImportBatches,
  beginImport,
  stageChunk,
  finishImport,
  abandonImport,
  clearStaleStaging,
} from './registers';
export { undoImport, deleteDemoData } from './undo';
export {
  readProblems,
  listYears,
  loadYear,
  loadPupilYears,
  loadPupils,
  loadPupil,
  loadTotals,
  listImports,
  addIntervention,
  listInterventions,
  updateIntervention,
  deleteIntervention,
  getSetting,
  setSetting,
  getMapping,
  setMapping,
  saveModel,
  loadModel,
  listModels,
  deleteModel,
  saveRiskSnapshot,
  latestRiskSnapshot,
  listRiskSnapshots,
  storageSummary,
} from './queries';
export {
  exportBackup,
  restoreBackup,
  readBackup,
  backupFileName,
  BACKUP_MESSAGES,
  type RestoreResult,
} from './backup';
export { QUOTA_MESSAGE, StoreError, isQuotaError, explainWriteError } from './errors';
export {
  checkBackup,
  describeStore,
  restoreChecked,
  removeDemoKeepingCopy,
  undoReplacement,
  type CheckedBackup,
} from './replace';
export type { StorePicture } from './picture';
export { mergeMarks, coverageFlags } from './merge';

/** Tell the UI when another tab upgrades or deletes the database (this tab then closes its connection). */
export const onStoreEvent = (listener: (e: StoreEvent) => void): (() => void) => db.onStoreEvent(listener);

/** A page hears at once when another page restores or removes data (this tab then stops writing: generation.ts). */
export const listenToOtherTabs = (): (() => void) => db.listenToOtherTabs();
export { OTHER_TAB_MESSAGE } from './generation';
/** Why this tab may no longer write (another tab deleted or replaced the data), or null. */
export const staleReason = (): string | null => db.generation.stale;
