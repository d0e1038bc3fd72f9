import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import {
  AppPage,
  DataScreen,
  ImportPage,
  MappingStep,
  ODD_HEADERS,
  PupilPageModel,
  WatchListPage,
  WelcomePage,
} from './pages/app';
import { execFileSync } from 'node:child_process';

const FIXTURE = fileURLToPath(new URL('../fixtures/e2e/small-long.csv', import.meta.url));
const FIGURES = fileURLToPath(new URL('./pages/fixture-figures.ts', import.meta.url));

// Each test has its own browser context (its own IndexedDB), so they can share the two workers with the
// other specs: the demo journey, the longest, no longer holds the rest of this file behind it.
test.describe.configure({ mode: 'parallel' });

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

/** The backup file's clear header: "ARBACKUP", a u32 length, then JSON (src/store/backup.ts). */
function backupHeader(bytes: Buffer): { format?: string } {
  expect(bytes.subarray(0, 8).toString('latin1')).toBe('ARBACKUP');
  return JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32LE(8)).toString('utf8'));
}

test('the demo school: every screen, filters, a pupil, an action, training, backup and restore, accessibility', async ({
  page,
}) => {
  // The longest journey in the suite: demo, training and a backup round trip, all under the no-egress fixture.
  test.setTimeout(150_000);
  const welcome = new WelcomePage(page);
  await welcome.open();
  await expect(welcome.heading()).toBeVisible();
  await welcome.expectAccessible();
  await welcome.screenshot('welcome');
  await welcome.tryDemo();
  await expect(page.getByText('Demo data: simulated pupils, not real')).toBeVisible();
  await welcome.screenshot('overview');
  await welcome.expectAccessible();

  // "Trending toward PA" opens the watch list on exactly those pupils: rising or high, none PA yet.
  // Every half-term bar is the model's risk as it stood on its date, once the model has re-scored each date.
  await expect(welcome.figure('band-source')).toContainText('From the model, re-scored as of each date', {
    timeout: 60_000,
  });
  const onRoll = Number(
    (await welcome.figure('roll-counts').textContent())!
      .match(/^([\d,]+) pupils on roll now/)![1]
      .replace(',', ''),
  );
  const trending = Number((await welcome.figure('trending').textContent())!.split(' ')[0]);
  expect(trending).toBeGreaterThan(0);
  await welcome.figure('trending').click();
  const watch = new WatchListPage(page);
  await expect(watch.figure('watch-count')).toHaveText(new RegExp(`^${trending} of \\d+ pupils$`));
  await expect(watch.rows()).toHaveCount(Math.min(25, trending));
  const bands = await watch.rows().locator('.badge').allTextContents();
  expect(bands.every((b) => /(Rising|High)$/.test(b.trim()))).toBe(true);
  // A low-risk pupil's reasons are not in the school-wide scoring: the page asks the model for them.
  await page.getByLabel('Risk band').selectOption({ label: 'Low' });
  await watch.openPupil(0);
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why.getByText('Working out the reasons…')).toHaveCount(0, { timeout: 15_000 });
  await expect(why.locator('li').first()).not.toBeEmpty();
  await expect(why).toContainText('From the risk model.');
  await page.goBack();
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await welcome.nav('Watch list');
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
  // Low-risk pupils' reasons are asked of the model for the export (the scoring explains rising and above).
  const lowWithReason = csv.filter((line) => line.split(',')[4] === 'Low' && line.split(',')[9] !== '');
  expect(lowWithReason.length).toBeGreaterThan(0);

  const name = await watch.openPupil(0);
  const pupil = new PupilPageModel(page);
  await pupil.recordAction('Attendance meeting', 'Met with parent');
  await expect(pupil.actionsTable()).toContainText('Met with parent');
  await pupil.screenshot('pupil');
  await pupil.expectAccessible();
  // The watch list now shows the action beside the pupil.
  await page.goBack();
  await expect(watch.heading()).toHaveText('Watch list');
  await watch.search(name);
  await expect(watch.rows().first()).toContainText('meeting');

  const total = Number((await watch.figure('watch-count').textContent())!.match(/of (\d+)/)![1]);
  // The watch list counts the same pupils the overview calls "on roll now".
  expect(total).toBe(onRoll);

  await watch.nav('Data & settings');
  const data = new DataScreen(page);
  await expect(data.heading()).toHaveText('Data and settings');
  // In-app training on the demo's complete earlier year, then the honest-accuracy table for that model
  // beside the rule baselines. Nothing leaves the device while it trains (the no-egress fixture).
  await data.trainOnHistory();
  await data.runBacktest();
  // The school model learned from the very year the backtest replays: the screen says so.
  await expect(data.figure('in-sample')).toBeVisible();
  await expect(data.figure('lead-rising')).toHaveText(/^-?\d+\.\d$/);
  await expect(page.getByText('The model could not run')).toHaveCount(0);
  await data.screenshot('data');
  await data.expectAccessible();
  // A backup is a download of the whole store: our format's clear header, with data behind it.
  const backup = await data.backup();
  expect(backup.name).toMatch(/^attendance-radar-backup-\d{4}-\d{2}-\d{2}\.arbackup$/);
  expect(backupHeader(backup.bytes).format).toBe('attendance-radar-backup');
  expect(backup.bytes.length).toBeGreaterThan(50_000); // 1,000 pupils × 2 years of registers, compressed

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
  // Deleting 1,000 pupils' two years takes a few seconds on a busy 2-core runner.
  await expect(page.getByRole('button', { name: 'Try the demo school' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Demo data: simulated pupils, not real')).toHaveCount(0);

  // Restoring the backup brings back every pupil and the action recorded earlier.
  await watch.nav('Data & settings');
  await data.restore(backup);
  await expect(page.getByText('Demo data: simulated pupils, not real')).toBeVisible();
  await watch.nav('Watch list');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(watch.figure('watch-count')).toHaveText(`${total} of ${total} pupils`);
  await watch.search(name);
  await expect(watch.rows().first()).toContainText('meeting');
});

test('newly at risk compares with the risk the model saved at the previous import', async ({
  page,
}, info) => {
  // The fixture's two weeks as two weekly exports, imported one after the other as an officer would.
  const [header, ...rows] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const week = (days: string[]) => {
    const path = info.outputPath(`week-${days[0]}.csv`);
    writeFileSync(
      path,
      [header, ...rows.filter((r) => days.some((d) => r.includes(`,${d}/09/2025,`)))].join('\n'),
    );
    return path;
  };
  const app = new ImportPage(page);
  await app.open('#/import');
  await app.importFile(week(['01', '02', '03', '04', '05']));
  await app.nav('Watch list');
  // The model's risk for the first week is what the next import is compared with.
  await expect(page.getByText('Risk from the model')).toBeVisible({ timeout: 30_000 });
  await app.nav('Import');
  await page.getByRole('button', { name: 'Import another file' }).click();
  await app.importFile(week(['08', '09', '10', '11', '12']));
  await page.getByRole('button', { name: 'See the overview' }).click();
  await expect(app.figure('possible')).toHaveText('120');
  await expect(
    page.getByText('from 2025-09-05 (risk saved at the previous register import) to 2025-09-12'),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(app.figure('newly')).toHaveText(/^\d pupils$/);
});

test('unrecognised headers: map the columns, check the preview, then import', async ({ page }) => {
  const step = new MappingStep(page);
  await step.open('#/import');
  await step.choose(fileURLToPath(new URL('../fixtures/e2e/odd-headers.csv', import.meta.url)));
  await expect(page.getByText('Some columns were not recognised')).toBeVisible();
  await expect(step.previewRows().first()).toContainText('no pupil identifier');
  await step.mapColumns(ODD_HEADERS);
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

test('on a tablet (768 × 1024) every screen fits the width, with the menu in reach', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  const app = new ImportPage(page);
  await app.open('#/import');
  await app.importFile(FIXTURE);
  const sidewaysScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const screens = [
    ['Overview', 'School overview'],
    ['Watch list', 'Watch list'],
    ['Groups', 'Groups'],
    ['Import', 'Import a register export'],
    ['Data & settings', 'Data and settings'],
  ] as const;
  for (const [link, title] of screens) {
    await app.nav(link);
    await expect(app.heading()).toHaveText(title);
    expect(await sidewaysScroll(), `${title} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await app.nav('Watch list');
  await new WatchListPage(page).openPupil(0);
  expect(await sidewaysScroll(), 'the pupil page scrolls sideways').toBeLessThanOrEqual(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeInViewport();
});
