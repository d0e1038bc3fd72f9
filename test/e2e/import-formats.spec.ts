/**
 * Exports a school already has, imported through the page with no mapping help: an Excel workbook, a Common
 * Transfer File and a register with AM and PM marks in two columns (fixtures in test/fixtures/README.md).
 */
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import { ImportPage } from './pages/app';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

test('an .xlsx, a CTF XML and an AM/PM-column file import first time, one after another', async ({
  page,
}) => {
  const app = new ImportPage(page);
  await app.open('#/import');

  // Excel: the sheet with data is found and named; wide-weekly's 2 pupils × 20 sessions.
  await page.getByTestId('file-input').setInputFiles(fixture('wide-weekly.xlsx'));
  await expect(app.formatNote()).toContainText('sheet “Attendance”');
  await page.getByRole('button', { name: 'Read the whole file' }).click();
  await expect(app.summary()).toContainText('2 pupils, 40 marks, 2024-09-02 to 2024-09-13');
  await page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
  await expect(page.getByRole('heading', { name: 'Imported' })).toBeVisible();
  await app.importAnother();

  // CTF: marks for two pupils (10 + 6), totals for the third, the disagreeing totals named in words, and the
  // header's missing export date (the totals read as the whole school year).
  await app.chooseAndRead(fixture('ctf-attendance.xml'));
  await expect(app.summary()).toContainText('3 pupils, 16 marks');
  await expect(app.problemKinds()).toHaveText([
    'Session totals that disagree with the marks (the marks used)',
    'The file gives no export date: totals read as covering the whole school year',
  ]);
  await page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
  await expect(page.getByRole('heading', { name: 'Imported' })).toBeVisible();
  await app.importAnother();

  // One row per pupil per day, AM and PM in two columns: long-basic's 8 marks.
  await app.importFile(fixture('long-am-pm-columns.csv'));
  await expect(page.getByText('long-am-pm-columns.csv: 2 pupils.')).toBeVisible();
  await expect(app.logRows()).toHaveCount(3);
  await app.expectAccessible();
});

test('several files chosen at once are imported one after another, each its own import', async ({ page }) => {
  const app = new ImportPage(page);
  await app.open('#/import');
  await page
    .getByTestId('file-input')
    .setInputFiles([fixture('start-date-comma.csv'), fixture('details-fsm-sen.csv')]);
  await expect(page.getByTestId('batch')).toContainText('File 1 of 2');
  await page.getByRole('button', { name: 'Read the whole file' }).click();
  await page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
  await page.getByRole('button', { name: 'Read the next file (2 of 2: details-fsm-sen.csv)' }).click();
  await expect(page.getByTestId('batch')).toContainText('File 2 of 2');
  await page.getByRole('button', { name: 'Read the whole file' }).click();
  await expect(app.summary()).toContainText('Pupil details (FSM, SEN, sex…) for 3 pupils');
  await page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
  await expect(page.getByText('details-fsm-sen.csv: details updated for 3 pupils.')).toBeVisible();
  await expect(app.logRows()).toHaveCount(2);
});
