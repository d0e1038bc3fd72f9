/** Nothing lost behind the user's back: a restore asks first and can be undone; other tabs stop writing. */
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import { DataScreen, ImportPage, WatchListPage } from './pages/app';

const FIXTURE = fileURLToPath(new URL('../fixtures/e2e/small-long.csv', import.meta.url));

test.describe.configure({ mode: 'parallel' });

test('a restore shows both sides, asks, keeps a safety copy, and is undone from the imports log', async ({
  page,
}) => {
  const data = new DataScreen(page);
  await data.open('#/data');
  const empty = await data.backup();

  const imp = new ImportPage(page);
  await imp.nav('Import');
  await imp.importFile(FIXTURE);

  await imp.nav('Data & settings');
  await page
    .getByLabel('Backup file')
    .setInputFiles({ name: empty.name, mimeType: 'application/octet-stream', buffer: empty.bytes });
  await page.getByRole('button', { name: 'Restore this backup…' }).click();
  const confirm = page.getByTestId('replace-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('row', { name: /^Pupils/ })).toHaveText(/Pupils\s*6\s*0/);
  // Keeping what is here changes nothing.
  await page.getByRole('button', { name: 'Keep what is here' }).click();
  await expect(confirm).toHaveCount(0);
  await page.getByRole('button', { name: 'Restore this backup…' }).click();
  await page.getByRole('button', { name: 'Replace with the backup' }).click();
  await expect(data.status()).toContainText(`Restored ${empty.name}. A safety copy`);

  // The Import screen no longer shows the import the restore replaced.
  await imp.nav('Import');
  await expect(page.getByRole('heading', { name: 'Imported' })).toHaveCount(0);

  await imp.nav('Data & settings');
  await page.getByRole('button', { name: `Undo: Restored backup ${empty.name}` }).click();
  await page.getByRole('button', { name: 'Confirm undo' }).click();
  await imp.nav('Watch list');
  await expect(new WatchListPage(page).rows()).toHaveCount(6);
});
