/**
 * Risk as the screens show it: the register rule at once for a newly loaded school, then the model's when it has
 * scored (the rule stays if the model cannot run), "newly at risk" against the risk saved at the previous import,
 * and the model's reasons and half-term risk, asked for when a screen needs them.
 * Every answer is for the school it was asked about: one that arrives after the data changed is dropped.
 */
import type { ImportLogEntry } from '../store/types';
import type { School } from '../views/school';
import {
  halfTermRiskMap,
  modelRiskMap,
  NO_PUPILS,
  NO_RISK,
  ruleRiskMap,
  type Driver,
  type RiskView,
} from '../views/risk';
import {
  baselineDate,
  currentImportId,
  newlyAtRisk,
  newlyAtRiskSince,
  previousSnapshotId,
  snapshotBaseline,
  snapshotOf,
  type Baseline,
} from '../views/newly';
import * as backend from './backend';
import type { ModelChoice } from '../model/types';
import { modelChoice } from './model-choice.svelte';

/** What risk needs from the model and the store (tests pass their own). */
export interface RiskSources {
  scoreClient(): Promise<Pick<backend.ScoreClient, 'scoreSchool' | 'riskByHalfTerm'>>;
  /** The model to score this school with: the one place that picks it (state/model-choice.svelte.ts). */
  modelChoice(school: School, imports: readonly ImportLogEntry[]): Promise<ModelChoice>;
  listRiskSnapshots: typeof backend.listRiskSnapshots;
  latestRiskSnapshot: typeof backend.latestRiskSnapshot;
  saveRiskSnapshot: typeof backend.saveRiskSnapshot;
}

const appSources: RiskSources = {
  scoreClient: backend.scoreClient,
  modelChoice: (school, imports) => modelChoice.resolve(school.startYear, imports),
  listRiskSnapshots: backend.listRiskSnapshots,
  latestRiskSnapshot: backend.latestRiskSnapshot,
  saveRiskSnapshot: backend.saveRiskSnapshot,
};

export class RiskState {
  risk: ReadonlyMap<string, RiskView> = $state.raw(NO_RISK);
  riskSource: 'rule' | 'model' = $state('rule');
  modelError: string | null = $state(null);
  /** The model's P(PA) at the end of each half term so far, per pupil; loaded on the first pupil page. */
  halfTermRisk: ReadonlyMap<string, Record<string, number>> | null = $state.raw(null);
  /**
   * Reasons worked out when a pupil page opens, for pupils the school-wide scoring left without (it explains only
   * pupils at some risk: explaining everyone took a quarter of scoring 50,000 pupils). Keyed by pupil id.
   */
  reasons: Readonly<Record<string, Driver[] | 'working'>> = $state.raw({});
  newly: ReadonlySet<string> = $state.raw(NO_PUPILS);
  baseline: Baseline | null = $state(null);

  /** The school the figures above are for. */
  private school: School | null = null;
  private imports: readonly ImportLogEntry[] = [];
  /** The school is shown as of an earlier date than its last register: no snapshot is compared or saved. */
  private pastView = false;
  private halfTermRiskFor: School | null = null;

  constructor(private readonly sources: RiskSources = appSources) {}

  /** A new school (or none): what was worked out for the old one is forgotten. */
  forget(): void {
    this.school = null;
    this.halfTermRisk = null;
    this.halfTermRiskFor = null;
    this.reasons = {};
  }

  /** The rule's risk for a newly loaded school, at once; "newly at risk" since the previous import's date. */
  fromRule(school: School, imports: readonly ImportLogEntry[], pastView = false): void {
    this.forget();
    this.school = school;
    this.imports = imports;
    this.pastView = pastView;
    const risk = ruleRiskMap(school.rows);
    this.risk = risk;
    this.riskSource = 'rule';
    this.baseline = baselineDate(school.asOf, imports);
    this.newly = newlyAtRisk(school, risk, this.baseline.asOf);
  }

  /** Replace the rule estimate with the model's once it is available; the rule stays if it is not. */
  async scoreWithModel(): Promise<void> {
    const school = this.school;
    if (!school) return;
    try {
      const client = await this.sources.scoreClient();
      const model = await this.sources.modelChoice(school, this.imports);
      // The worker reads the registers from the store itself: nothing large crosses the bridge.
      const scored = await client.scoreSchool({ startYear: school.startYear, asOf: school.asOf, model });
      if (this.school !== school) return; // data changed meanwhile
      // Leavers' records are final: they get no risk, whatever the scorer returned for them.
      const risk = modelRiskMap(scored.filter((r) => school.byId.has(r.pupilId)));
      this.risk = risk;
      this.reasons = {}; // worked out with the model just replaced
      this.riskSource = 'model';
      this.newly = newlyAtRisk(school, risk, this.baseline?.asOf ?? school.asOf);
      // Snapshots record each import's risk on its own last register date: a past view neither uses nor saves one.
      if (!this.pastView) await this.compareWithSnapshots(school, risk, model);
      // The overview's half-term bars need the risk as it stood at each half term's end.
      void this.loadHalfTermRisk();
    } catch (e) {
      this.modelError = e instanceof Error ? e.message : String(e);
      console.warn('Risk model unavailable; showing the register rule instead.', e);
    }
  }

  /**
   * "Newly at risk" against the model's risk saved at the previous import (the register rule replayed at
   * that date stays when there is none), then saves this import's risk once for the next import to compare with.
   */
  private async compareWithSnapshots(
    school: School,
    risk: ReadonlyMap<string, RiskView>,
    modelId: string,
  ): Promise<void> {
    try {
      const metas = await this.sources.listRiskSnapshots();
      const prevId = previousSnapshotId(metas, this.imports, school);
      const prev = prevId === null ? undefined : await this.sources.latestRiskSnapshot(prevId + 1);
      if (this.school !== school) return;
      if (prev && prev.id === prevId) {
        this.baseline = snapshotBaseline(prev, school.asOf);
        this.newly = newlyAtRiskSince(school, risk, prev);
      }
      const importId = currentImportId(this.imports, school.startYear);
      if (importId !== null && !metas.some((m) => m.importId === importId))
        await this.sources.saveRiskSnapshot({ asOf: school.asOf, importId, modelId, pPa: snapshotOf(risk) });
    } catch (e) {
      console.warn('Risk snapshots unavailable; comparing with the register instead.', e);
    }
  }

  /**
   * The model's reasons for pupils the school-wide scoring did not explain, asked for once per data load: one
   * pupil when their page opens, or all a CSV export lists.
   */
  async explainPupils(ids: readonly string[]): Promise<void> {
    const school = this.school;
    if (!school || this.riskSource !== 'model') return;
    const wanted = ids.filter((id) => !(id in this.reasons));
    if (!wanted.length) return;
    const mark = (value: (id: string) => Driver[] | 'working') => {
      this.reasons = { ...this.reasons, ...Object.fromEntries(wanted.map((id) => [id, value(id)])) };
    };
    mark(() => 'working');
    const found: Record<string, Driver[]> = {};
    try {
      const client = await this.sources.scoreClient();
      const model = await this.sources.modelChoice(school, this.imports);
      const scored = await client.scoreSchool({
        startYear: school.startYear,
        asOf: school.asOf,
        model,
        pupilIds: wanted,
        explain: 'all',
      });
      for (const r of scored) found[r.pupilId] = r.drivers;
    } catch (e) {
      console.warn('Reasons unavailable.', e);
    }
    if (this.school === school) mark((id) => found[id] ?? []);
  }

  /** Asks the model for each half term's risk once per data load (the pupil page shows it). */
  async loadHalfTermRisk(): Promise<void> {
    const school = this.school;
    if (!school || this.halfTermRiskFor === school) return;
    this.halfTermRiskFor = school;
    try {
      const client = await this.sources.scoreClient();
      const model = await this.sources.modelChoice(school, this.imports);
      // A school with totals only is re-scored at the end of each finished period its totals name.
      const periods = school.totalsOnly
        ? school.halfTermsSoFar
            .slice(0, -1)
            .map((p, h) => ({ name: p.name, endDate: school.halfTermDates[h] }))
        : undefined;
      const r = await client.riskByHalfTerm({
        startYear: school.startYear,
        asOf: school.asOf,
        model,
        periods,
      });
      if (this.school === school) this.halfTermRisk = halfTermRiskMap(r);
    } catch (e) {
      console.warn('Half-term risk unavailable.', e);
    }
  }
}
