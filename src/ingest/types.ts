/**
 * Types the importer shares with the store. PupilPeriodTotals and ImportBatch are the store's own
 * (src/store/types.ts), re-exported here so ingest code has one place to import them from.
 */
export type { PupilPeriodTotals, ImportBatch, ImportMeta } from '../store/types';
