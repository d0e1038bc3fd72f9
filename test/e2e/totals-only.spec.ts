/**
 * A school with period totals only (a summary export per term, no session marks) gets every screen: the overview's
 * figures, the watch list with the totals risk labelled, and a pupil page with the period table and plain words
 * where marks would be needed (fixture: test/fixtures/generated/summary-term.csv, its README says where it is from).
 */
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import { ImportPage, WatchListPage } from './pages/app';

const fixture = fileURLToPath(new URL('../fixtures/generated/summary-term.csv', import.meta.url));

test('a summary import shows figures, a labelled risk and a pupil page from the totals', async ({ page }) => {
  const app = new ImportPage(page);
  await app.open('#/import');
  // 5 pupils × Autumn 2024 and Spring 2025, the periods named in the file.
  await app.importFile(fixture);

  await app.nav('Overview');
  await expect(app.heading()).toHaveText('School overview');
  // The file's own totals line: 889 attended of 920 possible = 96.6 %.
  await expect(app.figure('attendance')).toHaveText('96.6%');
  await expect(app.figure('possible')).toHaveText('920');
  await expect(app.figure('pa-count')).toHaveText('0');
  await expect(app.figure('roll-counts')).toContainText('5 pupils on roll now · all from period totals');
  await expect(app.figure('band-source')).toContainText('end of a period of the imported totals');
  // Once the model has scored, each finished period's bar is re-scored over the totals known then.
  await expect(app.figure('band-source')).toContainText('From the model over period totals', {
    timeout: 30_000,
  });
  await expect(app.figure('weekly-none')).toContainText('period totals');
  await expect(page.getByRole('button', { name: 'Periods' })).toBeVisible();
  await expect(app.figure('asof-totals')).toContainText('As of 2025-04-30, the end of the last period');
  await app.screenshot('totals-overview');

  // Groups from the year column beside the totals: one pupil in each of Years 7 to 11.
  await app.nav('Groups');
  await expect(page.getByRole('link', { name: 'Year 11', exact: true })).toBeVisible();
  await expect(app.figure('no-groups')).toHaveCount(0);

  const watch = new WatchListPage(page);
  await watch.nav('Watch list');
  await expect(watch.rows()).toHaveCount(5);
  // The model over totals answers from the worker: every row says what its risk is from.
  const label = 'risk from period totals (no session marks)';
  await expect(watch.rows().getByText(label, { exact: true })).toHaveCount(5, {
    timeout: 30_000,
  });
  await expect(watch.rows().first()).toContainText(/\d+% chance of being PA in July/);
  await expect(watch.rows().filter({ hasText: 'Can miss' })).toHaveCount(0);
  await app.screenshot('totals-watch');

  // Today: nobody is trending or PA in this file, and no pupil is listed as crossing soon without a runway.
  await app.nav('Today');
  await expect(app.heading()).toHaveText("Today's list");
  await expect(page.getByText('No pupils to contact with these filters.')).toBeVisible();
  await watch.nav('Watch list');

  // Hand count: K762457413004 missed 16 + 0 of 146 + 38 sessions: 91.3 % attendance.
  await watch.search('K762457413004');
  await watch.openPupil(0);
  await expect(watch.figure('pupil-attendance')).toHaveText('91.3%');
  await expect(watch.figure('period-totals').locator('tbody tr')).toHaveCount(2);
  await expect(watch.figure('no-marks')).toContainText('no calendar of sessions');
  await expect(watch.figure('runway')).toContainText('Not known');
  await expect(watch.figure('year-end')).toContainText('expected (80% range');
  await expect(page.getByText(label, { exact: true })).toBeVisible();
  await app.screenshot('totals-pupil');
  await app.expectAccessible();

  // Data counts what is stored, totals rows included (it said "5 pupils, 0 pupil-years").
  await app.nav('Data & settings');
  await expect(page.getByText('0 pupil-years, 10 period totals', { exact: false })).toBeVisible();
});

test('a summary that names no dates asks for them, then the watch list scores its pupils', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.open('#/import');
  await page
    .getByTestId('file-input')
    .setInputFiles(fileURLToPath(new URL('../fixtures/generated/summary-year.csv', import.meta.url)));
  const period = page.getByTestId('period');
  await expect(period).toBeVisible();
  await period.getByLabel('From').fill('2024-09-02');
  await period.getByLabel('To').fill('2024-10-04');
  await page.getByRole('button', { name: 'Read the whole file' }).click();
  await expect(app.summary()).toBeVisible();
  await page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
  await expect(page.getByRole('heading', { name: 'Imported' })).toBeVisible();

  const watch = new WatchListPage(page);
  await watch.nav('Watch list');
  await expect(watch.rows()).toHaveCount(5);
  await expect(
    watch.rows().getByText('risk from period totals (no session marks)', { exact: true }),
  ).toHaveCount(5, { timeout: 30_000 });
  // K286258013004: 43 of 48 sessions missed, severely absent by the one rule.
  await expect(watch.rows().filter({ hasText: 'K286258013004' })).toContainText('Already SA');
});
