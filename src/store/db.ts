/**
 * The one Dexie database: schema, versions and migrations. Only src/store imports Dexie.
 *
 * Marks are stored one record per pupil per school year (a packed Uint8Array): IndexedDB cost is per record,
 * so one record per mark would be ~500× slower (see /work/shared/perf-notes.md).
 * To change the schema: add `this.version(N + 1).stores({...}).upgrade(...)` below; never edit an old version,
 * because browsers already hold databases created with it.
 */
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { Pupil, PupilYear } from '../domain/register';
import type {
  ColumnMapping,
  ImportLogEntry,
  Intervention,
  PupilPeriodTotals,
  RiskSnapshot,
  Setting,
  StagedRecord,
  StoredModel,
  UndoBlock,
} from './types';

export const DB_NAME = 'attendance-radar';

/** Version 1, as first shipped. Exported so tests can create a v1 database and check the migration. */
export const SCHEMA_V1: Record<string, string> = {
  pupils: 'id',
  pupilYears: '[pupilId+startYear], startYear',
  periodTotals: '[pupilId+startYear+periodLabel], startYear',
  imports: '++id',
  undo: '++seq, importId',
  staging: '[stagingId+seq]',
  mappings: 'signature',
  interventions: '++id, pupilId',
  settings: 'key',
  models: 'id',
};

/** Version 2 keeps every risk snapshot in its own table (v1 kept only the last one, in settings). */
export const SCHEMA_V2: Record<string, string> = { ...SCHEMA_V1, riskSnapshots: '++id, asOf, importId' };

export const CURRENT_VERSION = 2;

/** The v1 settings key that held the last-seen risk snapshot; moved to riskSnapshots by the v2 upgrade. */
export const V1_SNAPSHOT_SETTING = 'lastRiskSnapshot';

export type StoreEvent = { type: 'versionchange'; message: string } | { type: 'blocked'; message: string };

export class RadarDb extends Dexie {
  pupils!: Table<Pupil, string>;
  pupilYears!: Table<PupilYear, [string, number]>;
  periodTotals!: Table<PupilPeriodTotals, [string, number, string]>;
  imports!: EntityTable<ImportLogEntry, 'id'>;
  undo!: Table<UndoBlock, number>;
  staging!: Table<StagedRecord, [string, number]>;
  mappings!: Table<ColumnMapping, string>;
  interventions!: EntityTable<Intervention, 'id'>;
  settings!: Table<Setting, string>;
  models!: Table<StoredModel, string>;
  riskSnapshots!: EntityTable<RiskSnapshot, 'id'>;

  private listeners = new Set<(e: StoreEvent) => void>();

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        const old = await tx.table('settings').get(V1_SNAPSHOT_SETTING);
        const v = old?.value as { asOf?: unknown; scores?: unknown; importId?: unknown } | undefined;
        if (v && typeof v.asOf === 'string' && v.scores && typeof v.scores === 'object') {
          const snapshot: Omit<RiskSnapshot, 'id'> = {
            asOf: v.asOf,
            createdAt: new Date().toISOString(),
            pPa: v.scores as Record<string, number>,
          };
          if (typeof v.importId === 'number') snapshot.importId = v.importId;
          await tx.table('riskSnapshots').add(snapshot);
        }
        if (old) await tx.table('settings').delete(V1_SNAPSHOT_SETTING);
      });

    // Another tab opened a newer version (or is deleting the database): Dexie closes this connection so it
    // is not blocked; the UI must tell the user to reload this tab.
    this.on('versionchange', (ev) => {
      this.emit({
        type: 'versionchange',
        message:
          ev.newVersion === null || ev.newVersion === 0
            ? 'The data was deleted in another tab. Reload this tab.'
            : 'A newer version of Attendance Radar was opened in another tab. Reload this tab to carry on.',
      });
    });
    this.on('blocked', () => {
      this.emit({
        type: 'blocked',
        message: 'Attendance Radar is open in another tab with an older version. Close that tab to carry on.',
      });
    });
  }

  /** Subscribe to versionchange/blocked; returns an unsubscribe function. */
  onStoreEvent(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: StoreEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/** The app's database. Tests and benchmarks may create their own RadarDb and pass it to the store functions. */
export const db = new RadarDb();
