/** The one place the app shell reaches into the store, the importer and the model. */
export {
  listYears,
  loadYear,
  loadPupils,
  loadTotals,
  listImports,
  addIntervention,
  listInterventions,
  updateIntervention,
  deleteIntervention,
  getSetting,
  setSetting,
  storageSummary,
  undoImport,
  exportBackup,
  backupFileName,
  checkBackup,
  describeStore,
  restoreChecked,
  removeDemoKeepingCopy,
  undoReplacement,
  listModels,
  onStoreEvent,
  listenToOtherTabs,
  explainWriteError,
  staleReason,
  saveRiskSnapshot,
  latestRiskSnapshot,
  listRiskSnapshots,
} from '../store';
export { requestPersistence, wipeAllData } from '../store/page';
export { createImporter, type Importer } from '../workers/page/import-client';
export { loadDemo } from '../workers/page/demo-client';
/** The model client, loaded on first use: the page bundle stays small and tfjs stays in its worker. */
export type ScoreClient = typeof import('../workers/page/score-client');
export function scoreClient(): Promise<ScoreClient> {
  return import('../workers/page/score-client');
}
