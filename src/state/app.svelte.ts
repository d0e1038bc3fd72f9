/**
 * The app's state as the screens use it, made of focused parts: the school's data (school-data.svelte.ts: the
 * latest year loaded once per data change, every figure computed once) and its risk (risk.svelte.ts: the rule at
 * once, the model's when it loads). Here: what joins them (the watch list, overview and group figures), the
 * messages the screens show, and undoing an import (which reloads everything). Actions are recorded, deleted and
 * undone in actions.svelte.ts. Screens read the parts' fields through this object, as before the split.
 */
import type { Pupil, PupilYear } from '../domain/register';
import type { Intervention } from '../store/types';
import type { School } from '../views/school';
import { ruleRisk } from '../views/risk';
import { joinWatch, type WatchRow } from '../views/watchlist';
import { inferPhase, overview, type Overview } from '../views/overview';
import { groupLines, type GroupLine } from '../views/groups';
import type { Phase } from '../domain/national';
import { SchoolData } from './school-data.svelte';
import { RiskState } from './risk.svelte';
import * as backend from './backend';

export class AppState {
  readonly data = new SchoolData();
  readonly riskState = new RiskState();
  /** Another tab upgraded or deleted the database: this tab must reload (shown as an alert). */
  storeAlert: string | null = $state(null);
  /** A message for the live region: what just happened. */
  notice: string = $state('');
  /** A write that failed or was refused, in words with the way out: shown in view until dismissed. */
  writeError: string | null = $state(null);

  /** Say in view (and to screen readers) why a write failed; the caller keeps what the user typed. */
  reportWriteFailure(e: unknown, what: string): string {
    const message = backend.explainWriteError(e, what, backend.staleReason());
    this.writeError = message;
    this.notice = message;
    return message;
  }

  // The parts' fields, read where the screens have always read them.
  get status() {
    return this.data.status;
  }
  get error() {
    return this.data.error;
  }
  get school() {
    return this.data.school;
  }
  get priorYears() {
    return this.data.priorYears;
  }
  get imports() {
    return this.data.imports;
  }
  get years() {
    return this.data.years;
  }
  get interventions() {
    return this.data.interventions;
  }
  set interventions(list: Intervention[]) {
    this.data.interventions = list;
  }
  get asOfWanted() {
    return this.data.asOfWanted;
  }
  set asOfWanted(asOf: string | null) {
    this.data.asOfWanted = asOf;
  }
  get pastView() {
    return this.data.pastView;
  }
  get risk() {
    return this.riskState.risk;
  }
  get riskSource() {
    return this.riskState.riskSource;
  }
  get modelError() {
    return this.riskState.modelError;
  }
  get halfTermRisk() {
    return this.riskState.halfTermRisk;
  }
  get reasons() {
    return this.riskState.reasons;
  }
  get newly() {
    return this.riskState.newly;
  }
  get baseline() {
    return this.riskState.baseline;
  }

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
    const stop = backend.onStoreEvent((e) => (this.storeAlert = e.message));
    const stopTabs = backend.listenToOtherTabs();
    return () => {
      stop();
      stopTabs();
    };
  }

  async load(): Promise<void> {
    this.showRisk(await this.data.load());
  }

  /** Build every figure once; pure and synchronous, so tests and benchmarks can call it too. */
  setSchool(pupils: Pupil[], years: PupilYear[], prior: PupilYear[] = []): void {
    this.showRisk(this.data.setSchool(pupils, years, prior));
  }

  /** Show the school as it stood on another register date (null = the last one), from the data already loaded. */
  setAsOf(asOf: string | null): void {
    const school = this.data.setAsOf(asOf);
    if (school) this.showRisk(school);
  }

  /** The rule's risk for the school now shown, then the model's when it has scored. */
  private showRisk(school: School | null): void {
    if (!school) {
      if (this.data.status !== 'error') this.riskState.forget();
      return;
    }
    this.riskState.fromRule(school, this.data.imports, this.data.pastView);
    void this.riskState.scoreWithModel();
  }

  scoreWithModel(): Promise<void> {
    return this.riskState.scoreWithModel();
  }

  explainPupils(ids: readonly string[]): Promise<void> {
    return this.riskState.explainPupils(ids);
  }

  loadHalfTermRisk(): Promise<void> {
    return this.riskState.loadHalfTermRisk();
  }

  /** Every pupil on roll is a demo pupil: removing them loses nothing real, so it needs no confirmation. */
  get onlyDemo(): boolean {
    return this.data.onlyDemo;
  }

  async undoImport(id: number): Promise<void> {
    try {
      const e = await backend.undoImport(id);
      this.notice = `Undid the import of ${e.fileName}.`;
      this.writeError = null;
    } catch (err) {
      // "Undo X first", "can no longer be undone", a full disk: shown in view, not only read out.
      this.reportWriteFailure(err, 'undo this import');
      return;
    }
    await this.load();
  }
}

export const app = new AppState();
