/**
 * The one Dexie database: schema, versions and migrations. Only src/store imports Dexie.
 *
 * Since version 3, pupils, registers and period totals are stored in blocks (blocks.ts): IndexedDB cost is per
 * record, so one record per pupil-year was ~30× slower to write than 64 blocks (see ../shared/perf-notes.md).
 * To change the schema: add `this.version(N + 1).stores({...}).upgrade(...)` below; never edit an old version,
 * because browsers already hold databases created with it.
 */
import Dexie, { type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie';
import type { Pupil, PupilYear } from '../domain/register';
import {
  bucketOf,
  byCodeUnits,
  countItems,
  toBlocks,
  unpackOne,
  unpackYear,
  type PupilBlock,
  type TotalsBlock,
  type YearBlock,
} from './blocks';
import { Generation, installGenerationCheck, listenForReplacements, OTHER_TAB_MESSAGE } from './generation';
import { restoreAll, restoreIntervention, restorePupil, restorePupilYear, restoreTotals } from './restore';
import type {
  ColumnMapping,
  RestoreProblem,
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

/**
 * Version 3 adds the block tables and moves every pupil, pupil-year and totals row into them; version 4 drops
 * the emptied per-record tables (Dexie lets an upgrade read a table only if a later version deletes it).
 */
export const SCHEMA_V3: Record<string, string> = {
  ...SCHEMA_V2,
  pupilBlocks: 'bucket, n',
  yearBlocks: '[startYear+bucket], startYear, n',
  totalsBlocks: '[startYear+bucket], startYear, n',
};
export const SCHEMA_V4: Record<string, string | null> = {
  ...SCHEMA_V3,
  pupils: null,
  pupilYears: null,
  periodTotals: null,
};

/**
 * Version 5: actions become a case record (kind by the guidance's stages, owner, follow-up date, outcome); the
 * old five kinds are rewritten to the new ones, and follow-up dates are indexed for the "due" list.
 */
export const SCHEMA_V5: Record<string, string | null> = {
  ...SCHEMA_V4,
  interventions: '++id, pupilId, followUp',
};

export const CURRENT_VERSION = 5;

/** The v4 → v5 upgrade: every action through the restore step, which maps the old kinds. */
async function actionsToCaseRecords(tx: Transaction): Promise<void> {
  const table = tx.table('interventions');
  const problems: RestoreProblem[] = [];
  const actions = restoreAll(await table.toArray(), restoreIntervention, problems);
  await table.bulkPut(actions);
}

/** The v2 → v3 upgrade: every per-record row into its block, in the upgrade transaction. */
async function moveIntoBlocks(tx: Transaction): Promise<void> {
  // Through the restore step, as every read: a damaged old record must not stop the database opening.
  const problems: RestoreProblem[] = [];
  const pupils = restoreAll(await tx.table('pupils').toArray(), restorePupil, problems);
  const years = restoreAll(await tx.table('pupilYears').toArray(), restorePupilYear, problems);
  const totals = restoreAll(await tx.table('periodTotals').toArray(), restoreTotals, problems);
  const b = toBlocks(pupils, years, totals);
  await tx.table('pupilBlocks').bulkPut(b.pupilBlocks);
  await tx.table('yearBlocks').bulkPut(b.yearBlocks);
  await tx.table('totalsBlocks').bulkPut(b.totalsBlocks);
  // Undo history names pupils, not records, so it stays valid; the old tables are dropped by version 4.
  for (const t of ['pupils', 'pupilYears', 'periodTotals']) await tx.table(t).clear();
}

/**
 * Read-only per-record views of the blocks, shaped like the tables they replaced (raw values, before the
 * restore step): for tests, benchmarks and debugging. The app reads through queries.ts.
 */
export interface RecordView<T, K> {
  get(key: K): Promise<T | undefined>;
  count(): Promise<number>;
  toArray(): Promise<T[]>;
}

/** The v1 settings key that held the last-seen risk snapshot; moved to riskSnapshots by the v2 upgrade. */
export const V1_SNAPSHOT_SETTING = 'lastRiskSnapshot';

export type StoreEvent = { type: 'versionchange'; message: string } | { type: 'blocked'; message: string };

export class RadarDb extends Dexie {
  /** The data's generation this connection opened with, and whether another tab has made it stale. */
  readonly generation = new Generation();
  pupilBlocks!: Table<PupilBlock, number>;
  yearBlocks!: Table<YearBlock, [number, number]>;
  totalsBlocks!: Table<TotalsBlock, [number, number]>;
  pupils: RecordView<Pupil, string>;
  pupilYears: RecordView<PupilYear, [string, number]>;
  periodTotals: RecordView<PupilPeriodTotals, [string, number, string]>;
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
    this.version(3).stores(SCHEMA_V3).upgrade(moveIntoBlocks);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5).upgrade(actionsToCaseRecords);

    // Set after the versions: Dexie removes the old tables' properties when version 4 drops them.
    this.pupils = {
      get: async (id) => (await this.pupilBlocks.get(bucketOf(id)))?.pupils.find((p) => p.id === id),
      count: () => countItems(this.pupilBlocks),
      toArray: async () =>
        (await this.pupilBlocks.toArray()).flatMap((b) => b.pupils).sort((a, b) => byCodeUnits(a.id, b.id)),
    };
    this.pupilYears = {
      get: async ([id, y]) => unpackOne(await this.yearBlocks.get([y, bucketOf(id)]), id) as PupilYear,
      count: () => countItems(this.yearBlocks),
      toArray: async () => (await this.yearBlocks.toArray()).flatMap((b) => unpackYear(b) as PupilYear[]),
    };
    this.periodTotals = {
      get: async ([id, y, label]) =>
        (await this.totalsBlocks.get([y, bucketOf(id)]))?.rows.find(
          (t) => t.pupilId === id && t.periodLabel === label,
        ),
      count: () => countItems(this.totalsBlocks),
      toArray: async () => (await this.totalsBlocks.toArray()).flatMap((b) => b.rows),
    };

    // Another tab opened a newer version or is deleting the database: close this connection for good (Dexie would
    // re-open it on the next write and re-create what was deleted); the UI tells the user to reload this tab.
    this.on('versionchange', (ev) => {
      const deleted = ev.newVersion === null || ev.newVersion === 0;
      // Marking the connection stale tells the UI (onStale below).
      this.generation.markStale(
        deleted
          ? OTHER_TAB_MESSAGE
          : 'A newer version of Attendance Radar was opened in another tab. Reload this tab to carry on.',
      );
      this.close({ disableAutoOpen: true });
      return false;
    });
    this.on('blocked', () => {
      this.emit({
        type: 'blocked',
        message: 'Attendance Radar is open in another tab with an older version. Close that tab to carry on.',
      });
    });
    installGenerationCheck(this, this.generation);
    this.generation.onStale((message) => this.emit({ type: 'versionchange', message }));
  }

  /** A page hears at once when another page replaces the data (workers do not listen: generation.ts). */
  listenToOtherTabs(): () => void {
    return listenForReplacements(this.generation);
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
