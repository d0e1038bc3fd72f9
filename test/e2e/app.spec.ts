import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import { AppPage, ImportPage, MappingStep, PupilPageModel, WatchListPage, WelcomePage } from './pages/app';
import { execFileSync } from 'node:child_process';

const FIXTURE = fileURLToPath(new URL('../fixtures/e2e/small-long.csv', import.meta.url));
const FIGURES = fileURLToPath(new URL('./pages/fixture-figures.ts', import.meta.url));

/** The fixture read with the domain core directly (no importer), as the reference for the figures shown. */
function expectedFromFixture(): {
  possible: number;
  attendancePct: number;
  paCount: number;
  saCount: number;
} {
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', FIGURES, FIXTURE], { encoding: 'utf8' }),
  );
}

test('import a small register and see the overview figures the domain core gives', async ({ page }) => {
  const app = new ImportPage(page);
  await app.open('#/import');
  await app.importFile(FIXTURE);
  await app.screenshot('import-done');
  await app.expectAccessible();
  await page.getByRole('button', { name: 'See the overview' }).click();
  await expect(app.heading()).toHaveText('School overview');

  const want = expectedFromFixture();
  expect(want.possible).toBe(120);
  await expect(app.figure('possible')).toHaveText(String(want.possible));
  await expect(app.figure('attendance')).toHaveText(`${want.attendancePct.toFixed(1)}%`);
  await expect(app.figure('pa-count')).toHaveText(String(want.paCount));
  await expect(app.figure('sa-count')).toHaveText(String(want.saCount));
  await app.expectAccessible();

  await app.nav('Watch list');
  const watch = new WatchListPage(page);
  await expect(watch.rows()).toHaveCount(6);
  // Highest risk first: Eve Eden was absent every session (SA).
  await expect(watch.rows().first()).toContainText('Eve Eden');
});

test('the demo school: every screen, filters, a pupil, an action, and accessibility', async ({ page }) => {
  const welcome = new WelcomePage(page);
  await welcome.open();
  await expect(welcome.heading()).toBeVisible();
  await welcome.expectAccessible();
  await welcome.screenshot('welcome');
  await welcome.tryDemo();
  await expect(page.getByText('Demo data: simulated pupils, not real')).toBeVisible();
  await welcome.screenshot('overview');
  await welcome.expectAccessible();

  await welcome.nav('Watch list');
  const watch = new WatchListPage(page);
  await expect(watch.heading()).toHaveText('Watch list');
  await expect(watch.rows()).toHaveCount(25); // first page
  await watch.screenshot('watch');
  await watch.expectAccessible();
  await watch.filterYearGroup('Year 9');
  await expect(watch.rows().first()).toContainText('Y9');
  const count = await watch.figure('watch-count').textContent();
  expect(count).toMatch(/^\d+ of \d+ pupils$/);
  // CSV export of the filtered list: a header, then one line per pupil shown in the count.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv[0]).toMatch(/^Pupil,Id,Year,Reg group,Risk,/);
  expect(csv.length - 1).toBe(Number(count!.split(' ')[0]));
  expect(csv.slice(1).every((line) => line.split(',')[2] === '9')).toBe(true);

  const name = await watch.openPupil(0);
  const pupil = new PupilPageModel(page);
  await pupil.recordAction('Meeting', 'Met with parent');
  await expect(pupil.actionsTable()).toContainText('Met with parent');
  await pupil.screenshot('pupil');
  await pupil.expectAccessible();
  // The watch list now shows the action beside the pupil.
  await page.goBack();
  await expect(watch.heading()).toHaveText('Watch list');
  await watch.search(name);
  await expect(watch.rows().first()).toContainText('meeting');

  await watch.nav('Data & settings');
  await expect(watch.heading()).toHaveText('Data and settings');
  // The honest-accuracy table: the model beside the rule baselines, on the demo's complete earlier year.
  await page.getByRole('button', { name: 'Run the backtest' }).click();
  await expect(page.locator('table.bt tbody tr').first()).toBeVisible({ timeout: 60_000 });
  await watch.screenshot('data');
  await watch.expectAccessible();

  await watch.nav('Groups');
  await expect(watch.heading()).toHaveText('Groups');
  await expect(page.getByRole('table', { name: /Backtest by group/ })).toBeVisible();
  await watch.screenshot('groups');
  await watch.expectAccessible();

  await watch.nav('Import');
  await expect(watch.heading()).toHaveText('Import a register export');
  await watch.expectAccessible();

  // Demo data goes in one click, and the first screen comes back.
  await page.getByRole('button', { name: 'Remove demo data' }).first().click();
  await expect(page.getByRole('button', { name: 'Try the demo school' })).toBeVisible();
  await expect(page.getByText('Demo data: simulated pupils, not real')).toHaveCount(0);
});

test('unrecognised headers: map the columns, check the preview, then import', async ({ page }) => {
  const step = new MappingStep(page);
  await step.open('#/import');
  await step.choose(fileURLToPath(new URL('../fixtures/e2e/odd-headers.csv', import.meta.url)));
  await expect(page.getByText('Some columns were not recognised')).toBeVisible();
  await expect(step.previewRows().first()).toContainText('no pupil identifier');
  await step.mapColumn('MIS id', 'Ref');
  await step.mapColumn('Surname', 'Family');
  await step.mapColumn('Forename', 'Given');
  await step.mapColumn('Date', 'When');
  await step.mapColumn('Session (AM/PM)', 'Which');
  await step.mapColumn('Mark', 'Reg Mark');
  // The preview now reads the first row as the officer expects: pupil, date, session and mark.
  await expect(step.previewRows().first()).toContainText('2025-09-01');
  await expect(step.previewRows().first()).not.toContainText('no pupil identifier');
  await step.expectAccessible();
  await step.readAndImport();
  await page.getByRole('button', { name: 'See the overview' }).click();
  // Two pupils × 10 sessions; Hana Hart missed 2 (20%): one PA pupil, 90% attendance.
  await expect(step.figure('possible')).toHaveText('20');
  await expect(step.figure('attendance')).toHaveText('90.0%');
  await expect(step.figure('pa-count')).toHaveText('1');
});

test('reload keeps the screen (hash routing)', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/data');
  await expect(app.heading()).toHaveText('Data and settings');
  await page.reload();
  await expect(app.heading()).toHaveText('Data and settings');
});
