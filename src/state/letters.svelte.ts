/** The school's letter wording and name, kept in this browser's settings; a letter run in progress. */
import { readTemplates, type LetterId, type LetterTemplate } from '../views/letters';
import * as backend from './backend';

export const TEMPLATES_SETTING = 'letterTemplates';
export const SCHOOL_NAME_SETTING = 'schoolName';

export interface LetterRun {
  letter: LetterId;
  /** Pupil ids, in list order. */
  pupils: string[];
  owner: string;
  followUp: string;
  /** The filter the pupils came from, printed at the top of the run's cover line. */
  filter: string;
}

export class LettersState {
  templates: Record<LetterId, LetterTemplate> = $state(readTemplates(null));
  schoolName = $state('');
  loaded = $state(false);
  /** The letters being printed: shown only in print. */
  run: LetterRun | null = $state(null);

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
}

export const letters = new LettersState();
