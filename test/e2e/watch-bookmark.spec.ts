/** The watch list's filters live in its URL: a group row opens it filtered, and a bookmark reopens the same view. */
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import { ImportPage, PupilPageModel, WatchListPage } from './pages/app';

const FIXTURE = fileURLToPath(new URL('../fixtures/e2e/small-long.csv', import.meta.url));

test('groups have a chart beside each table; a group row opens the filtered watch list; the view survives a reload and the way back from a pupil', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.open('#/import');
  await imp.importFile(FIXTURE);

  const watch = new WatchListPage(page);
  await watch.nav('Groups');
  // Each kind of group: a chart beside its table, drawn from the same figures.
  const yearGroups = page.getByRole('region', { name: 'Year groups' });
  await expect(
    yearGroups.getByRole('img', { name: /^Persistent absence so far, year groups/ }),
  ).toBeVisible();
  await expect(yearGroups.locator('rect.pa')).toHaveCount(await yearGroups.locator('tbody tr').count());
  await watch.screenshot('groups');
  await watch.expectAccessible();
  await page.getByRole('link', { name: 'Year 9', exact: true }).click();
  await expect(watch.heading()).toHaveText('Watch list');
  expect(page.url()).toContain('#/watch?year=9');
  await expect(watch.rows()).toHaveCount(2);

  await page.getByLabel('Risk band').selectOption({ label: 'High, PA or SA' });
  await expect(watch.rows()).toHaveCount(1);
  const bookmark = page.url();
  expect(bookmark).toContain('band=flagged');

  // A bookmark opened later (here: the same URL loaded afresh) shows the same view, its filters chosen.
  await page.goto(bookmark);
  await expect(watch.rows()).toHaveCount(1);
  await expect(page.getByLabel('Year group')).toHaveValue('9');
  await expect(page.getByLabel('Risk band')).toHaveValue('flagged');

  // The pupil page's way back, and the menu, return to the list as it was left.
  await watch.openPupil(0);
  await page.getByRole('link', { name: '← Watch list' }).click();
  await expect(watch.rows()).toHaveCount(1);
  await watch.nav('Overview');
  await watch.nav('Watch list');
  await expect(page.getByLabel('Risk band')).toHaveValue('flagged');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(watch.rows()).toHaveCount(6);
  expect(page.url()).toMatch(/#\/watch$/);
});

test("an action's outcome is written, edited from the pupil's timeline, and a deleted action can be put back", async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.open('#/import');
  await imp.importFile(FIXTURE);
  const pupil = new PupilPageModel(page);
  await pupil.open('#/pupil/P002');
  await pupil.recordAction('Attendance meeting', 'with mum', { owner: 'JS' });
  const table = pupil.actionsTable();
  await expect(table).toContainText('with mum');

  await table.getByLabel(/^Outcome of the Attendance meeting/).fill('agreed a plan');
  await table.getByRole('button', { name: 'Save' }).click();
  await expect(table).toContainText('Outcome: agreed a plan');
  await table.getByRole('button', { name: /^Edit the outcome/ }).click();
  await expect(table.getByLabel(/^Outcome of the Attendance meeting/)).toHaveValue('agreed a plan');
  await table.getByLabel(/^Outcome of the Attendance meeting/).fill('plan kept for two weeks');
  await table.getByRole('button', { name: 'Save' }).click();
  await expect(table).toContainText('Outcome: plan kept for two weeks');

  await table.getByRole('button', { name: /^Delete the Attendance meeting/ }).click();
  await expect(page.getByText('No actions recorded yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect(table).toContainText('Outcome: plan kept for two weeks');
  await expect(table).toContainText('with mum');
  // Put back in the store, not only on screen: still there after a reload.
  await page.reload();
  await expect(pupil.actionsTable()).toContainText('plan kept for two weeks');
});
