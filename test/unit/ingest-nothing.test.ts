/** A file with nothing valid is never imported: no empty pupils, no 0-row log entry, and the reason is given. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { nothingToImport } from '../../src/ingest';
import { fixtureBytes, importBytes, importText } from './ingest-helpers';

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

describe('encodings and control bytes', () => {
  it('a UTF-16 byte-order mark over UTF-8 text: the encoding looks wrong, said before and after reading', async () => {
    const text = new TextEncoder().encode(HEAD + 'A123456789012,Smith,Ann,02/09/2024,AM,/\n');
    const bytes = new Uint8Array([0xff, 0xfe, ...text]);
    const { inspect, parsed } = await importBytes(bytes, 'mislabelled.csv');
    expect(inspect.proposal.reasons[0]).toMatch(/^The encoding looks wrong/);
    expect(nothingToImport(parsed.summary)).toMatch(/^The encoding looks wrong.*CSV UTF-8/);
    expect(parsed.summary.issues.map((i) => i.code)).toContain('encoding-looks-wrong');
  });

  it('real UTF-16 with its mark is read as before', async () => {
    const { parsed } = await importBytes(fixtureBytes('utf16le-sims.csv'));
    expect(parsed.summary.issues.map((i) => i.code)).not.toContain('encoding-looks-wrong');
  });

  it('a NUL byte in a mark or a name is named as such, never echoed', async () => {
    const { parsed } = await importText(
      HEAD + 'A123456789012,Sm\u0000ith,Ann,02/09/2024,AM,/\nA123456789012,Smith,Ann,02/09/2024,PM,\u0000\n',
    );
    const nul = parsed.summary.issues.filter((i) => i.code === 'nul-byte');
    expect(nul.map((i) => [i.row, i.column])).toEqual([
      [2, 'Surname'],
      [3, 'Mark'],
    ]);
    for (const i of parsed.summary.issues) expect(i.message).not.toContain('\u0000');
    expect(nul[0].message).toContain('Sm\\0 (NUL byte)ith');
  });
});
