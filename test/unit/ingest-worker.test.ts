/** The import worker's handlers, called directly (fake IndexedDB): inspect → parse → commit, refusals, remembered mappings. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../src/workers/worker/import.worker';
import type { CallContext, Progress } from '../../src/workers/shared/protocol';
import { db } from '../../src/store/db';
import { fixtureBytes } from './ingest-helpers';

function ctx(progress: Progress[] = []): CallContext {
  return {
    progress: (p) => progress.push(p),
    signal: new AbortController().signal,
    transfer: () => undefined,
  };
}
const file = (name: string, bytes = fixtureBytes(name)) => new File([new Uint8Array(bytes)], name);

describe('import worker handlers', () => {
  it('inspects, parses with progress, refuses a file with errors unless told, then commits valid rows', async () => {
    const info = await handlers.inspect({ file: file('bad-unknown-code.csv') }, ctx());
    expect(info).toMatchObject({ encoding: 'utf-8', delimiter: ',', headerLine: 1, remembered: false });
    expect(info.proposal.needsMapping).toBe(false);
    expect(info.preview[1].problem).toMatch(/Q9/);
    const progress: Progress[] = [];
    const summary = await handlers.parse({ mapping: info.proposal.mapping }, ctx(progress));
    expect(summary.counts).toMatchObject({ read: 3, imported: 2, skipped: 1 });
    expect(progress.at(-1)).toEqual({ stage: 'Reading file', done: info.size, total: info.size });
    await expect(handlers.commit({ includeValidRows: false }, ctx())).rejects.toThrow(/1 problem/);
    const entry = await handlers.commit({ includeValidRows: true }, ctx());
    expect(entry.rowCounts).toEqual({ read: 3, imported: 2, skipped: 1 });
    expect(entry.warnings).toEqual(['1 × unknown-code (error)']);
    expect((await db.pupilYears.get(['L938412324001', 2024]))?.marks.slice(0, 3)).toEqual(
      Uint8Array.from([1, 0, 3]),
    );
  });

  it('remembers the mapping used for a header signature', async () => {
    const headers = 'Ref,When,Part,Sym,Notes\n';
    const bytes = new TextEncoder().encode(headers + 'L938412324001,02/09/2024,AM,/,x\n');
    await handlers.inspect({ file: file('a.csv', bytes) }, ctx());
    const mapping = {
      layout: 'long' as const,
      columns: { upn: 'Ref', date: 'When', session: 'Part', mark: 'Sym' },
    };
    const { preview, reasons } = handlers.preview({ mapping });
    expect(reasons).toEqual([]);
    expect(preview[0]).toMatchObject({ pupil: 'L938412324001', mark: '/' });
    await handlers.parse({ mapping }, ctx());
    await handlers.commit({ includeValidRows: true }, ctx());
    const again = await handlers.inspect({ file: file('b.csv', bytes) }, ctx());
    expect(again.remembered).toBe(true);
    expect(again.proposal.mapping.columns).toEqual(mapping.columns);
  });

  it('discard forgets the parsed file', async () => {
    await handlers.inspect({ file: file('long-basic.csv') }, ctx());
    await handlers.parse({}, ctx());
    handlers.discard();
    await expect(handlers.commit({ includeValidRows: true }, ctx())).rejects.toThrow(/Nothing to import/);
  });

  it('refuses a file whose every row was rejected: no pupils, no imports-log entry, and says why', async () => {
    const text = 'UPN,Surname,Date,Session,Mark\n' + 'A123456789012,Smith,,AM,/\n'.repeat(5);
    const pupilsBefore = await db.pupils.count();
    const logBefore = await db.imports.count();
    await handlers.inspect({ file: file('nodates.csv', new TextEncoder().encode(text)) }, ctx());
    await handlers.parse({}, ctx());
    await expect(handlers.commit({ includeValidRows: true }, ctx())).rejects.toThrow(
      /None of the 5 data rows in nodates.csv could be imported \(5 unreadable-date\)/,
    );
    expect(await db.pupils.count()).toBe(pupilsBefore);
    expect(await db.imports.count()).toBe(logBefore);
  });

  it('a full disk during the save: refused whole, in words, with the way out (the worker path)', async () => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const pupilsBefore = await db.pupils.count();
    const logBefore = await db.imports.count();
    db.undo.hook('creating', full);
    try {
      await handlers.inspect({ file: file('long-basic.csv') }, ctx());
      await handlers.parse({}, ctx());
      await expect(handlers.commit({ includeValidRows: true }, ctx())).rejects.toThrow(
        /not enough storage space on this device to import this file\. Nothing was changed\. To make room: export a backup/,
      );
    } finally {
      db.undo.hook('creating').unsubscribe(full);
    }
    expect(await db.pupils.count()).toBe(pupilsBefore);
    expect(await db.imports.count()).toBe(logBefore);
  });
});
