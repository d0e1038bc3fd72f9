/**
 * The school's actions (the case record): recording one or many, deleting with an undo, writing the outcome; and
 * the case records and due follow-ups on the as-of date, recomputed only when actions or the date change. Every
 * write rereads the list from the store, so what the screens show is what was saved.
 */
import type { Intervention } from '../store/types';
import { caseRecords, dueList, type CaseRecord, type DueItem } from '../views/actions';
import { kindLabel } from '../domain/actions';
import { actionDateProblem, actionsKnownUntil, defaultActionDate, localDay } from '../domain/action-date';
import { app } from './app.svelte';
import * as backend from './backend';

export type NewAction = Omit<Intervention, 'id'>;

export class ActionsState {
  /** This computer's date (a test sets its own clock). */
  today: () => string = $state(() => localDay());
  /**
   * The last day actions and follow-ups are counted to: as-of when the officer looks back, else today (an action
   * recorded today shows at once). See src/domain/action-date.ts.
   */
  knownUntil: string = $derived(
    app.school ? actionsKnownUntil(app.school.asOf, app.pastView, this.today()) : '9999-12-31',
  );
  records: ReadonlyMap<string, CaseRecord> = $derived(caseRecords(app.interventions, this.knownUntil));
  due: DueItem[] = $derived(dueList(this.records, this.knownUntil));
  /** The date a new action or letter run starts with: today, or as-of when the officer looks back. */
  get defaultDate(): string {
    return defaultActionDate(app.school?.asOf ?? this.today(), app.pastView, this.today());
  }
  /** The latest date an action can have: today. */
  get maxDate(): string {
    return this.today();
  }
  /** Why an action cannot be dated `date` (not a date, or after today), in words; null when it can. */
  dateProblem(date: string): string | null {
    return actionDateProblem(date, this.today());
  }
  /** The action deleted last, kept until the next delete so the delete can be undone. */
  deleted: Intervention | null = $state(null);

  private async reread(): Promise<void> {
    app.interventions = await backend.listInterventions();
  }

  /** Nothing is saved dated after today (a malformed date is the store's to refuse, with its own words). */
  private refuseFuture(list: readonly NewAction[]): void {
    const today = this.today();
    const future = list.find((a) => a.date > today && /^\d{4}-\d{2}-\d{2}$/.test(a.date));
    if (future) throw new Error(actionDateProblem(future.date, today)!);
  }

  /** Rejects (after saying why, in view) when the action could not be saved: the form keeps what was typed. */
  async record(a: NewAction): Promise<void> {
    this.refuseFuture([a]);
    try {
      await backend.addIntervention(a);
    } catch (e) {
      throw new Error(app.reportWriteFailure(e, 'save this action'), { cause: e });
    }
    app.writeError = null;
    await this.reread();
    app.notice = `Recorded ${kindLabel(a.kind).toLowerCase()} on ${a.date}.`;
  }

  /** Record one action per pupil in one step (a letter to each of a filtered list); returns how many. */
  async recordMany(list: readonly NewAction[]): Promise<number> {
    this.refuseFuture(list);
    let saved = 0;
    try {
      for (const a of list) {
        await backend.addIntervention(a);
        saved++;
      }
    } catch (e) {
      app.interventions = await backend.listInterventions().catch(() => app.interventions);
      const why = app.reportWriteFailure(e, 'save these actions');
      throw new Error(saved ? `${saved} of ${list.length} were saved before this. ${why}` : why, {
        cause: e,
      });
    }
    await this.reread();
    app.notice = list.length
      ? `Recorded ${kindLabel(list[0].kind).toLowerCase()} for ${list.length} pupil${list.length === 1 ? '' : 's'}.`
      : '';
    return list.length;
  }

  /** Delete one action; it is kept so `undoDelete` can put it back (the project's rule: deletes can be undone). */
  async remove(id: number): Promise<void> {
    const gone = app.interventions.find((i) => i.id === id) ?? null;
    try {
      await backend.deleteIntervention(id);
    } catch (e) {
      app.reportWriteFailure(e, 'delete this action');
      return;
    }
    this.deleted = gone;
    await this.reread();
    app.notice = gone
      ? `Deleted the ${kindLabel(gone.kind).toLowerCase()} of ${gone.date}. Undo puts it back.`
      : 'Action deleted.';
  }

  /** Put the last deleted action back, with everything it held (a new id: nothing refers to the old one). */
  async undoDelete(): Promise<void> {
    const gone = this.deleted;
    if (!gone) return;
    const { id: _id, ...rest } = gone;
    try {
      await backend.addIntervention(rest);
    } catch (e) {
      app.reportWriteFailure(e, 'put this action back');
      return;
    }
    this.deleted = null;
    await this.reread();
    app.notice = `Put back the ${kindLabel(gone.kind).toLowerCase()} of ${gone.date}.`;
  }

  /** Write or change an action's outcome; an empty outcome clears it. */
  async setOutcome(id: number, outcome: string): Promise<void> {
    try {
      await backend.updateIntervention(id, { outcome: outcome.trim() });
    } catch (e) {
      throw new Error(app.reportWriteFailure(e, 'save this outcome'), { cause: e });
    }
    await this.reread();
    app.notice = 'Outcome saved.';
  }
}

export const actions = new ActionsState();
