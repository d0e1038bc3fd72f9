/** Parsed files → the store (fake IndexedDB): what is read back is what the file said; re-imports overwrite. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { commitParsed, type ImportStore } from '../../src/workers/worker/import-save';
import { importBatches } from '../../src/workers/worker/import-batches';
import {
  abandonImport,
  beginImport,
  commitImport,
  commitImportBatches,
  finishImport,
  stageChunk,
} from '../../src/store/registers';
import { RadarDb } from '../../src/store/db';
import { undoImport } from '../../src/store/undo';
import { symbolOf } from '../../src/domain/codes';
import { fixtureBytes, importBytes, importText } from './ingest-helpers';

const P1 = 'L938412324001';
const P2 = 'A938412324002';

function storeFor(db: RadarDb): ImportStore {
  return {
    commitImport: (b, m) => commitImport(b, m, db),
    beginImport: (m) => beginImport(m, db),
    stageChunk: (id, b) => stageChunk(id, b, db),
    finishImport: (id) => finishImport(id, {}, db),
    abandonImport: (id) => abandonImport(id, db),
  };
}

async function storedSymbols(db: RadarDb, pupilId: string, n: number): Promise<string[]> {
  const y = await db.pupilYears.get([pupilId, 2024]);
  return y ? [...y.marks.slice(0, n)].map((m) => symbolOf(m) || '.') : [];
}

describe('committing an import', () => {
  it('writes pupils, marks and the imports log in one go', async () => {
    const db = new RadarDb(`ingest-${crypto.randomUUID()}`);
    const { parsed } = await importBytes(fixtureBytes('long-basic.csv'), 'long-basic.csv');
    const entry = await commitParsed(parsed, { store: storeFor(db) });
    expect(entry).toMatchObject({
      fileName: 'long-basic.csv',
      layout: 'long',
      pupils: 2,
      years: [2024],
      dateRange: ['2024-09-02', '2024-09-03'],
    });
    expect(entry.rowCounts).toEqual({ read: 8, imported: 8, skipped: 0 });
    expect(await storedSymbols(db, P1, 5)).toEqual(['/', '\\', 'L', 'N', '.']);
    expect(await storedSymbols(db, P2, 4)).toEqual(['I', 'I', '/', 'M']);
    expect(await db.pupils.get(P1)).toMatchObject({ upn: P1, forename: 'Zoë', surname: 'Adams' });
  });

  it('stages large files in chunks and applies them together', async () => {
    const db = new RadarDb(`ingest-${crypto.randomUUID()}`);
    const { parsed } = await importBytes(fixtureBytes('long-basic.csv'));
    await commitParsed(parsed, { store: storeFor(db), pupilsPerBatch: 1 });
    expect(await db.pupils.count()).toBe(2);
    expect(await db.staging.count()).toBe(0);
    expect(await storedSymbols(db, P2, 4)).toEqual(['I', 'I', '/', 'M']);
  });

  it('a later export of the same sessions overwrites, and a blank there clears the old mark', async () => {
    const db = new RadarDb(`ingest-${crypto.randomUUID()}`);
    const first = await importText(
      'UPN,Date,Session,Mark\n' + `${P1},02/09/2024,AM,N\n${P1},02/09/2024,PM,N\n${P1},03/09/2024,AM,N\n`,
    );
    await commitParsed(first.parsed, { store: storeFor(db) });
    // The MIS later corrected Monday: present in the morning, no mark in the afternoon. Tuesday is not in this file.
    const later = await importText(
      'UPN,Date,Session,Mark\n' + `${P1},02/09/2024,AM,/\n${P1},02/09/2024,PM,-\n`,
    );
    await commitParsed(later.parsed, { store: storeFor(db) });
    expect(await storedSymbols(db, P1, 3)).toEqual(['/', '.', 'N']);
  });

  it('never erases marks for sessions a pupil had no row for, even if other pupils did', async () => {
    const { parsed } = await importText(
      'UPN,Date,Session,Mark\n' +
        `${P1},02/09/2024,AM,/\n${P1},02/09/2024,PM,\\\n${P1},03/09/2024,AM,/\n${P2},02/09/2024,AM,I\n`,
    );
    const [batch] = [...importBatches(parsed)];
    // Covered for the whole batch = covered by every pupil-year in it: only Monday AM.
    expect([...batch.coveredSlots![2024].slice(0, 4)]).toEqual([1, 0, 0, 0]);
    const split = [...importBatches(parsed, 1)];
    expect(split).toHaveLength(2);
    expect([...split[0].coveredSlots![2024].slice(0, 4)]).toEqual([1, 1, 1, 0]);
  });

  it('keeps every mark when pupils in one file cover different sessions, through every write path', async () => {
    const text =
      'UPN,Date,Session,Mark\n' +
      `${P1},02/09/2024,AM,/\n${P1},02/09/2024,PM,N\n${P1},03/09/2024,AM,I\n${P2},02/09/2024,AM,I\n`;
    const paths: [string, (db: RadarDb) => Parameters<typeof commitParsed>[1]][] = [
      ['one commit', (db) => ({ store: storeFor(db) })],
      ['staged', (db) => ({ store: storeFor(db), pupilsPerBatch: 1 })],
      [
        'batches in one transaction',
        (db) => ({
          store: { ...storeFor(db), commitImportBatches: (b, m) => commitImportBatches(b, m, db) },
          pupilsPerBatch: 1,
        }),
      ],
    ];
    for (const [name, opts] of paths) {
      const db = new RadarDb(`ingest-${crypto.randomUUID()}`);
      await commitParsed((await importText(text)).parsed, opts(db));
      expect([name, await storedSymbols(db, P1, 3)]).toEqual([name, ['/', 'N', 'I']]);
      expect([name, await storedSymbols(db, P2, 3)]).toEqual([name, ['I', '.', '.']]);
      // A later file: P2 now has a blank Monday AM (cleared in the MIS) and P1 has no row for it: P1 keeps '/'.
      await commitParsed(
        (await importText(`UPN,Date,Session,Mark\n${P2},02/09/2024,AM,-\n`)).parsed,
        opts(db),
      );
      expect([name, await storedSymbols(db, P2, 3)]).toEqual([name, ['.', '.', '.']]);
      expect([name, await storedSymbols(db, P1, 3)]).toEqual([name, ['/', 'N', 'I']]);
      await db.delete();
    }
  });

  it('carries summary totals', async () => {
    const db = new RadarDb(`ingest-${crypto.randomUUID()}`);
    const { parsed } = await importBytes(fixtureBytes('summary-percent.csv'));
    await commitParsed(parsed, { store: storeFor(db) });
    const rows = await db.periodTotals.toArray();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.pupilId === P2)).toMatchObject({
      possible: 140,
      present: 100,
      authorised: 20,
      unauthorised: 20,
    });
  });
});

describe('a pupil details import', () => {
  it('updates FSM and SEN, never a mark, is logged as kind "details", and undo puts the details back', async () => {
    const db = new RadarDb(`ingest-${crypto.randomUUID()}`);
    const { parsed: marks } = await importBytes(fixtureBytes('long-basic.csv'), 'long-basic.csv');
    await commitParsed(marks, { store: storeFor(db) });
    const before = await storedSymbols(db, P1, 4);
    const { parsed } = await importBytes(fixtureBytes('details-fsm-sen.csv'), 'details-fsm-sen.csv');
    const entry = await commitParsed(parsed, { store: storeFor(db) });
    expect(entry.kind).toBe('details');
    expect((await db.imports.get(entry.id))?.kind).toBe('details');
    expect(await db.pupils.get(P1)).toMatchObject({ fsm: true, sen: 'support', surname: 'Adams' });
    expect(await db.pupils.get(P2)).toMatchObject({ fsm: false, sen: 'ehcp' });
    expect(await storedSymbols(db, P1, 4)).toEqual(before);
    expect(await db.pupilYears.count()).toBe(2);
    await undoImport(entry.id, db);
    expect((await db.pupils.get(P1))?.fsm).toBeUndefined();
    expect(await storedSymbols(db, P1, 4)).toEqual(before);
  });
});
