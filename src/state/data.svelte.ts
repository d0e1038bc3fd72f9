/** The Data & settings screen: storage status, backup and restore, delete, demo removal, model choice. */
import * as backend from './backend';
import { app } from './app.svelte';
import { setBusy } from '../pwa/service-worker';
import type { BacktestReport } from '../workers/page/score-client';
import type { Progress } from '../workers/shared/protocol';
import type { CheckedBackup, ImportLogEntry, StorePicture } from '../store';
import { importFlow } from './importer.svelte';
import { withoutDemo } from '../views/replace';
import type { ModelChoice } from '../model/types';
import {
  MODEL_NAME,
  recommendModel,
  schoolEvidence,
  type Recommendation,
  type SchoolModelEvidence,
} from '../views/model-choice';
import { modelChoice } from './model-choice.svelte';

export type { ModelChoice };

/** The last backtest, kept in the store so it is still shown after a reload. */
export interface SavedBacktest {
  report: BacktestReport;
  year: number;
  model: ModelChoice;
  ranAt: string;
}
const BACKTEST_KEY = 'backtest';
/** A timestamp to store, never shown reactively. */
const nowIso = () => new Date(Date.now()).toISOString();

export class DataState {
  persisted: boolean | null = $state(null);
  usage: number | null = $state(null);
  quota: number | null = $state(null);
  records: Record<string, number> = $state.raw({});
  message: string = $state('');
  error: string = $state('');
  working = $state(false);
  schoolModels: { id: string; savedAt: string; meta?: Record<string, unknown> }[] = $state.raw([]);
  trainProgress: Progress | null = $state(null);
  /** The last backtest, kept for the Groups screen's fairness panel. */
  report: BacktestReport | null = $state.raw(null);
  reportYear: number | null = $state(null);
  /** The model the last backtest replayed: the school's own model was trained on that same year. */
  reportModel: ModelChoice | null = $state(null);
  reportRanAt: string | null = $state(null);
  /**
   * A replacement waiting for the user's yes: what is here beside what would replace it. Restores and demo removal
   * never run without it (and keep a safety copy, undoable from the imports log).
   */
  pending: {
    kind: 'restore' | 'demo-removal';
    here: StorePicture;
    other: StorePicture;
    title: string;
  } | null = $state.raw(null);
  private checked: CheckedBackup | null = null;

  /** The model risk comes from now (the one rule: views/model-choice.ts pickModel). */
  get model(): ModelChoice {
    return modelChoice.effective;
  }

  /** What the school-trained model measured on pupils held out of its training. */
  get schoolEvidence(): SchoolModelEvidence | null {
    return schoolEvidence(this.schoolModels[0]?.meta?.report);
  }

  /** Which model to use, and why. */
  get recommendation(): Recommendation {
    return recommendModel(modelChoice.recal, this.schoolEvidence);
  }

  /** The newest complete year before the current one: what training and backtests learn from. */
  get historyYear(): number | null {
    return app.years.length > 1 ? app.years[app.years.length - 2] : null;
  }

  async refresh(): Promise<void> {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    this.persisted = (await storage?.persisted?.().catch(() => false)) ?? false;
    const est = await storage?.estimate?.().catch(() => undefined);
    this.usage = est?.usage ?? null;
    this.quota = est?.quota ?? null;
    this.records = await backend.storageSummary().catch(() => ({}));
    await modelChoice.load(true);
    this.schoolModels = await backend.listModels().catch(() => []);
    const saved = await backend.getSetting<SavedBacktest | null>(BACKTEST_KEY, null).catch(() => null);
    if (saved?.report?.checkpoints) {
      this.report = saved.report;
      this.reportYear = saved.year;
      this.reportModel = saved.model;
      this.reportRanAt = saved.ranAt;
    }
  }

  private async run(work: () => Promise<string>): Promise<void> {
    this.working = true;
    this.error = '';
    this.message = '';
    setBusy(true);
    try {
      this.message = await work();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      setBusy(false);
      this.working = false;
    }
  }

  persist(): Promise<void> {
    return this.run(async () => {
      const r = await backend.requestPersistence();
      this.persisted = r.persisted;
      return r.persisted
        ? 'The browser will keep this data.'
        : 'The browser declined. Installing the app usually helps.';
    });
  }

  backup(passphrase: string): Promise<void> {
    return this.run(async () => {
      const blob = await backend.exportBackup({ passphrase: passphrase || undefined });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = backend.backupFileName();
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      return `Backup saved as ${a.download}${passphrase ? ', encrypted with your passphrase' : ''}.`;
    });
  }

  /** Check a backup through (nothing is written) and show what it holds beside what is here. */
  checkRestore(file: File, passphrase: string): Promise<void> {
    return this.run(async () => {
      this.pending = null;
      const checked = await backend.checkBackup(file, file.name, passphrase || undefined);
      const here = await backend.describeStore();
      this.checked = checked;
      this.pending = {
        kind: 'restore',
        here,
        other: checked.picture,
        title: `Backup ${file.name}, made ${checked.createdAt.slice(0, 16).replace('T', ' ')}`,
      };
      return '';
    });
  }

  /** Ask before removing demo pupils: what stays beside what is here. */
  checkRemoveDemo(): Promise<void> {
    return this.run(async () => {
      const here = await backend.describeStore();
      this.pending = {
        kind: 'demo-removal',
        here,
        other: withoutDemo(here),
        title: 'After removing the demo pupils',
      };
      return '';
    });
  }

  /** Demo pupils alone (nothing real beside them): removed in one click, as nothing real is lost. */
  async removeDemoOnly(): Promise<void> {
    const n = await backend.removeDemoKeepingCopy();
    app.notice = `Removed ${n} demo pupils.`;
    await this.afterReplacing();
  }

  /** Undo a restore or a demo removal from its imports-log line: its safety copy goes back (kept undoable). */
  undoReplacement(line: ImportLogEntry): Promise<void> {
    return this.run(async () => {
      try {
        await backend.undoReplacement(line);
      } catch (e) {
        app.notice = e instanceof Error ? e.message : String(e);
        throw e;
      }
      await this.afterReplacing();
      app.notice = `Undone: ${line.fileName}. A safety copy of the data before this undo is kept too.`;
      return app.notice;
    });
  }

  /**
   * This tab replaced or deleted the data: its workers' store connections still hold the old data's generation
   * (they would refuse to save, as another tab's would), so they start afresh; then every screen reloads.
   */
  private async afterReplacing(): Promise<void> {
    importFlow.restart();
    modelChoice.forget();
    this.report = null;
    this.reportYear = this.reportModel = this.reportRanAt = null;
    (await backend.scoreClient()).restartScoreWorker();
    await app.load();
    await this.refresh();
  }

  cancelPending(): void {
    this.pending = null;
    this.checked = null;
  }

  /** The user said yes: replace, keeping a safety copy first. */
  confirmPending(): Promise<void> {
    const p = this.pending;
    if (!p) return Promise.resolve();
    return this.run(async () => {
      let done: string;
      if (p.kind === 'restore') {
        if (!this.checked) throw new Error('Choose the backup again.');
        await backend.restoreChecked(this.checked);
        done = `Restored ${this.checked.fileName}.`;
      } else {
        const n = await backend.removeDemoKeepingCopy();
        done = `Removed ${n} demo pupils.`;
      }
      this.cancelPending();
      await this.afterReplacing();
      const undoable = p.here.pupils > 0 || p.here.actions > 0 || p.here.imports > 0;
      return undoable && (p.kind === 'restore' || p.here.pupils > p.here.demoPupils)
        ? `${done} A safety copy of what was here is kept: undo it from the imports log.`
        : done;
    });
  }

  wipe(): Promise<void> {
    return this.run(async () => {
      await backend.wipeAllData();
      await this.afterReplacing();
      return 'All data deleted from this device.';
    });
  }

  train(): Promise<void> {
    const year = this.historyYear;
    return this.run(async () => {
      if (year === null) throw new Error('Training needs a complete earlier year of registers.');
      const client = await backend.scoreClient();
      await client.trainOnSchoolHistory({ startYear: year }, { onProgress: (p) => (this.trainProgress = p) });
      this.trainProgress = null;
      this.schoolModels = await backend.listModels();
      await modelChoice.refreshSchoolModel();
      return "Trained on your school's history and saved. Choose it above to use it.";
    });
  }

  backtest(): Promise<void> {
    const year = this.historyYear;
    return this.run(async () => {
      if (year === null) throw new Error('A backtest needs a complete earlier year of registers.');
      const client = await backend.scoreClient();
      const model = this.model;
      const report = await client.backtest({ startYear: year, model });
      const saved: SavedBacktest = { report, year, model, ranAt: nowIso() };
      this.report = report;
      this.reportYear = year;
      this.reportModel = model;
      this.reportRanAt = saved.ranAt;
      await backend.setSetting(BACKTEST_KEY, saved);
      return 'Backtest finished.';
    });
  }

  /** Keep the choice (it survives a reload) and re-score every screen with it; undoable. */
  chooseModel(m: ModelChoice): Promise<void> {
    return this.run(async () => {
      await modelChoice.choose(m);
      void app.scoreWithModel();
      return `Risk now comes from ${MODEL_NAME[this.model]}.`;
    });
  }

  /** Back to the choice before the last one. */
  undoModelChoice(): Promise<void> {
    return this.run(async () => {
      await modelChoice.undo();
      void app.scoreWithModel();
      return `Undone: risk comes from ${MODEL_NAME[this.model]} again.`;
    });
  }

  /** Recalibrate again now (e.g. after importing more of the previous year). */
  recalibrate(): Promise<void> {
    const year = this.historyYear;
    return this.run(async () => {
      if (year === null) throw new Error('Recalibrating needs a complete earlier year of registers.');
      await modelChoice.recalibrate(year, app.imports);
      void app.scoreWithModel();
      const r = modelChoice.recal;
      return r?.result ? 'Recalibrated on the previous year.' : (r?.reason ?? 'Could not recalibrate.');
    });
  }
}

export const data = new DataState();
