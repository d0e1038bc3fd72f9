import { describe, expect, it } from 'vitest';
import {
  needsRecalibration,
  pickModel,
  recalibrationDataKey,
  recommendModel,
  schoolEvidence,
} from '../../src/views/model-choice';
import type { SavedRecalibration } from '../../src/model/recalibrate';
import type { ImportLogEntry } from '../../src/store/types';

const recal = (better: boolean | null): SavedRecalibration => ({
  year: 2023,
  dataKey: '1',
  madeAt: '',
  result:
    better === null
      ? null
      : {
          plattPA: { a: 1, b: 0 },
          before: { logLoss: 0.4, ece: 0.08, reliability: [] },
          after: { logLoss: better ? 0.3 : 0.5, ece: better ? 0.02 : 0.09, reliability: [] },
          better,
          pupils: 900,
        },
  reason: better === null ? 'The 2023/24 registers hold 120 school sessions' : undefined,
});

describe('pickModel: the one rule for which model scores the school', () => {
  it('follows an explicit choice while that model exists', () => {
    expect(pickModel('shipped', recal(true), true)).toBe('shipped');
    expect(pickModel('school', recal(true), true)).toBe('school');
    expect(pickModel('recalibrated', recal(false), false)).toBe('recalibrated');
  });
  it('with no choice (or the chosen model gone), the recalibration when it measured better, else shipped', () => {
    expect(pickModel(null, recal(true), false)).toBe('recalibrated');
    expect(pickModel(null, recal(false), true)).toBe('shipped');
    expect(pickModel(null, null, true)).toBe('shipped');
    expect(pickModel('school', recal(true), false)).toBe('recalibrated');
    expect(pickModel('recalibrated', recal(null), false)).toBe('shipped');
  });
});

describe('recalibration is made once per import of the previous year', () => {
  const log = [
    { id: 1, years: [2022] },
    { id: 2, years: [2023] },
    { id: 3, years: [2024] },
    { id: 4, years: [2023], undone: true },
  ] as unknown as ImportLogEntry[];
  it('keys on the imports of that year and the one before, not undone ones', () => {
    expect(recalibrationDataKey(log, 2023)).toBe('1,2');
    expect(needsRecalibration(null, log, 2023)).toBe(true);
    expect(needsRecalibration({ ...recal(true), dataKey: '1,2' }, log, 2023)).toBe(false);
    expect(needsRecalibration({ ...recal(true), dataKey: '2' }, log, 2023)).toBe(true);
    expect(needsRecalibration(null, log, 2021)).toBe(false); // no such year in the store
  });
});

describe('recommendModel says which model to use and why', () => {
  const school = (aucSchool: number) =>
    schoolEvidence({
      heldOutPupils: 250,
      school: { checkpoints: [{ model: { auc: aucSchool } }] },
      shipped: { checkpoints: [{ model: { auc: 0.8 } }] },
    });
  it('recommends the recalibrated model when it measured better, with the figures', () => {
    const r = recommendModel(recal(true), null);
    expect(r.model).toBe('recalibrated');
    expect(r.why).toContain('calibration error 2.0% against 8.0%');
    expect(r.why).toContain('same order');
  });
  it('recommends a school model only when it ranks held-out pupils clearly better', () => {
    expect(recommendModel(recal(true), school(0.85)).model).toBe('school');
    const r = recommendModel(recal(true), school(0.81));
    expect(r.model).toBe('recalibrated');
    expect(r.why).toContain('AUC 0.81 against 0.80');
  });
  it('keeps the shipped model, saying why, when recalibrating did not help or could not be done', () => {
    expect(recommendModel(recal(false), null)).toMatchObject({ model: 'shipped' });
    expect(recommendModel(recal(null), null).why).toContain('120 school sessions');
    expect(recommendModel(null, null).model).toBe('shipped');
  });
});
