/** The one place the app shell reaches into the store, the importer and the model. */
export {
  listYears,
  loadYear,
  loadPupils,
  listImports,
  addIntervention,
  listInterventions,
  deleteIntervention,
  getSetting,
  setSetting,
  storageSummary,
  readProblems,
  undoImport,
  deleteDemoData,
  requestPersistence,
  exportBackup,
  restoreBackup,
  backupFileName,
  wipeAllData,
  listModels,
  onStoreEvent,
  saveRiskSnapshot,
  latestRiskSnapshot,
  listRiskSnapshots,
} from '../store';
export { createImporter, type Importer } from '../workers/import-client';
/** The model client, loaded on first use: the page bundle stays small and tfjs stays in its worker. */
export type ScoreClient = typeof import('../workers/score-client');
export function scoreClient(): Promise<ScoreClient> {
  return import('../workers/score-client');
}
