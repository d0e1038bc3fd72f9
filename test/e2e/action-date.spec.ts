/**
 * An action's date (issue 13): today by default on the latest registers, the as-of date when the officer looks
 * back, and a date after today refused in words beside the form, nothing recorded.
 */
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import { ImportPage, PupilPageModel } from './pages/app';

const FIXTURE = fileURLToPath(new URL('../fixtures/e2e/small-long.csv', import.meta.url));

test('a new action is dated today, or the as-of date looked back to; a future date is refused in view', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.open('#/import');
  await imp.importFile(FIXTURE);
  await page.goto('#/pupil/P001');
  const pupil = new PupilPageModel(page);
  const form = page.getByRole('form', { name: 'Record an action' });
  // The browser's own today, as the officer's computer has it.
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await expect(form.getByLabel('Date', { exact: true })).toHaveValue(today);

  await form.getByLabel('Date', { exact: true }).fill(tomorrow);
  await pupil.recordAction('Attendance meeting', 'Met with parent');
  await expect(page.getByTestId('action-failed')).toContainText('is in the future');
  await expect(page.getByTestId('action-failed')).toBeInViewport();
  await expect(pupil.actionsTable()).toHaveCount(0);
  await expect(form.getByLabel('Note')).toHaveValue('Met with parent');

  await form.getByLabel('Date', { exact: true }).fill(today);
  await form.getByRole('button', { name: 'Record action' }).click();
  await expect(pupil.actionsTable()).toContainText('Met with parent');
  await expect(pupil.actionsTable()).toContainText(today);

  // Looking back at an earlier register date: a new action starts dated that day.
  const asOf = page.getByLabel('As of', { exact: true });
  const earlier = await asOf.getAttribute('min');
  await asOf.fill(earlier!);
  await expect(form.getByLabel('Date', { exact: true })).toHaveValue(earlier!);
});
