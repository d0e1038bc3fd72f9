/**
 * AppState: what joins the school's data and its risk (each pupil's row with risk and latest action, the
 * overview and group figures) follows the data, the risk, the actions and the as-of date; undoing an import
 * reloads what is left, and an undo the store refuses is said in view (real store, fake IndexedDB).
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app } from './app.svelte';
import * as backend from './backend';
import { commitImport } from '../store/registers';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';

vi.stubGlobal('console', { ...console, warn: () => {} }); // no model in Node: the register rule is used

const save = (fileName: string, years = YEARS) =>
  commitImport(
    { pupils: PUPILS, years, totals: [] },
    {
      fileName,
      layout: 'long',
      dateRange: ['2024-09-02', '2024-10-11'],
      rowCounts: { read: years.length, imported: years.length, skipped: 0 },
      warnings: [],
    },
  );

beforeEach(async () => {
  await backend.wipeAllData().catch(() => undefined);
  app.interventions = [];
  app.writeError = null;
  app.setAsOf(null);
});

describe('AppState', () => {
  it("joins each pupil's row with the rule's risk and the latest action, and the figures follow the as-of date", () => {
    app.setSchool(PUPILS, YEARS);
    app.interventions = [
      { id: 1, pupilId: 'C', date: '2024-09-20', kind: 'first-day-call', note: '' },
      { id: 2, pupilId: 'C', date: '2024-10-01', kind: 'letter-1', note: '' },
    ];
    const band = (id: string) => app.watchRows.find((w) => w.row.id === id)?.risk.band;
    expect(app.watchRows).toHaveLength(4);
    expect(band('D')).toBe('sa');
    expect(app.watchRows.find((w) => w.row.id === 'C')?.latestAction?.kind).toBe('letter-1');
    expect(app.overview?.figures.paCount).toBe(2); // Ben and Dee
    expect(app.groupLines.find((l) => l.name === 'Year 8')?.figures.paCount).toBe(1);
    // On Fri 13 Sep Ben had not been ill yet and Dee had missed every session so far.
    app.setAsOf('2024-09-13');
    expect(app.pastView).toBe(true);
    expect(band('B')).toBe('low');
    expect(app.overview?.figures.paCount).toBe(1);
  });

  it('undoes an import and reloads what is left; a refused undo is said in view', async () => {
    await save('first.csv', YEARS.slice(0, 2)); // Ada and Ben
    const second = await save('second.csv'); // all four
    await app.load();
    expect(app.school?.rows).toHaveLength(4);
    await app.undoImport(second.id);
    expect(app.notice).toBe('Undid the import of second.csv.');
    expect(app.imports.map((e) => [e.fileName, !!e.undone])).toEqual([
      ['second.csv', true],
      ['first.csv', false],
    ]);
    expect(app.school?.rows.map((r) => r.id)).toEqual(['A', 'B']);
    await app.undoImport(second.id);
    expect(app.writeError).toMatch(/already been undone/);
    expect(app.school?.rows).toHaveLength(2);
  });
});
