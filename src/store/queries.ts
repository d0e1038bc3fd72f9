/**
 * The read API and the small repositories (interventions, settings, mappings, models, risk snapshots).
 * Everything read passes the restore step; fixes and skipped records go to `problems` (default: readProblems()).
 */
import { db as appDb, type RadarDb } from './db';
import { bucketOf, byCodeUnits, countItems, unpackOne, unpackYear } from './blocks';
import * as R from './restore';
import { guardWrite } from './errors';
import type { Problems } from './restore';
import type { Pupil, PupilYear } from '../domain/register';
import type {
  ColumnMapping,
  ImportLogEntry,
  Intervention,
  PupilPeriodTotals,
  RiskSnapshot,
  StoredModel,
  StoredModelArtifacts,
} from './types';

const MAX_KEPT = 200;
const recent: Problems = [];

/** Problems found while reading since the last call (at most 200 kept); the caller shows or logs them. */
export function readProblems(): Problems {
  return recent.splice(0, recent.length);
}

function sink(problems?: Problems): Problems {
  if (problems) return problems;
  if (recent.length > MAX_KEPT) recent.splice(0, recent.length - MAX_KEPT);
  return recent;
}

/** School years (start years) with any register, oldest first. */
export async function listYears(db: RadarDb = appDb): Promise<number[]> {
  const years = (await db.yearBlocks.orderBy('startYear').uniqueKeys()) as number[];
  const totals = (await db.totalsBlocks.orderBy('startYear').uniqueKeys()) as number[];
  return [...new Set([...years, ...totals])].sort((a, b) => a - b);
}

/** Every pupil-year of a school year, by pupil id. */
export async function loadYear(
  startYear: number,
  problems?: Problems,
  db: RadarDb = appDb,
): Promise<PupilYear[]> {
  const blocks = await db.yearBlocks.where('startYear').equals(startYear).toArray();
  const out = R.restoreAll(blocks.flatMap(unpackYear), R.restorePupilYear, sink(problems));
  return out.sort((a, b) => byCodeUnits(a.pupilId, b.pupilId));
}

/** One pupil's school years, oldest first. */
export async function loadPupilYears(
  pupilId: string,
  problems?: Problems,
  db: RadarDb = appDb,
): Promise<PupilYear[]> {
  const years = (await db.yearBlocks.orderBy('startYear').uniqueKeys()) as number[];
  const blocks = await db.yearBlocks.bulkGet(years.map((y): [number, number] => [y, bucketOf(pupilId)]));
  const raw = blocks.map((b) => unpackOne(b, pupilId)).filter((r) => r !== undefined);
  return R.restoreAll(raw, R.restorePupilYear, sink(problems));
}

/** Every pupil, by id. */
export async function loadPupils(problems?: Problems, db: RadarDb = appDb): Promise<Pupil[]> {
  const raw = (await db.pupilBlocks.toArray()).flatMap((b) => (Array.isArray(b.pupils) ? b.pupils : []));
  const out = R.restoreAll(raw, R.restorePupil, sink(problems));
  return out.sort((a, b) => byCodeUnits(a.id, b.id));
}

export async function loadPupil(
  id: string,
  problems?: Problems,
  db: RadarDb = appDb,
): Promise<Pupil | undefined> {
  const block = await db.pupilBlocks.get(bucketOf(id));
  const raw = Array.isArray(block?.pupils) ? block.pupils.find((p) => p?.id === id) : undefined;
  return raw ? (R.restorePupil(raw, sink(problems)) ?? undefined) : undefined;
}

/** A school year's period totals, by pupil then period. */
export async function loadTotals(
  startYear: number,
  problems?: Problems,
  db: RadarDb = appDb,
): Promise<PupilPeriodTotals[]> {
  const blocks = await db.totalsBlocks.where('startYear').equals(startYear).toArray();
  const raw = blocks.flatMap((b) => (Array.isArray(b.rows) ? b.rows : []));
  const out = R.restoreAll(raw, R.restoreTotals, sink(problems));
  return out.sort((a, b) => byCodeUnits(a.pupilId, b.pupilId) || byCodeUnits(a.periodLabel, b.periodLabel));
}

/** The imports log, newest first. */
export async function listImports(problems?: Problems, db: RadarDb = appDb): Promise<ImportLogEntry[]> {
  const raw = await db.imports.orderBy('id').reverse().toArray();
  return R.restoreAll(raw, R.restoreImport, sink(problems));
}

// Interventions

export async function addIntervention(
  i: Omit<Intervention, 'id'>,
  db: RadarDb = appDb,
): Promise<Intervention> {
  const checked = R.restoreIntervention({ ...i, id: 0 }, []);
  if (!checked || checked.kind !== i.kind)
    throw new Error('An intervention needs a pupil, an ISO date and a known kind.');
  if (i.followUp !== undefined && checked.followUp !== i.followUp)
    throw new Error('A follow-up date must be an ISO date (yyyy-mm-dd).');
  const { id: _id, ...rest } = checked;
  const id = (await guardWrite(() => db.interventions.add(rest), 'save this action')) as number;
  return { ...rest, id };
}

/** Interventions, oldest first; for one pupil when pupilId is given. */
export async function listInterventions(
  pupilId?: string,
  problems?: Problems,
  db: RadarDb = appDb,
): Promise<Intervention[]> {
  const raw =
    pupilId === undefined
      ? await db.interventions.toArray()
      : await db.interventions.where('pupilId').equals(pupilId).toArray();
  const list = R.restoreAll(raw, R.restoreIntervention, sink(problems));
  return list.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
}

export async function updateIntervention(
  id: number,
  changes: Partial<Omit<Intervention, 'id'>>,
  db: RadarDb = appDb,
): Promise<Intervention> {
  return guardWrite(
    () =>
      db.transaction('rw', db.interventions, async () => {
        const old = await db.interventions.get(id);
        if (!old) throw new Error('That intervention no longer exists.');
        const next = R.restoreIntervention({ ...old, ...changes, id }, []);
        if (!next || (changes.kind && next.kind !== changes.kind))
          throw new Error('An intervention needs an ISO date and a known kind.');
        await db.interventions.put(next);
        return next;
      }),
    'save this change',
  );
}

export async function deleteIntervention(id: number, db: RadarDb = appDb): Promise<void> {
  await guardWrite(() => db.interventions.delete(id), 'delete this action');
}

// Settings (calendar overrides, chosen model, …): plain JSON-like values.

export async function getSetting<T>(key: string, fallback: T, db: RadarDb = appDb): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(key: string, value: unknown, db: RadarDb = appDb): Promise<void> {
  await guardWrite(() => db.settings.put({ key, value }), 'save this setting');
}

// Column mappings, keyed by a signature of the file's header row.

export async function getMapping(signature: string, db: RadarDb = appDb): Promise<ColumnMapping | undefined> {
  const raw = await db.mappings.get(signature);
  return raw ? (R.restoreMapping(raw, sink()) ?? undefined) : undefined;
}

export async function setMapping(m: Omit<ColumnMapping, 'savedAt'>, db: RadarDb = appDb): Promise<void> {
  await db.mappings.put({ ...m, columns: { ...m.columns }, savedAt: new Date().toISOString() });
}

// School-trained models.

/** Save artifacts as produced by a tfjs IOHandler's save(); several weight buffers are joined into one. */
export async function saveModel(
  id: string,
  artifacts: Omit<StoredModelArtifacts, 'weightData'> & { weightData: ArrayBuffer | ArrayBuffer[] },
  meta: Record<string, unknown> = {},
  db: RadarDb = appDb,
): Promise<void> {
  const parts = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  await db.models.put({
    id,
    savedAt: new Date().toISOString(),
    artifacts: { ...artifacts, weightData: joined.buffer },
    meta,
  });
}

export async function loadModel(id: string, db: RadarDb = appDb): Promise<StoredModel | undefined> {
  const raw = await db.models.get(id);
  return raw ? (R.restoreModel(raw, sink()) ?? undefined) : undefined;
}

export async function listModels(
  db: RadarDb = appDb,
): Promise<{ id: string; savedAt: string; meta: Record<string, unknown> }[]> {
  const all = R.restoreAll(await db.models.toArray(), R.restoreModel, sink());
  return all.map(({ id, savedAt, meta }) => ({ id, savedAt, meta }));
}

export async function deleteModel(id: string, db: RadarDb = appDb): Promise<void> {
  await db.models.delete(id);
}

// Risk snapshots: p(persistent absence) per pupil after each import, to show who is newly at risk.

export async function saveRiskSnapshot(
  s: Omit<RiskSnapshot, 'id' | 'createdAt'>,
  db: RadarDb = appDb,
): Promise<RiskSnapshot> {
  const row = { ...s, pPa: { ...s.pPa }, createdAt: new Date().toISOString() };
  const id = (await db.riskSnapshots.add(row)) as number;
  return { ...row, id };
}

/** The newest snapshot, or the newest one saved before `beforeId` (the previous import's, to compare with). */
export async function latestRiskSnapshot(
  beforeId?: number,
  db: RadarDb = appDb,
): Promise<RiskSnapshot | undefined> {
  const coll =
    beforeId === undefined ? db.riskSnapshots.orderBy('id') : db.riskSnapshots.where('id').below(beforeId);
  const raw = await coll.last();
  return raw ? (R.restoreSnapshot(raw, sink()) ?? undefined) : undefined;
}

export async function listRiskSnapshots(db: RadarDb = appDb): Promise<Omit<RiskSnapshot, 'pPa'>[]> {
  const all = R.restoreAll(await db.riskSnapshots.toArray(), R.restoreSnapshot, sink());
  return all.map(({ pPa: _p, ...rest }) => rest);
}

/**
 * Record counts per table, for the data screen and the benchmark. pupils, pupilYears and periodTotals count
 * pupils, pupil-years and totals rows (as before blocks); the *Blocks tables count stored blocks.
 */
export async function storageSummary(db: RadarDb = appDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of db.tables) out[t.name] = await t.count();
  out.pupils = await countItems(db.pupilBlocks);
  out.pupilYears = await countItems(db.yearBlocks);
  out.periodTotals = await countItems(db.totalsBlocks);
  return out;
}
