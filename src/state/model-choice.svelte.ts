/**
 * The model the app scores with: the user's choice (kept in this browser's store, so it survives a reload), the
 * shipped model's recalibration on the school's previous year (made once per import of that year, in the score
 * worker), and whether a school-trained model exists. `resolve` is the one call every score goes through
 * (state/risk.svelte.ts); `pickModel` in views/model-choice.ts is the rule it applies.
 */
import type { ImportLogEntry } from '../store/types';
import type { ModelChoice } from '../model/types';
import type { SavedRecalibration } from '../model/recalibrate';
import {
  MODEL_NAME,
  needsRecalibration,
  pickModel,
  recalibrationDataKey,
  schoolYearLabel,
} from '../views/model-choice';
import * as backend from './backend';

/** What the model choice needs from the store and the score worker (tests pass their own). */
export interface ModelChoiceSources {
  getSetting<T>(key: string, fallback: T): Promise<T>;
  setSetting(key: string, value: unknown): Promise<void>;
  listModels(): Promise<{ id: string }[]>;
  recalibrate(args: { startYear: number; dataKey: string }): Promise<SavedRecalibration>;
}

const appSources: ModelChoiceSources = {
  getSetting: backend.getSetting,
  setSetting: backend.setSetting,
  listModels: backend.listModels,
  recalibrate: async (a) => (await backend.scoreClient()).recalibrate(a),
};

export const CHOICE_KEY = 'modelChoice';
export const RECALIBRATION_KEY = 'recalibration';
const CHOICES: readonly ModelChoice[] = ['shipped', 'recalibrated', 'school'];

export class ModelChoiceState {
  /** The user's own choice; null = none made, so the app picks (the recalibrated model when it measured better). */
  chosen: ModelChoice | null = $state(null);
  recal: SavedRecalibration | null = $state.raw(null);
  hasSchoolModel = $state(false);
  recalibrating = $state(false);
  /** Said once when the app itself switched models, with the way back. */
  switched: string = $state('');
  /** The choice before the last one, for undo (undefined: nothing to undo). */
  previous: ModelChoice | null | undefined = $state(undefined);

  private loading: Promise<void> | null = null;
  private making: Promise<void> | null = null;

  constructor(private readonly sources: ModelChoiceSources = appSources) {}

  /** The model scores come from now. */
  get effective(): ModelChoice {
    return pickModel(this.chosen, this.recal, this.hasSchoolModel);
  }

  /** Read the choice, the recalibration and the school model's presence from the store (once, unless asked). */
  load(again = false): Promise<void> {
    if (!this.loading || again)
      this.loading = (async () => {
        const [chosen, recal, models] = await Promise.all([
          this.sources.getSetting<unknown>(CHOICE_KEY, null).catch(() => null),
          this.sources.getSetting<SavedRecalibration | null>(RECALIBRATION_KEY, null).catch(() => null),
          this.sources.listModels().catch(() => []),
        ]);
        this.chosen = CHOICES.includes(chosen as ModelChoice) ? (chosen as ModelChoice) : null;
        this.recal = recal;
        this.hasSchoolModel = models.length > 0;
      })();
    return this.loading;
  }

  /**
   * The model to score a school with, recalibrating first when the store holds the year before it and no
   * recalibration was made from that year's imports as they are now (so scores change once, not after showing).
   */
  async resolve(startYear: number, imports: readonly ImportLogEntry[]): Promise<ModelChoice> {
    await this.load();
    if (needsRecalibration(this.recal, imports, startYear - 1))
      await this.recalibrate(startYear - 1, imports);
    return this.effective;
  }

  /** Recalibrate the shipped model on `year` (kept in the store); one at a time. */
  recalibrate(year: number, imports: readonly ImportLogEntry[]): Promise<void> {
    this.making ??= (async () => {
      const before = this.effective;
      this.recalibrating = true;
      try {
        const made = await this.sources.recalibrate({
          startYear: year,
          dataKey: recalibrationDataKey(imports, year),
        });
        await this.sources.setSetting(RECALIBRATION_KEY, made);
        this.recal = made;
        const r = made.result;
        if (this.effective !== before && this.effective === 'recalibrated' && r)
          this.switched =
            `Risk now comes from ${MODEL_NAME.recalibrated}: on ${schoolYearLabel(year)} its calibration error was ` +
            `${(100 * r.after.ece).toFixed(1)}% against ${(100 * r.before.ece).toFixed(1)}% for the shipped model.`;
      } catch (e) {
        console.warn('Recalibration failed; the shipped model stays.', e);
      } finally {
        this.recalibrating = false;
        this.making = null;
      }
    })();
    return this.making;
  }

  /** Keep the user's choice in the store (null: let the app pick again); the one before can be undone. */
  async choose(m: ModelChoice | null): Promise<void> {
    await this.load();
    const was = this.chosen;
    await this.sources.setSetting(CHOICE_KEY, m);
    this.previous = was;
    this.chosen = m;
    this.switched = '';
  }

  /** Go back to the choice before the last one. */
  async undo(): Promise<void> {
    if (this.previous === undefined) return;
    const back = this.previous;
    await this.sources.setSetting(CHOICE_KEY, back);
    this.chosen = back;
    this.previous = undefined;
  }

  /** A school model was trained or deleted: read again whether there is one. */
  async refreshSchoolModel(): Promise<void> {
    this.hasSchoolModel = (await this.sources.listModels().catch(() => [])).length > 0;
  }

  /** After the data was wiped or replaced: read everything again. */
  forget(): void {
    this.loading = null;
    this.switched = '';
    this.previous = undefined;
  }
}

export const modelChoice = new ModelChoiceState();
