/** A file with nothing valid is never imported: no empty pupils, no 0-row log entry, and the reason is given. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { nothingToImport } from '../../src/ingest';
import { importText } from './ingest-helpers';

const HEAD = 'UPN,Surname,Forename,Date,Session,Mark\n';

describe('nothing to import', () => {
  it('five rows all rejected (no date): no pupil kept, the reason names the kind', async () => {
    const rows = Array.from({ length: 5 }, (_, k) => `A12345678901${k},Smith,Ann,,AM,/\n`).join('');
    const { parsed } = await importText(HEAD + rows, 'nodates.csv');
    expect(parsed.builder.pupils.size).toBe(0);
    expect(parsed.summary.pupils).toBe(0);
    expect(nothingToImport(parsed.summary)).toBe(
      'None of the 5 data rows in nodates.csv could be imported (5 unreadable-date), so nothing was stored. Correct the problems listed and import the file again.',
    );
  });

  it('a header alone: nothing to import', async () => {
    const { parsed } = await importText(HEAD + '\n', 'empty.csv');
    expect(nothingToImport(parsed.summary)).toMatch(/no data rows/);
  });

  it('one valid row is enough; a pupil whose every row was rejected is not added', async () => {
    const { parsed } = await importText(
      HEAD + 'A123456789012,Smith,Ann,02/09/2024,AM,/\nB123456789012,Jones,Bo,31/02/2024,AM,/\n',
    );
    expect(nothingToImport(parsed.summary)).toBeNull();
    expect([...parsed.builder.pupils.keys()]).toEqual(['A123456789012']);
    expect(parsed.summary.issueKinds.find((k) => k.code === 'pupil-without-rows')?.count).toBe(1);
  });
});
