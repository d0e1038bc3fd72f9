/**
 * RiskState: the rule's risk at once, the model's when it answers (for the school it was asked about only),
 * the rule kept with a message when the model fails, snapshots compared and saved once, reasons and half-term risk.
 */
import { describe, expect, it } from 'vitest';
import { RiskState, type RiskSources } from './risk.svelte';
import { buildSchool, type School } from '../views/school';
import { PUPILS, YEARS } from '../../test/unit/views-fixture';
import type { ImportLogEntry, RiskSnapshot } from '../store/types';
import type { RiskView } from '../views/risk';

const school = (): School => buildSchool(PUPILS, YEARS)!;
const IMPORTS = [
  { id: 3, years: [2024], dateRange: ['2024-09-02', '2024-10-11'] } as unknown as ImportLogEntry,
];

/** The model's answer: every pupil high, with one reason, or only the pupils asked for. */
function scored(ids: readonly string[], pPA = 0.6): Omit<RiskView, 'source'>[] {
  return ids.map((pupilId) => ({
    pupilId,
    band: 'high',
    pPA,
    pSA: 0.1,
    expectedAttendancePct: 88,
    rangeLow: 84,
    rangeHigh: 92,
    drivers: [{ text: `reason for ${pupilId}`, effect: 1 }],
  }));
}

function sources(over: Partial<RiskSources> = {}) {
  const saved: Omit<RiskSnapshot, 'id' | 'createdAt'>[] = [];
  const calls: string[] = [];
  let answer: (ids?: readonly string[]) => Promise<Omit<RiskView, 'source'>[]> = async (ids) =>
    scored(ids ?? ['A', 'B', 'C', 'D']);
  const src: RiskSources = {
    scoreClient: async () => ({
      scoreSchool: (async (a: { pupilIds?: readonly string[] }) => {
        calls.push(a.pupilIds ? `explain ${a.pupilIds.join(' ')}` : 'score');
        return answer(a.pupilIds);
      }) as never,
      riskByHalfTerm: (async () => {
        calls.push('half terms');
        return { halfTerms: [{ name: 'Autumn 1' }], pupils: [{ pupilId: 'A', pPA: [0.2] }] };
      }) as never,
    }),
    modelChoice: async () => 'shipped',
    listRiskSnapshots: async () => [],
    latestRiskSnapshot: async () => undefined,
    saveRiskSnapshot: (async (s: Omit<RiskSnapshot, 'id' | 'createdAt'>) => {
      saved.push(s);
      return 1;
    }) as never,
    ...over,
  };
  return { src, saved, calls, answerWith: (f: typeof answer) => (answer = f) };
}

describe('RiskState', () => {
  it("shows the register rule at once, then the model's risk, and saves this import's risk once", async () => {
    const { src, saved } = sources();
    const risk = new RiskState(src);
    const s = school();
    risk.fromRule(s, IMPORTS);
    expect(risk.riskSource).toBe('rule');
    expect(risk.risk.get('B')?.band).toBe('pa'); // exactly 10% absent
    expect(risk.risk.get('B')?.pPA).toBeNull();
    expect(risk.baseline?.source).toBe('register');
    await risk.scoreWithModel();
    expect(risk.riskSource).toBe('model');
    expect(risk.risk.get('B')).toMatchObject({ band: 'high', pPA: 0.6, source: 'model' });
    expect(saved).toEqual([
      { asOf: '2024-10-11', importId: 3, modelId: 'shipped', pPa: { A: 0.6, B: 0.6, C: 0.6, D: 0.6 } },
    ]);
  });

  it('keeps the rule and says why when the model cannot run', async () => {
    const { src } = sources({ scoreClient: async () => Promise.reject(new Error('WebAssembly is off')) });
    const risk = new RiskState(src);
    risk.fromRule(school(), IMPORTS);
    await risk.scoreWithModel();
    expect(risk.riskSource).toBe('rule');
    expect(risk.modelError).toBe('WebAssembly is off');
    expect(risk.risk.get('D')?.band).toBe('sa');
  });

  it("drops the model's answer for a school that was replaced meanwhile", async () => {
    const { src, answerWith } = sources();
    let release!: () => void;
    answerWith(async (ids) => {
      await new Promise<void>((r) => (release = r));
      return scored(ids ?? ['A']);
    });
    const risk = new RiskState(src);
    risk.fromRule(school(), IMPORTS);
    const pending = risk.scoreWithModel();
    await new Promise((r) => setTimeout(r, 0));
    const next = school();
    risk.fromRule(next, IMPORTS); // a new import loaded while the model was scoring the old one
    release();
    await pending;
    expect(risk.riskSource).toBe('rule');
    expect(risk.risk.get('A')?.source).toBe('rule');
  });

  it('a past view (an earlier as-of date) neither compares with nor saves a snapshot', async () => {
    const { src, saved } = sources({
      listRiskSnapshots: async () => Promise.reject(new Error('not to be read')),
    });
    const risk = new RiskState(src);
    risk.fromRule(school(), IMPORTS, true);
    await risk.scoreWithModel();
    expect(risk.riskSource).toBe('model');
    expect(risk.baseline?.source).toBe('register');
    expect(saved).toEqual([]);
  });

  it('gives no risk to a pupil the school does not list, whatever the model returned', async () => {
    const { src, answerWith } = sources();
    answerWith(async () => scored(['A', 'B', 'C', 'D', 'GONE']));
    const risk = new RiskState(src);
    risk.fromRule(school(), IMPORTS);
    await risk.scoreWithModel();
    expect([...risk.risk.keys()].sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('compares with the risk saved at the previous import when there is one', async () => {
    const imports = [
      { id: 2, years: [2024], dateRange: ['2024-09-02', '2024-09-27'] },
      ...IMPORTS,
    ] as unknown as ImportLogEntry[];
    const prev = {
      id: 5,
      asOf: '2024-09-27',
      importId: 2,
      createdAt: '',
      pPa: { A: 0.6, B: 0.1, C: 0.6, D: 0.6 },
    };
    const { src, saved } = sources({
      listRiskSnapshots: async () => [prev],
      latestRiskSnapshot: async () => prev,
    });
    const risk = new RiskState(src);
    risk.fromRule(school(), imports);
    await risk.scoreWithModel();
    expect(risk.baseline).toMatchObject({ asOf: '2024-09-27', source: 'snapshot' });
    expect([...risk.newly]).toEqual(['B']); // the only pupil not flagged at the previous import
    expect(saved.map((s) => s.importId)).toEqual([3]);
  });

  it('works out reasons once per pupil, marking them as being worked out meanwhile', async () => {
    const { src, calls } = sources();
    const risk = new RiskState(src);
    risk.fromRule(school(), IMPORTS);
    await risk.explainPupils(['A']); // before the model has scored: nothing to explain with
    expect(risk.reasons).toEqual({});
    await risk.scoreWithModel();
    const asked = risk.explainPupils(['A', 'B']);
    expect(risk.reasons).toEqual({ A: 'working', B: 'working' });
    await asked;
    expect(risk.reasons.B).toEqual([{ text: 'reason for B', effect: 1 }]);
    await risk.explainPupils(['B', 'C']);
    // After scoring, the half-term risk is asked for too (the overview's bars).
    expect(calls).toEqual(['score', 'half terms', 'explain A B', 'explain C']);
  });

  it('asks for half-term risk once per school, and forgets it with the school', async () => {
    const { src, calls } = sources();
    const risk = new RiskState(src);
    await risk.loadHalfTermRisk(); // no school yet
    risk.fromRule(school(), IMPORTS);
    await risk.loadHalfTermRisk();
    await risk.loadHalfTermRisk();
    expect(risk.halfTermRisk?.get('A')).toEqual({ 'Autumn 1': 0.2 });
    risk.fromRule(school(), IMPORTS);
    expect(risk.halfTermRisk).toBeNull();
    await risk.loadHalfTermRisk();
    expect(calls).toEqual(['half terms', 'half terms']);
  });
});
