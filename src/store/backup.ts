/**
 * One-file backups of everything the officer has entered or imported, and restoring them.
 *
 * File = "ARBACKUP" | u32 header length | header JSON (in clear) | payload | SHA-256 of everything before it.
 * payload = gzip(JSON of every table, bytes as base64), then AES-GCM encrypted when a passphrase is given; the
 * header records compression and the encryption parameters (algorithm, PBKDF2 iterations, salt, iv) and is
 * authenticated as AES-GCM additional data. A restore validates all of it before touching the store.
 */
import { CURRENT_VERSION, db as appDb, type RadarDb } from './db';
import * as C from './codec';
import * as R from './restore';
import { guardWrite, StoreError } from './errors';
import { announceReplacement, GENERATION_KEY, newGeneration } from './generation';
import { toBlocks, unpackYear } from './blocks';
import type { Pupil, PupilYear } from '../domain/register';
import type { ImportLogEntry, PupilPeriodTotals, RestoreProblem } from './types';

export const BACKUP_FORMAT = 'attendance-radar-backup';
export const BACKUP_VERSION = 1;
const MAGIC = new TextEncoder().encode('ARBACKUP');
const HASH_BYTES = 32;

export const BACKUP_MESSAGES = {
  notBackup: 'This file is not an Attendance Radar backup. Nothing was changed.',
  damaged: 'The backup file is damaged or incomplete. Nothing was changed.',
  newer:
    'This backup was made by a newer version of Attendance Radar. Update the app, then restore it. Nothing was changed.',
  needsPassphrase: 'This backup is protected by a passphrase. Enter it to restore.',
  wrongPassphrase: 'The passphrase is wrong or the file is damaged. Nothing was changed.',
} as const;

/**
 * The tables a backup carries, each with its restore step. Undo history and staging are not carried.
 * Pupils, pupil-years and totals are carried one entry each (as before blocks), so every backup restores alike.
 */
const TABLES = {
  pupils: R.restorePupil,
  pupilYears: R.restorePupilYear,
  periodTotals: R.restoreTotals,
  imports: R.restoreImport,
  mappings: R.restoreMapping,
  interventions: R.restoreIntervention,
  settings: (raw: unknown) => (raw && typeof (raw as { key?: unknown }).key === 'string' ? raw : null),
  models: R.restoreModel,
  riskSnapshots: R.restoreSnapshot,
} as const;
type TableName = keyof typeof TABLES;
const BLOCKED = new Set<string>(['pupils', 'pupilYears', 'periodTotals']);

/** The per-record entries of a table, read from its blocks where it has them. */
async function entries(db: RadarDb, name: TableName): Promise<unknown[]> {
  if (name === 'pupils') return (await db.pupilBlocks.toArray()).flatMap((b) => b.pupils);
  if (name === 'pupilYears') return (await db.yearBlocks.toArray()).flatMap(unpackYear);
  if (name === 'periodTotals') return (await db.totalsBlocks.toArray()).flatMap((b) => b.rows);
  // The data's generation belongs to this device's open tabs, not to the data (generation.ts).
  if (name === 'settings') return (await db.settings.toArray()).filter((s) => s.key !== GENERATION_KEY);
  return db.table(name).toArray();
}

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  compression: 'gzip' | 'none';
  encryption: null | {
    algorithm: 'AES-GCM';
    keyBits: 256;
    kdf: 'PBKDF2';
    hash: 'SHA-256';
    iterations: number;
    salt: string;
    iv: string;
  };
}

export interface RestoreResult {
  createdAt: string;
  counts: Record<TableName, number>;
  /** Records that needed fixing (e.g. padded marks). */
  problems: RestoreProblem[];
}

/** Bytes inside records (marks, model weights) become {$bytes: base64} so the payload is plain JSON. */
function toJson(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $bytes: C.bytesToBase64(v), as: 'u8' };
  if (v instanceof ArrayBuffer) return { $bytes: C.bytesToBase64(new Uint8Array(v)), as: 'ab' };
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

function fromJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJson);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$bytes === 'string') {
      const bytes = C.base64ToBytes(o.$bytes);
      return o.as === 'ab' ? bytes.buffer : bytes;
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromJson(x)]));
  }
  return v;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function exportBackup(opts: { passphrase?: string } = {}, db: RadarDb = appDb): Promise<Blob> {
  const names = Object.keys(TABLES) as TableName[];
  const tables: Record<string, unknown[]> = {};
  // One read transaction: a consistent picture even if another tab imports meanwhile.
  const stores = [
    ...names.filter((n) => !BLOCKED.has(n)).map((n) => db.table(n)),
    db.pupilBlocks,
    db.yearBlocks,
    db.totalsBlocks,
  ];
  await db.transaction('r', stores, async () => {
    for (const n of names) tables[n] = (await entries(db, n)).map(toJson);
  });
  const createdAt = new Date().toISOString();
  const json = new TextEncoder().encode(
    JSON.stringify({ schemaVersion: CURRENT_VERSION, createdAt, tables }),
  );
  const compression = C.canCompress() ? 'gzip' : 'none';
  let payload = compression === 'gzip' ? await C.gzip(json) : json;
  const header: Header = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    compression,
    encryption: null,
  };
  if (opts.passphrase) {
    const sealed = { salt: C.randomBytes(16), iv: C.randomBytes(12), iterations: C.PBKDF2_ITERATIONS };
    header.encryption = {
      algorithm: 'AES-GCM',
      keyBits: 256,
      kdf: 'PBKDF2',
      hash: 'SHA-256',
      iterations: sealed.iterations,
      salt: C.bytesToBase64(sealed.salt),
      iv: C.bytesToBase64(sealed.iv),
    };
    const headerBytes = new TextEncoder().encode(JSON.stringify(header));
    payload = await C.encrypt(payload, opts.passphrase, sealed, headerBytes);
    return seal(headerBytes, payload);
  }
  return seal(new TextEncoder().encode(JSON.stringify(header)), payload);
}

async function seal(headerBytes: Uint8Array, payload: Uint8Array): Promise<Blob> {
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, headerBytes.length, true);
  const body = concat([MAGIC, len, headerBytes, payload]);
  return new Blob([body as BlobPart, (await C.sha256(body)) as BlobPart], {
    type: 'application/octet-stream',
  });
}

/** Open and check a backup file completely; throws a StoreError with a message for people. */
export async function readBackup(
  file: Blob,
  passphrase?: string,
): Promise<{ createdAt: string; schemaVersion: number; tables: Record<string, unknown[]> }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const fail = (key: keyof typeof BACKUP_MESSAGES, cause?: unknown): never => {
    throw new StoreError(BACKUP_MESSAGES[key], 'backup', { cause });
  };
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) fail('notBackup');
  if (bytes.length < MAGIC.length + 4 + HASH_BYTES) fail('damaged');
  const body = bytes.subarray(0, bytes.length - HASH_BYTES);
  const hash = await C.sha256(body);
  if (hash.some((b, i) => bytes[body.length + i] !== b)) fail('damaged');
  const headerLen = new DataView(bytes.buffer, bytes.byteOffset + MAGIC.length, 4).getUint32(0, true);
  const headerEnd = MAGIC.length + 4 + headerLen;
  if (headerEnd > body.length) fail('damaged');
  const headerBytes = body.subarray(MAGIC.length + 4, headerEnd);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(headerBytes));
  } catch (e) {
    return fail('damaged', e);
  }
  if (header?.format !== BACKUP_FORMAT) fail('notBackup');
  if (typeof header.version !== 'number' || header.version > BACKUP_VERSION) fail('newer');
  let payload: Uint8Array = body.slice(headerEnd);
  const enc = header.encryption;
  if (enc) {
    if (!passphrase) fail('needsPassphrase');
    if (
      enc.algorithm !== 'AES-GCM' ||
      !Number.isInteger(enc.iterations) ||
      enc.iterations < 1 ||
      enc.iterations > 10_000_000
    )
      fail('damaged');
    try {
      const sealed = {
        salt: C.base64ToBytes(enc.salt),
        iv: C.base64ToBytes(enc.iv),
        iterations: enc.iterations,
      };
      payload = await C.decrypt(payload, passphrase!, sealed, headerBytes);
    } catch (e) {
      fail('wrongPassphrase', e);
    }
  }
  try {
    if (header.compression === 'gzip') payload = await C.gunzip(payload);
    else if (header.compression !== 'none') fail('damaged');
    const inner = JSON.parse(new TextDecoder().decode(payload));
    if (typeof inner?.schemaVersion !== 'number' || typeof inner.tables !== 'object') fail('damaged');
    if (inner.schemaVersion > CURRENT_VERSION) fail('newer');
    return { createdAt: header.createdAt, schemaVersion: inner.schemaVersion, tables: inner.tables };
  } catch (e) {
    if (e instanceof StoreError) throw e;
    return fail('damaged', e);
  }
}

/** A backup checked through and restored in memory, ready to replace the store (nothing written yet). */
export interface PreparedBackup {
  createdAt: string;
  rows: Record<TableName, unknown[]>;
  problems: RestoreProblem[];
}

/** Open, check and restore every record of a backup in memory; throws a StoreError, having written nothing. */
export async function prepareBackup(file: Blob, opts: { passphrase?: string } = {}): Promise<PreparedBackup> {
  const backup = await readBackup(file, opts.passphrase);
  const problems: RestoreProblem[] = [];
  const rows = {} as Record<TableName, unknown[]>;
  for (const name of Object.keys(TABLES) as TableName[]) {
    const raw = backup.tables[name] ?? [];
    if (!Array.isArray(raw)) throw new StoreError(BACKUP_MESSAGES.damaged, 'backup');
    const restore = TABLES[name] as (r: unknown, p: RestoreProblem[]) => unknown;
    rows[name] = raw.map((r) => {
      const v = restore(fromJson(r), problems);
      if (v === null) throw new StoreError(BACKUP_MESSAGES.damaged, 'backup', { cause: problems.at(-1) });
      return v;
    });
  }
  return { createdAt: backup.createdAt, rows, problems };
}

/**
 * Replace everything in the store with a prepared backup, in one transaction; `log`, when given, is added to the
 * restored imports log in the same transaction (the line whose undo puts back what was here: replace.ts).
 */
export async function applyBackup(
  prepared: PreparedBackup,
  db: RadarDb = appDb,
  log?: Omit<ImportLogEntry, 'id'>,
): Promise<RestoreResult> {
  const { rows } = prepared;
  let putBack = () => {};
  await guardWrite(
    () =>
      db.transaction('rw', db.tables, async () => {
        for (const t of db.tables) await t.clear(); // undo history and staging describe data that is gone
        const blocks = toBlocks(
          rows.pupils as Pupil[],
          rows.pupilYears as PupilYear[],
          rows.periodTotals as PupilPeriodTotals[],
        );
        await db.pupilBlocks.bulkAdd(blocks.pupilBlocks);
        await db.yearBlocks.bulkAdd(blocks.yearBlocks);
        await db.totalsBlocks.bulkAdd(blocks.totalsBlocks);
        for (const name of Object.keys(rows) as TableName[])
          if (!BLOCKED.has(name)) await db.table(name).bulkAdd(rows[name]);
        if (log) await db.imports.add(log as ImportLogEntry);
        putBack = await newGeneration(db, db.generation);
      }),
    'restore this backup',
  ).catch((e) => {
    putBack();
    throw e;
  });
  announceReplacement(db.generation);
  const counts = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length])) as Record<
    TableName,
    number
  >;
  return { createdAt: prepared.createdAt, counts, problems: prepared.problems };
}

/** Replace everything in the store with the backup's contents, in one transaction, after checking all of it. */
export async function restoreBackup(
  file: Blob,
  opts: { passphrase?: string } = {},
  db: RadarDb = appDb,
): Promise<RestoreResult> {
  return applyBackup(await prepareBackup(file, opts), db);
}

/** A file name people can recognise: attendance-radar-backup-2025-03-14.arbackup */
export function backupFileName(now = new Date()): string {
  return `attendance-radar-backup-${now.toISOString().slice(0, 10)}.arbackup`;
}
