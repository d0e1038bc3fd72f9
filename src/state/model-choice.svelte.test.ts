/**
 * ModelChoiceState: the choice kept in the store (a new instance, as after a reload, reads it back), the
 * recalibration made once per import of the previous year and used by default when it measured better (and said
 * so), undo, and the risk every screen shows coming from the model picked.
 */
import { describe, expect, it } from 'vitest';
import { ModelChoiceState, type ModelChoiceSources } from './model-choice.svelte';
import { RiskState, type RiskSources } from './risk.svelte';
import { buildSchool } from '../views/school';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';
import type { ImportLogEntry } from '../store/types';
import type { SavedRecalibration } from '../model/recalibrate';
import type { ModelChoice } from '../model/types';

const IMPORTS = [
  { id: 1, years: [2023], dateRange: ['2023-09-04', '2024-07-19'] },
  { id: 3, years: [2024], dateRange: ['2024-09-02', '2024-10-11'] },
] as unknown as ImportLogEntry[];

function recalibration(better: boolean, dataKey = '1', year = 2023): SavedRecalibration {
  const bins = [{ from: 0.3, to: 0.4, count: 50, predicted: 0.35, observed: 0.36 }];
  return {
    year,
    dataKey,
    madeAt: `made-${dataKey}-${better}`,
    result: {
      plattPA: { a: 1.2, b: -0.3, c: 0, d: 0 },
      before: { logLoss: 0.4, ece: 0.081, reliability: bins },
      after: { logLoss: better ? 0.35 : 0.45, ece: better ? 0.021 : 0.09, reliability: bins },
      better,
      pupils: 900,
    },
  };
}

/** A store of settings shared by every instance (as the browser's IndexedDB is across a reload). */
function store(opts: { better?: boolean; schoolModel?: boolean; fail?: boolean } = {}) {
  const settings = new Map<string, unknown>();
  const made: { startYear: number; dataKey: string }[] = [];
  const sources: ModelChoiceSources = {
    getSetting: async <T>(k: string, fallback: T) => (settings.has(k) ? (settings.get(k) as T) : fallback),
    setSetting: async (k, v) => void settings.set(k, v),
    listModels: async () => (opts.schoolModel ? [{ id: 'school' }] : []),
    recalibrate: async (a) => {
      made.push(a);
      if (opts.fail) throw new Error('worker stopped');
      return recalibration(opts.better ?? true, a.dataKey, a.startYear);
    },
  };
  return { settings, made, sources };
}

describe('ModelChoiceState', () => {
  it('recalibrates once on the previous year and uses it by default when it measured better, saying so', async () => {
    const s = store();
    const mc = new ModelChoiceState(s.sources);
    expect(await mc.resolve(2024, IMPORTS)).toBe('recalibrated');
    expect(s.made).toEqual([{ startYear: 2023, dataKey: '1' }]);
    expect(mc.switched).toContain('calibration error was 2.1% against 8.1%');
    await mc.resolve(2024, IMPORTS);
    expect(s.made.length).toBe(1); // kept, not made again
    // After a reload: read back from the store, nothing recalibrated again.
    const again = new ModelChoiceState(s.sources);
    expect(await again.resolve(2024, IMPORTS)).toBe('recalibrated');
    expect(s.made.length).toBe(1);
    expect(again.switched).toBe('');
  });

  it('recalibrates again after a new import of the previous year, not after one of this year', async () => {
    const s = store();
    const mc = new ModelChoiceState(s.sources);
    await mc.resolve(2024, IMPORTS);
    const moreThisYear = [...IMPORTS, { id: 4, years: [2024] } as unknown as ImportLogEntry];
    await mc.resolve(2024, moreThisYear);
    expect(s.made.length).toBe(1);
    const moreLastYear = [...moreThisYear, { id: 5, years: [2023] } as unknown as ImportLogEntry];
    await mc.resolve(2024, moreLastYear);
    expect(s.made.map((m) => m.dataKey)).toEqual(['1', '1,5']);
  });

  it('keeps the shipped model when the recalibration did not measure better, or there is no previous year', async () => {
    const worse = store({ better: false });
    expect(await new ModelChoiceState(worse.sources).resolve(2024, IMPORTS)).toBe('shipped');
    const none = store();
    expect(await new ModelChoiceState(none.sources).resolve(2024, [IMPORTS[1]])).toBe('shipped');
    expect(none.made).toEqual([]);
    const broken = store({ fail: true });
    expect(await new ModelChoiceState(broken.sources).resolve(2024, IMPORTS)).toBe('shipped');
  });

  it('keeps a choice across a reload, and undoes it back to the one before', async () => {
    const s = store({ schoolModel: true });
    const mc = new ModelChoiceState(s.sources);
    await mc.resolve(2024, IMPORTS);
    await mc.choose('shipped');
    expect(mc.effective).toBe('shipped');
    const reloaded = new ModelChoiceState(s.sources);
    expect(await reloaded.resolve(2024, IMPORTS)).toBe('shipped');
    await reloaded.choose('school');
    expect(reloaded.effective).toBe('school');
    await reloaded.undo();
    expect(reloaded.effective).toBe('shipped');
    expect(s.settings.get('modelChoice')).toBe('shipped');
    // Back to letting the app pick: the recalibrated model again.
    await reloaded.choose(null);
    expect(await new ModelChoiceState(s.sources).resolve(2024, IMPORTS)).toBe('recalibrated');
  });
});

describe('risk on every screen comes from the model picked', () => {
  /** The score worker's answer depends on the model it was asked to load, as the real one does. */
  const P_PA: Record<ModelChoice, number> = { shipped: 0.6, recalibrated: 0.3, school: 0.45 };
  function wired(mc: ModelChoiceState) {
    const asked: ModelChoice[] = [];
    const sources: RiskSources = {
      scoreClient: async () => ({
        scoreSchool: (async (a: { model: ModelChoice; pupilIds?: string[] }) => {
          asked.push(a.model);
          return (a.pupilIds ?? ['A', 'B', 'C', 'D']).map((pupilId) => ({
            pupilId,
            band: 'high',
            pPA: P_PA[a.model],
            pSA: 0.1,
            expectedAttendancePct: 88,
            rangeLow: 84,
            rangeHigh: 92,
            drivers: [],
          }));
        }) as never,
        riskByHalfTerm: (async (a: { model: ModelChoice }) => {
          asked.push(a.model);
          return { halfTerms: [], pupils: [] };
        }) as never,
      }),
      modelChoice: (school, imports) => mc.resolve(school.startYear, imports),
      listRiskSnapshots: async () => [],
      latestRiskSnapshot: async () => undefined,
      saveRiskSnapshot: (async () => 1) as never,
    };
    return { risk: new RiskState(sources), asked };
  }

  it('scores with the recalibrated model once chosen, and with the shipped one after undo', async () => {
    const s = store({ better: false }); // measured no better: the app alone would keep the shipped model
    const mc = new ModelChoiceState(s.sources);
    const { risk, asked } = wired(mc);
    risk.fromRule(buildSchool(PUPILS, YEARS)!, IMPORTS);
    await risk.scoreWithModel();
    expect(risk.risk.get('A')?.pPA).toBe(0.6);
    await mc.choose('recalibrated');
    await risk.scoreWithModel();
    expect(risk.risk.get('A')?.pPA).toBe(0.3);
    asked.length = 0;
    await risk.explainPupils(['B']); // the pupil page's reasons come from the same model
    expect(asked).toEqual(['recalibrated']);
    await mc.undo();
    await risk.scoreWithModel();
    expect(risk.risk.get('A')?.pPA).toBe(0.6);
    expect(asked).toEqual(['recalibrated', 'shipped']);
  });
});
