/**
 * Screens that once froze the page (issue 14), on their user paths: the mapping step of a file with thousands of
 * columns draws its selects' lists one a frame, and "Print list" draws its pages a few a frame, each under the
 * heading. The speed itself is measured in `npm run bench:ui`, never here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/no-egress';
import { ImportPage, MappingStep, ODD_HEADERS, WatchListPage } from './pages/app';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/e2e/${name}`, import.meta.url));

test.describe.configure({ mode: 'parallel' });

test('a file with 2,000 extra columns: each select lists its columns, the mapping reads the rows', async ({
  page,
}) => {
  const extra = Array.from({ length: 2000 }, (_, i) => `Note ${i + 1}`);
  const lines = readFileSync(fixture('odd-headers.csv'), 'utf8').trim().split(/\r?\n/);
  const wide = [`${lines[0]},${extra.join(',')}`, ...lines.slice(1).map((l) => l + ','.repeat(2000))].join(
    '\n',
  );
  const step = new MappingStep(page);
  await step.open('#/import');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'odd-wide.csv', mimeType: 'text/csv', buffer: Buffer.from(wide) });
  await expect(page.getByTestId('columns-hidden')).toContainText('1,706 more columns are not listed', {
    timeout: 20_000,
  });
  await step.mapColumns(ODD_HEADERS);
  // Every select ends up listing the same 300 names (plus "not in this file").
  const columns = page.getByRole('group', { name: 'Columns' });
  await expect(columns.getByLabel('Year group', { exact: true }).locator('option')).toHaveCount(301);
  await expect(columns.getByLabel('Mark', { exact: true })).toHaveValue('Reg Mark');
  await expect(step.previewRows().first()).toContainText('2025-09-01');
  await expect(step.previewRows().first()).not.toContainText('no pupil identifier');
});

test('"Print list" prints every pupil of the filter, each printed page under the heading', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.open('#/import');
  await imp.importFile(fixture('small-long.csv'));
  const watch = new WatchListPage(page);
  await watch.nav('Watch list');
  await expect(watch.rows()).toHaveCount(6);
  await watch.search('a');
  const shown = await watch.rows().count();
  // What the print dialog would receive: every printed page's heading and rows.
  await page.evaluate(() => {
    const w = window as unknown as { print: () => void; printed: { heading: string; rows: string[] }[] };
    w.print = () =>
      (w.printed = [...document.querySelectorAll('table.print-list')].map((t) => ({
        heading: t.querySelector('[data-testid="print-heading"]')!.textContent!.trim(),
        rows: [...t.querySelectorAll('tbody th')].map((th) => th.textContent!.trim()),
      })));
  });
  await page.getByRole('button', { name: 'Print list' }).click();
  const printed = await page.waitForFunction(() => (window as unknown as { printed?: unknown }).printed);
  const pages = (await printed.jsonValue()) as { heading: string; rows: string[] }[];
  expect(pages.flatMap((p) => p.rows)).toHaveLength(shown);
  for (const p of pages) {
    expect(p.heading).toMatch(
      /^School · Watch list · search “a” · registers as of \w{3} \d+ \w{3} \d{4} · printed/,
    );
    expect(p.heading).not.toContain('Demo');
  }
  // The print's pages go once the dialog closes; the screen's list is as it was.
  await expect(page.locator('table.print-list')).toHaveCount(0);
  await expect(watch.rows()).toHaveCount(shown);
  await expect(page.getByRole('button', { name: 'Print list' })).toBeEnabled();
});
