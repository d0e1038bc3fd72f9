/**
 * The school's letter wording and name, kept in this browser's settings; a letter run: recorded as one action per
 * pupil in the same step, and its letters filled from each pupil's figures as of the date shown.
 */
import { kindLabel } from '../domain/actions';
import {
  fillTemplate,
  LETTER_ACTION,
  letterFacts,
  readTemplates,
  type LetterId,
  type LetterTemplate,
} from '../views/letters';
import { app } from './app.svelte';
import { actions } from './actions.svelte';
import * as backend from './backend';

export const TEMPLATES_SETTING = 'letterTemplates';
export const SCHOOL_NAME_SETTING = 'schoolName';

export interface LetterRun {
  letter: LetterId;
  /** Pupil ids, in list order. */
  pupils: string[];
  owner: string;
  followUp: string;
  /** The date the letters are sent and recorded under (the pupils' figures are as of the shown date). */
  date: string;
  /** The filter the pupils came from, printed at the top of the run's cover line. */
  filter: string;
}

/** One printed page: a pupil's letter, filled in. */
export interface LetterSheet {
  id: string;
  demo: boolean;
  /** The letter's date in words. */
  date: string;
  paragraphs: string[];
}

export class LettersState {
  templates: Record<LetterId, LetterTemplate> = $state(readTemplates(null));
  schoolName = $state('');
  loaded = $state(false);
  /** The letters being printed: shown only in print. */
  run: LetterRun | null = $state(null);

  /** The name letters are headed with: the school's, or "Demo school" for demo data. */
  heading = $derived(this.schoolName || (app.school?.allDemo ? 'Demo school' : ''));
  /** The run's letters, one per pupil still on roll, filled from their figures as of the date shown. */
  sheets: LetterSheet[] = $derived.by(() => {
    const { run } = this;
    const school = app.school;
    if (!run || !school) return [];
    const template = this.templates[run.letter];
    return run.pupils.flatMap((id) => {
      const row = school.byId.get(id);
      if (!row) return [];
      // A pupil with period totals only has no register: the letter says which figures totals cannot give.
      const facts = letterFacts(row, school.years.get(id), school.pupils.get(id)?.forename ?? '', {
        school: this.heading,
        date: run.date,
        asOf: school.asOf,
        owner: run.owner,
        followUp: run.followUp,
      });
      return [
        {
          id,
          demo: row.demo,
          date: facts.date,
          paragraphs: fillTemplate(template.body, facts).split(/\n{2,}/),
        },
      ];
    });
  });

  async load(): Promise<void> {
    if (this.loaded) return;
    this.templates = readTemplates(await backend.getSetting<unknown>(TEMPLATES_SETTING, null));
    this.schoolName = await backend.getSetting<string>(SCHOOL_NAME_SETTING, '');
    this.loaded = true;
  }

  async save(): Promise<void> {
    await backend.setSetting(TEMPLATES_SETTING, $state.snapshot(this.templates));
    await backend.setSetting(SCHOOL_NAME_SETTING, this.schoolName.trim());
  }

  /**
   * Start a letter run and record it in the same step: the wording is saved, and each pupil gets the letter's
   * action dated the run's date (today, or the as-of date looked back to: actions.defaultDate), with the owner and
   * follow-up. Returns what was recorded, in words; rejects (with
   * the run cleared) when the actions could not be saved, so nothing is printed that was not recorded.
   */
  async startRun(asked: Omit<LetterRun, 'date'> & { date?: string }): Promise<string> {
    const school = app.school;
    if (!school || !asked.pupils.length) return '';
    await this.save();
    const run: LetterRun = { ...asked, date: asked.date ?? actions.defaultDate };
    const kind = LETTER_ACTION[run.letter];
    const owner = run.owner.trim();
    this.run = { ...run, owner };
    try {
      const n = await actions.recordMany(
        run.pupils.map((pupilId) => ({
          pupilId,
          date: run.date,
          kind,
          note: `${this.templates[run.letter].title}: letter printed`,
          ...(owner ? { owner } : {}),
          ...(run.followUp ? { followUp: run.followUp } : {}),
        })),
      );
      return `${n} letter${n === 1 ? '' : 's'} recorded as ${kindLabel(kind).toLowerCase()}, follow-up ${run.followUp || 'not set'}.`;
    } catch (e) {
      this.run = null;
      throw e;
    }
  }
}

export const letters = new LettersState();
