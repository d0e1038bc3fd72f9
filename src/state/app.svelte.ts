/**
 * The app's data as the screens see it: the current school year loaded once per data change, every
 * figure computed once (views/school.ts), risk from the rule at once and from the model when it loads.
 */
import type { Pupil, PupilYear } from '../domain/register';
import type { ImportLogEntry, Intervention } from '../store/types';
import { kindLabel } from '../domain/actions';
import { buildSchool, defaultAsOf, type School } from '../views/school';
import {
  halfTermRiskMap,
  modelRiskMap,
  NO_PUPILS,
  NO_RISK,
  ruleRisk,
  ruleRiskMap,
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
import { joinWatch, type WatchRow } from '../views/watchlist';
import type { Driver } from '../views/risk';
import { inferPhase, overview, type Overview } from '../views/overview';
import { groupLines, type GroupLine } from '../views/groups';
import type { Phase } from '../domain/national';
import * as backend from './backend';

export type LoadStatus = 'loading' | 'empty' | 'ready' | 'error';

export class AppState {
  status: LoadStatus = $state('loading');
  error: string | null = $state(null);
  /** Large, replaced wholesale on load: raw state, so Svelte does not proxy 1,500 rows. */
  school: School | null = $state.raw(null);
  priorYears: PupilYear[] = $state.raw([]);
  risk: ReadonlyMap<string, RiskView> = $state.raw(NO_RISK);
  riskSource: 'rule' | 'model' = $state('rule');
  modelError: string | null = $state(null);
  /** The model's P(PA) at the end of each half term so far, per pupil; loaded on the first pupil page. */
  halfTermRisk: ReadonlyMap<string, Record<string, number>> | null = $state.raw(null);
  private halfTermRiskFor: School | null = null;
  /**
   * Reasons worked out when a pupil page opens, for pupils the school-wide scoring left without (it explains only
   * pupils at some risk: explaining everyone took a quarter of scoring 50,000 pupils). Keyed by pupil id.
   */
  reasons: Readonly<Record<string, Driver[] | 'working'>> = $state.raw({});
  newly: ReadonlySet<string> = $state.raw(NO_PUPILS);
  baseline: Baseline | null = $state(null);
  interventions: Intervention[] = $state.raw([]);
  imports: ImportLogEntry[] = $state.raw([]);
  years: number[] = $state.raw([]);
  /** Another tab upgraded or deleted the database: this tab must reload (shown as an alert). */
  storeAlert: string | null = $state(null);
  /** A message for the live region: what just happened. */
  notice: string = $state('');
  /** The date asked for in the URL (the router's asOf); null = the last register date. */
  asOfWanted: string | null = null;
  /** The school is shown as of an earlier date than its last register. */
  pastView = $state(false);
  private loaded: { pupils: Pupil[]; years: PupilYear[]; prior: PupilYear[] } | null = null;

  /** Every pupil with risk and latest action: recomputed only when one of its inputs changes. */
  watchRows: WatchRow[] = $derived.by(() =>
    this.school
      ? joinWatch(this.school.rows, this.risk, (r) => ruleRisk(r.metrics), this.newly, this.interventions)
      : [],
  );

  /** The overview's figures, and each group's, also once per change of data or risk rather than per visit. */
  overview: Overview | null = $derived(
    this.school ? overview(this.school, this.risk, this.newly, this.halfTermRisk) : null,
  );
  phase: Phase = $derived(this.school ? inferPhase(this.school.rows) : 'secondary');
  groupLines: GroupLine[] = $derived(
    this.school ? groupLines(this.school.rows, this.risk, this.phase, this.school.asOf) : [],
  );

  /** Listen for other tabs changing the database; returns the unsubscribe function. */
  watchStore(): () => void {
    return backend.onStoreEvent((e) => (this.storeAlert = e.message));
  }

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const [years, imports, interventions] = await Promise.all([
        backend.listYears(),
        backend.listImports(),
        backend.listInterventions(),
      ]);
      this.years = years;
      this.imports = imports;
      this.interventions = interventions;
      if (!years.length) {
        this.school = null;
        this.status = 'empty';
        return;
      }
      const current = years[years.length - 1];
      const [pupils, pys, prior] = await Promise.all([
        backend.loadPupils(),
        backend.loadYear(current),
        years.includes(current - 1) ? backend.loadYear(current - 1) : Promise.resolve([] as PupilYear[]),
      ]);
      this.setSchool(pupils, pys, prior);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.status = 'error';
    }
  }

  /** Build every figure once; pure and synchronous, so tests and benchmarks can call it too. */
  setSchool(pupils: Pupil[], years: PupilYear[], prior: PupilYear[] = []): void {
    this.loaded = { pupils, years, prior };
    const school = buildSchool(pupils, years, this.asOfWanted ?? undefined);
    this.pastView = !!school && school.asOf !== defaultAsOf(school.calendar);
    this.school = school;
    this.halfTermRisk = null;
    this.reasons = {};
    this.priorYears = prior;
    if (!school) {
      this.status = 'empty';
      return;
    }
    const risk = ruleRiskMap(school.rows);
    this.risk = risk;
    this.riskSource = 'rule';
    this.baseline = baselineDate(school.asOf, this.imports);
    this.newly = newlyAtRisk(school, risk, this.baseline.asOf);
    this.status = 'ready';
    void this.scoreWithModel();
  }

  /** Show the school as it stood on another register date (null = the last one), from the data already loaded. */
  setAsOf(asOf: string | null): void {
    if (asOf === this.asOfWanted) return;
    this.asOfWanted = asOf;
    const l = this.loaded;
    if (l && this.status === 'ready') this.setSchool(l.pupils, l.years, l.prior);
  }

  /** Replace the rule estimate with the model's once it is available; the rule stays if it is not. */
  async scoreWithModel(): Promise<void> {
    const school = this.school;
    if (!school) return;
    try {
      const client = await backend.scoreClient();
      const model = await backend.getSetting<'shipped' | 'school'>('modelChoice', 'shipped');
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
      const metas = await backend.listRiskSnapshots();
      const prevId = previousSnapshotId(metas, this.imports, school);
      const prev = prevId === null ? undefined : await backend.latestRiskSnapshot(prevId + 1);
      if (this.school !== school) return;
      if (prev && prev.id === prevId) {
        this.baseline = snapshotBaseline(prev, school.asOf);
        this.newly = newlyAtRiskSince(school, risk, prev);
      }
      const importId = currentImportId(this.imports, school.startYear);
      if (importId !== null && !metas.some((m) => m.importId === importId))
        await backend.saveRiskSnapshot({ asOf: school.asOf, importId, modelId, pPa: snapshotOf(risk) });
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
      const client = await backend.scoreClient();
      const model = await backend.getSetting<'shipped' | 'school'>('modelChoice', 'shipped');
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
      const client = await backend.scoreClient();
      const model = await backend.getSetting<'shipped' | 'school'>('modelChoice', 'shipped');
      const r = await client.riskByHalfTerm({ startYear: school.startYear, asOf: school.asOf, model });
      if (this.school === school) this.halfTermRisk = halfTermRiskMap(r);
    } catch (e) {
      console.warn('Half-term risk unavailable.', e);
    }
  }

  async recordIntervention(i: Omit<Intervention, 'id'>): Promise<void> {
    await backend.addIntervention(i);
    this.interventions = await backend.listInterventions();
    this.notice = `Recorded ${kindLabel(i.kind).toLowerCase()} on ${i.date}.`;
  }

  async removeIntervention(id: number): Promise<void> {
    await backend.deleteIntervention(id);
    this.interventions = await backend.listInterventions();
    this.notice = 'Action deleted.';
  }

  async undoImport(id: number): Promise<void> {
    try {
      const line = this.imports.find((e) => e.id === id);
      if (line?.kind) {
        await backend.undoReplacement($state.snapshot(line) as ImportLogEntry);
        this.notice = `Undone: ${line.fileName}. A safety copy of the state before the undo is kept too.`;
        await this.load();
        return;
      }
      const e = await backend.undoImport(id);
      this.notice = `Undid the import of ${e.fileName}.`;
    } catch (err) {
      this.notice = err instanceof Error ? err.message : String(err);
    }
    await this.load();
  }

  /** Every pupil on roll is a demo pupil: removing them loses nothing real, so it needs no confirmation. */
  get onlyDemo(): boolean {
    return !!this.school?.anyDemo && this.school.rows.every((r) => r.demo);
  }

  async removeDemo(): Promise<void> {
    const n = await backend.removeDemoKeepingCopy();
    this.notice = `Removed ${n} demo pupils.`;
    await this.load();
  }
}

export const app = new AppState();
