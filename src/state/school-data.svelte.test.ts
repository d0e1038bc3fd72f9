/** SchoolData: what the screens see after a load, an empty store, a failed read, and a change of as-of date. */
import { describe, expect, it } from 'vitest';
import { SchoolData, type SchoolSources } from './school-data.svelte';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';
import type { ImportLogEntry, Intervention } from '../store/types';
import type { PupilYear } from '../domain/register';

function sources(over: Partial<SchoolSources> = {}): SchoolSources & { yearsRead: number[] } {
  const yearsRead: number[] = [];
  return {
    yearsRead,
    listYears: async () => [2024],
    listImports: async () => [{ id: 1 } as ImportLogEntry],
    listInterventions: async () => [{ id: 7, pupilId: 'B' } as Intervention],
    loadPupils: async () => PUPILS,
    loadYear: async (y: number) => {
      yearsRead.push(y);
      return y === 2024 ? YEARS : ([] as PupilYear[]);
    },
    loadTotals: async () => [],
    ...over,
  };
}

describe('SchoolData', () => {
  it('starts loading, then holds the latest year with its imports and actions', async () => {
    const data = new SchoolData(sources());
    expect(data.status).toBe('loading');
    const school = await data.load();
    expect(data.status).toBe('ready');
    expect(data.school).toBe(school);
    expect(school?.rows.map((r) => r.id).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(school?.asOf).toBe('2024-10-11');
    expect(data.years).toEqual([2024]);
    expect(data.imports.map((i) => i.id)).toEqual([1]);
    expect(data.interventions.map((i) => i.id)).toEqual([7]);
    expect(data.pastView).toBe(false);
    expect(data.onlyDemo).toBe(false);
  });

  it('reads the year before too when the store has it (for the model)', async () => {
    const src = sources({ listYears: async () => [2023, 2024] });
    const data = new SchoolData(src);
    await data.load();
    expect(src.yearsRead.sort()).toEqual([2023, 2024]);
    expect(data.priorYears).toEqual([]);
  });

  it('an empty store: status empty and no school', async () => {
    const data = new SchoolData(sources({ listYears: async () => [] }));
    expect(await data.load()).toBeNull();
    expect(data.status).toBe('empty');
    expect(data.school).toBeNull();
  });

  it('a failed read: status error with the message, and the school already shown stays', async () => {
    let fail = false;
    const data = new SchoolData(
      sources({
        loadPupils: async () => {
          if (fail) throw new Error('The database is closed');
          return PUPILS;
        },
      }),
    );
    const first = await data.load();
    fail = true;
    expect(await data.load()).toBeNull();
    expect(data.status).toBe('error');
    expect(data.error).toBe('The database is closed');
    expect(data.school).toBe(first);
  });

  it('an earlier as-of date rebuilds the figures from the data loaded, and marks the view as past', async () => {
    const data = new SchoolData(sources());
    await data.load();
    const ill = () => data.school!.rows.find((r) => r.id === 'B')!.metrics;
    expect(ill().pa).toBe(true); // 6 of 60 sessions by 11 October
    const rebuilt = data.setAsOf('2024-10-04');
    expect(rebuilt).toBe(data.school);
    expect(data.school?.asOf).toBe('2024-10-04');
    expect(data.pastView).toBe(true);
    expect(ill().pa).toBe(false); // the illness was 7–9 October
    expect(data.setAsOf('2024-10-04')).toBeNull(); // the same date again: nothing to rebuild
    data.setAsOf(null);
    expect(data.school?.asOf).toBe('2024-10-11');
    expect(data.pastView).toBe(false);
  });

  it('a store with period totals only (a summary import): ready, every pupil from their totals, as of the last period', async () => {
    const row = (pupilId: string, periodLabel: string, from: string, to: string, absent: number) => ({
      pupilId,
      startYear: 2024,
      periodLabel,
      from,
      to,
      possible: 100,
      present: 100 - absent,
      aea: 0,
      authorised: absent,
      unauthorised: 0,
    });
    const data = new SchoolData(
      sources({
        loadYear: async () => [],
        loadTotals: async () => [
          row('T1', 'Autumn 2024', '2024-09-01', '2024-12-31', 4),
          row('T1', 'Spring 2025', '2025-01-01', '2025-04-30', 20),
          row('T2', 'Autumn 2024', '2024-09-01', '2024-12-31', 0),
        ],
      }),
    );
    const school = await data.load();
    expect(data.status).toBe('ready');
    expect(school?.totalsOnly).toBe(true);
    expect(school?.asOf).toBe('2025-04-30');
    expect(data.pastView).toBe(false);
    expect(school?.halfTermsSoFar.map((p) => p.name)).toEqual(['Autumn 2024', 'Spring 2025']);
    const t1 = school!.byId.get('T1')!;
    expect(t1.metrics.tally.possible).toBe(200);
    expect(t1.metrics.pa).toBe(true); // 24 of 200 sessions: 12%
    expect(t1.halfTermAbsence).toEqual([4, 20]);
    expect(t1.atHalfTermEnd.map((m) => m.pa)).toEqual([false, true]);
    expect(school?.counts).toMatchObject({ onRoll: 2, fromTotals: 2 });
  });

  it('an as-of date before anything is loaded is kept for the load', async () => {
    const data = new SchoolData(sources());
    expect(data.setAsOf('2024-10-04')).toBeNull();
    await data.load();
    expect(data.school?.asOf).toBe('2024-10-04');
  });
});
