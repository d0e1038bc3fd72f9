/** Page models for the app's screens: tests say what the officer does, not which selector to click. */
import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';

export class AppPage {
  constructor(readonly page: Page) {}

  async open(hash = '#/'): Promise<void> {
    await this.page.goto(`./${hash}`);
  }

  async nav(
    name: 'Overview' | 'Today' | 'Watch list' | 'Groups' | 'Import' | 'Data & settings',
  ): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name, exact: true })
      .click();
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  figure(name: string) {
    return this.page.locator(`[data-figure="${name}"]`);
  }

  /** axe-core on the current screen: returns serious and critical violations only. */
  async seriousA11yViolations(): Promise<string[]> {
    const r = await new AxeBuilder({ page: this.page }).analyze();
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')})`,
      );
  }

  async expectAccessible(): Promise<void> {
    expect(await this.seriousA11yViolations()).toEqual([]);
  }

  /** Screens for a person to look at after a layout change: E2E_SHOTS=1 (each costs a second or more on CI). */
  async screenshot(name: string): Promise<void> {
    if (!process.env.E2E_SHOTS) return;
    await this.page.screenshot({ path: `test-results/ui-shots/${name}.png`, fullPage: false });
  }
}

export class WelcomePage extends AppPage {
  async tryDemo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Try the demo school' }).click();
    await expect(this.heading()).toHaveText('School overview', { timeout: 45_000 });
  }
}

export class ImportPage extends AppPage {
  async importFile(path: string): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(path);
    await this.page.getByRole('button', { name: 'Read the whole file' }).click();
    await expect(this.page.getByTestId('import-summary')).toBeVisible();
    await this.page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
    await expect(this.page.getByRole('heading', { name: 'Imported' })).toBeVisible({ timeout: 30_000 });
  }

  /** Choose a file and read it, stopping at the report (what was found) before importing. */
  async chooseAndRead(path: string): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(path);
    await this.page.getByRole('button', { name: 'Read the whole file' }).click();
    await expect(this.page.getByTestId('import-summary')).toBeVisible();
  }

  /** What the confirm step says about the file type (e.g. which sheet of a workbook was read). */
  formatNote() {
    return this.page.getByTestId('format-note');
  }

  summary() {
    return this.page.getByTestId('import-summary');
  }

  /** The "Problems by kind" table's first column, as the officer reads it. */
  problemKinds() {
    return this.page.getByRole('table', { name: 'Problems by kind' }).locator('tbody tr td:first-child');
  }

  async importAnother(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import another file' }).click();
  }

  logRows() {
    return this.page.getByRole('region', { name: 'Imports log' }).locator('tbody tr');
  }
}

/** How test/fixtures/e2e/odd-headers.csv's unrecognised headers map to our fields. */
export const ODD_HEADERS: Readonly<Record<string, string>> = {
  'MIS id': 'Ref',
  Surname: 'Family',
  Forename: 'Given',
  Date: 'When',
  'Session (AM/PM)': 'Which',
  Mark: 'Reg Mark',
};

export class MappingStep extends AppPage {
  async choose(path: string): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(path);
    await expect(this.page.getByRole('button', { name: 'Read the whole file' })).toBeVisible();
  }
  /** Match one of our fields (its label) to a column of the file (its header). */
  async mapColumn(field: string, header: string): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Columns' })
      .getByLabel(field, { exact: true })
      .selectOption(header);
  }
  /** Match each field to its column, in the order given. */
  async mapColumns(mapping: Readonly<Record<string, string>>): Promise<void> {
    for (const [field, header] of Object.entries(mapping)) await this.mapColumn(field, header);
  }
  previewRows() {
    return this.page.locator('table.preview tbody tr');
  }
  async readAndImport(): Promise<void> {
    await this.page.getByRole('button', { name: 'Read the whole file' }).click();
    await expect(this.page.getByTestId('import-summary')).toBeVisible();
    await this.page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
    await expect(this.page.getByRole('heading', { name: 'Imported' })).toBeVisible({ timeout: 30_000 });
  }
}

export class WatchListPage extends AppPage {
  rows() {
    return this.page.locator('table.watch tbody tr');
  }
  async filterYearGroup(label: string): Promise<void> {
    await this.page.getByLabel('Year group').selectOption({ label });
  }
  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search name or id').fill(text);
  }
  async openPupil(index = 0): Promise<string> {
    const link = this.rows().nth(index).locator('a.pupil');
    const name = (await link.textContent())!.trim();
    await link.click();
    await expect(this.heading()).toHaveText(name);
    return name;
  }
}

export class PupilPageModel extends AppPage {
  /** kind as the form lists it, e.g. 'Attendance meeting', 'Letter: stage 1' (src/domain/actions.ts). */
  async recordAction(
    kind: string,
    note: string,
    more: { owner?: string; followUp?: string } = {},
  ): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Record an action' });
    await form.getByLabel('Action').selectOption({ label: kind });
    await form.getByLabel('Note').fill(note);
    if (more.owner) await form.getByLabel('Owner').fill(more.owner);
    if (more.followUp) await form.getByLabel('Follow up on').fill(more.followUp);
    await form.getByRole('button', { name: 'Record action' }).click();
  }
  actionsTable() {
    return this.page.locator('table.actions');
  }
}

export class DataScreen extends AppPage {
  status() {
    return this.page.locator('p[role="status"].ok');
  }
  /** Train on the school's complete earlier year, then choose that model. */
  async trainOnHistory(): Promise<void> {
    await this.page.getByRole('button', { name: 'Train on our history' }).click();
    await expect(this.status()).toContainText("Trained on your school's history", { timeout: 90_000 });
    await this.page.getByRole('radio', { name: /Trained on your school's history/ }).check();
    await expect(this.status()).toContainText(
      "Risk now comes from the model trained on your school's history",
    );
  }
  async runBacktest(): Promise<void> {
    await this.page.getByRole('button', { name: 'Run the backtest' }).click();
    await expect(this.page.locator('table.bt tbody tr').first()).toBeVisible({ timeout: 60_000 });
  }
  /** Saves a backup through the browser's download, returning the file's name and bytes. */
  async backup(): Promise<{ name: string; bytes: Buffer }> {
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export everything to a backup file' }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  }
  async restore(file: { name: string; bytes: Buffer }): Promise<void> {
    await this.page
      .getByLabel('Backup file')
      .setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
    await this.page.getByRole('button', { name: 'Restore this backup…' }).click();
    // What the backup holds is shown beside what is here before anything is replaced.
    await expect(this.page.getByTestId('replace-confirm')).toBeVisible({ timeout: 30_000 });
    await this.page.getByRole('button', { name: 'Replace with the backup' }).click();
    await expect(this.status()).toContainText(`Restored ${file.name}.`, { timeout: 30_000 });
  }
}

/** Today's list: whom to contact, letters for a selection, and the as-of date the whole app is shown at. */
export class TodayPage extends AppPage {
  rows() {
    return this.page.locator('table.today tbody tr');
  }
  asOfInput() {
    return this.page.getByLabel('As of', { exact: true });
  }
  async setAsOf(iso: string): Promise<void> {
    await this.asOfInput().fill(iso);
    await expect(this.figure('as-of')).toHaveText(iso);
  }
  async filterYearGroup(label: string): Promise<void> {
    await this.page.getByLabel('Year group').selectOption({ label });
  }
  /** A select's name includes its chosen option ("Owner Anyone"). */
  ownerSelect() {
    return this.page.getByRole('combobox', { name: /^Owner/ });
  }
  async filterOwner(owner: string): Promise<void> {
    await this.ownerSelect().selectOption(owner);
  }
  async onlyFollowUpDue(on = true): Promise<void> {
    await this.page.getByLabel('Follow-up due').setChecked(on);
  }
  /** Ticks the first n rows; returns each pupil's name and attendance as the list shows them. */
  async select(n: number): Promise<{ name: string; attendance: string }[]> {
    const out: { name: string; attendance: string }[] = [];
    for (let i = 0; i < n; i++) {
      const row = this.rows().nth(i);
      const name = (await row.locator('a.pupil').textContent())!.trim();
      await row.getByRole('checkbox', { name: `Select ${name}` }).check();
      out.push({
        name,
        attendance: (await row.locator('[data-figure="row-attendance"]').textContent())!.trim(),
      });
    }
    return out;
  }
  /** Prints the chosen letter for the ticked pupils and records it as an action in the same step. */
  async printLetters(letter: string, owner: string, followUp: string, count: number): Promise<void> {
    await this.page.getByRole('button', { name: `Letters for ${count} selected` }).click();
    const form = this.page.getByRole('form', { name: 'Letters' });
    await form.getByLabel('Letter').selectOption({ label: letter });
    await form.getByLabel('Signed by (owner)').fill(owner);
    await form.getByLabel('Follow up on').fill(followUp);
    await form.getByRole('button', { name: 'Print and record' }).click();
    await expect(
      this.page.getByRole('status').filter({ hasText: `${count} letters recorded` }),
    ).toBeVisible();
  }
  letters() {
    return this.page.locator('[data-testid="letters"] article.letter');
  }
}
