import { describe, expect, it } from 'vitest';
import { buildSchool } from '../../src/views/school';
import { ruleRisk, type RiskBand, type RiskView } from '../../src/views/risk';
import { currentImportId, newlyAtRiskSince, previousSnapshotId, snapshotOf } from '../../src/views/newly';
import { PUPILS, YEARS } from './views-fixture';

const school = buildSchool(PUPILS, YEARS)!;

/** Risk as the model would give it: a band and P(PA) per pupil. */
function modelRisk(bands: Record<string, [RiskBand, number]>): Map<string, RiskView> {
  return new Map(
    Object.entries(bands).map(([id, [band, pPA]]) => [
      id,
      { ...ruleRisk(school.byId.get(id)!.metrics), band, pPA, pSA: 0, source: 'model' as const },
    ]),
  );
}

// Now (to 11 Oct): Ben is PA after last week's illness, Cal high, Dee severely absent, Ada fine.
const now = modelRisk({ A: ['low', 0.05], B: ['pa', 0.9], C: ['high', 0.6], D: ['sa', 0.99] });

describe('newly at risk against the previous import’s snapshot', () => {
  it('lists pupils flagged now whose saved P(PA) was below the high line', () => {
    // Saved after the import to Fri 4 Oct, before Ben's illness. Dee's P(PA) was modest (0.4) but she had
    // already missed 15 of 24 days by then, so the register made her PA then: she is not new.
    const snap = { asOf: '2024-10-04', pPa: { A: 0.04, B: 0.1, C: 0.3, D: 0.4 } };
    expect([...newlyAtRiskSince(school, now, snap)].sort()).toEqual(['B', 'C']);
  });

  it('does not count a pupil the previous import already put at high risk', () => {
    const snap = { asOf: '2024-10-04', pPa: { A: 0.04, B: 0.1, C: 0.55, D: 0.4 } };
    expect([...newlyAtRiskSince(school, now, snap)]).toEqual(['B']);
  });

  it('counts a flagged pupil missing from the snapshot (joined since) as new', () => {
    const snap = { asOf: '2024-10-04', pPa: { A: 0.04, B: 0.7, C: 0.55 } };
    expect([...newlyAtRiskSince(school, now, snap)]).toEqual(['D']);
  });

  it('with only the register rule now, still compares against the snapshot', () => {
    const rule = new Map(school.rows.map((r) => [r.id, ruleRisk(r.metrics)]));
    const snap = { asOf: '2024-10-04', pPa: { A: 0.04, B: 0.1, C: 0.3, D: 0.4 } };
    // The rule makes Ben PA and Dee SA; Cal (6.7%) is only "rising", so not flagged.
    expect([...newlyAtRiskSince(school, rule, snap)]).toEqual(['B']);
  });
});

describe('choosing the snapshot to compare with', () => {
  const imports = [
    { id: 1, years: [2024] },
    { id: 2, years: [2024] },
    { id: 3, years: [2023] }, // last year's file imported later: not this year's current import
  ];
  const snaps = [
    { id: 10, asOf: '2024-10-04', importId: 1 },
    { id: 11, asOf: '2024-10-11', importId: 2 },
    { id: 12, asOf: '2024-07-18', importId: 3 }, // another school year
    { id: 13, asOf: '2024-09-27' }, // no import recorded
  ];
  const at = { startYear: 2024, asOf: '2024-10-11' };

  it('takes the newest snapshot of an earlier import still in place', () => {
    expect(currentImportId(imports, 2024)).toBe(2);
    expect(previousSnapshotId(snaps, imports, at)).toBe(10);
  });

  it('after undoing the latest import, the earlier import is current and has nothing before it', () => {
    const undone = imports.map((i) => (i.id === 2 ? { ...i, undone: true } : i));
    expect(currentImportId(undone, 2024)).toBe(1);
    expect(previousSnapshotId(snaps, undone, at)).toBeNull();
  });

  it('a details-only import after the register import is not the current import and hides no snapshot', () => {
    const withDetails = [...imports, { id: 4, years: [2024], kind: 'details' }];
    expect(currentImportId(withDetails, 2024)).toBe(2);
    expect(previousSnapshotId(snaps, withDetails, at)).toBe(10);
  });

  it('ignores snapshots dated after the register shown', () => {
    expect(previousSnapshotId(snaps, imports, { startYear: 2024, asOf: '2024-10-01' })).toBeNull();
  });

  it('saves only model probabilities', () => {
    const mixed = new Map([
      ...now,
      ['E', { ...now.get('A')!, pupilId: 'E', pPA: null, source: 'rule' as const }],
    ]);
    expect(snapshotOf(mixed)).toEqual({ A: 0.05, B: 0.9, C: 0.6, D: 0.99 });
  });
});
