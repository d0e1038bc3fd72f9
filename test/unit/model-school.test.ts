import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateSchool } from '../../src/sim/simulate';
import type { PupilYear } from '../../src/domain/register';
import { readModelDir, useNodeBackend } from '../../src/model/node-backend';
import { trainOnSchoolHistoryWith } from '../../src/model/school';
import { scoreAtSession } from '../../src/model/score';
import { fromStored, toStored, SCHOOL_MODEL_ID } from '../../src/model/load';
import { RadarDb, loadModel, saveModel } from '../../src/store';
import type { RiskModel } from '../../src/model/net';
import { yearOutcome } from '../../src/model/dataset';
import { auc } from '../../src/model/metrics';

const sim = simulateSchool({ seed: 31, phase: 'primary', pupils: 200, years: 2, lastStartYear: 2024 });
const year = (y: number): PupilYear[] => sim.years.filter((p) => p.startYear === y);
let shipped: RiskModel;

beforeAll(async () => {
  await useNodeBackend('cpu');
  shipped = await readModelDir('models/radar-v2');
}, 30_000);

describe('the shipped model file', () => {
  it('loads and ranks a simulated school it never saw well above chance, calibrated within reason', () => {
    const years = year(2024).filter((py) => yearOutcome(py));
    const s = scoreAtSession(shipped, years, year(2023), 150);
    const keep = years.map((_, i) => Number.isFinite(s.pPA[i]));
    const p = Array.from(s.pPA).filter((_, i) => keep[i]);
    const pa = years.filter((_, i) => keep[i]).map((py) => yearOutcome(py)!.pa);
    expect(p.length).toBeGreaterThan(150);
    expect(auc(p, pa)).toBeGreaterThan(0.8);
    // Mean predicted PA close to the actual PA rate (a coarse calibration check on a small school).
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(p) - mean(pa))).toBeLessThan(0.1);
  });
});

describe('training on the school’s own history', () => {
  it('trains with progress, reports held-out accuracy beside the shipped model, and survives the store', async () => {
    const stages = new Set<string>();
    const r = await trainOnSchoolHistoryWith(
      { years: year(2023), pupils: sim.pupils },
      (p) => stages.add(p.stage),
      shipped,
    );
    expect([...stages]).toEqual(
      expect.arrayContaining([
        'Working out inputs',
        'Training the model',
        'Calibrating',
        'Measuring accuracy',
      ]),
    );
    expect(r.report.heldOutPupils).toBeGreaterThan(20);
    const xmas = r.report.school.checkpoints.find((c) => c.name === 'Autumn 2')!;
    expect(xmas.model.auc).toBeGreaterThan(0.6);
    expect(r.report.shipped?.checkpoints.length).toBe(r.report.school.checkpoints.length);

    const db = new RadarDb('model-school-test');
    const stored = await toStored(r.model);
    await saveModel(SCHOOL_MODEL_ID, stored.artifacts as never, stored.meta, db);
    const back = await loadModel(SCHOOL_MODEL_ID, db);
    const again = await fromStored(back!.artifacts as never);
    const a = scoreAtSession(r.model, year(2024), year(2023), 120);
    const b = scoreAtSession(again, year(2024), year(2023), 120);
    expect(Array.from(b.pPA)).toEqual(Array.from(a.pPA));
    expect(again.meta.trainedOn).toMatch(/this school/);
    db.close();
  });
});
