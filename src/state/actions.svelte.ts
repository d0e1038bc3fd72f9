/** Case records on the as-of date and the follow-ups due, recomputed only when actions or the date change. */
import type { Intervention } from '../store/types';
import { caseRecords, dueList, type CaseRecord, type DueItem } from '../views/actions';
import { kindLabel } from '../domain/actions';
import { app } from './app.svelte';
import * as backend from './backend';

export type NewAction = Omit<Intervention, 'id'>;

export class ActionsState {
  records: ReadonlyMap<string, CaseRecord> = $derived(
    caseRecords(app.interventions, app.school?.asOf ?? '9999-12-31'),
  );
  due: DueItem[] = $derived(dueList(this.records, app.school?.asOf ?? '9999-12-31'));

  /** Record one action per pupil in one step (a letter to each of a filtered list); returns how many. */
  async recordMany(list: readonly NewAction[]): Promise<number> {
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
    app.interventions = await backend.listInterventions();
    app.notice = list.length
      ? `Recorded ${kindLabel(list[0].kind).toLowerCase()} for ${list.length} pupil${list.length === 1 ? '' : 's'}.`
      : '';
    return list.length;
  }

  async setOutcome(id: number, outcome: string): Promise<void> {
    try {
      await backend.updateIntervention(id, { outcome: outcome.trim() });
    } catch (e) {
      throw new Error(app.reportWriteFailure(e, 'save this outcome'), { cause: e });
    }
    app.interventions = await backend.listInterventions();
    app.notice = 'Outcome saved.';
  }
}

export const actions = new ActionsState();
