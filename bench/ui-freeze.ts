/**
 * Freezes (issue 14): the longest main-thread task, seen by a PerformanceObserver for 'longtask' in the page, while
 * (a) the mapping step shows a 77 KB file with 10,000 columns and (b) "Print list" prepares 20,000 pupils.
 * Part of `npm run bench:ui` (bench/ui.bench.ts); the target for both is no task over 100 ms.
 */
import type { Browser, Page } from '@playwright/test';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateSchool } from '../src/sim';
import { writeExportBytes } from '../src/sim/writers';
import { schoolYearOf } from '../src/domain/register';

export const PRINT_PUPILS = 20_000;
export const MAPPING_COLUMNS = 10_000;

/** In-page: every long task into window.__long, and window.print recorded instead of opening a dialog. */
const OBSERVE = `(() => {
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => ({ start: e.startTime, ms: e.duration }))))
    .observe({ type: 'longtask', buffered: true });
  window.__printed = [];
  window.print = () => window.__printed.push(performance.now());
})()`;

/** A header of 10,000 unrecognised names and two short rows: about 77 KB, as the file in the issue. */
export function writeManyColumns(dir: string): string {
  const f = join(dir, `columns-${MAPPING_COLUMNS}.csv`);
  if (existsSync(f)) return f;
  mkdirSync(dir, { recursive: true });
  const header = Array.from({ length: MAPPING_COLUMNS }, (_, i) => `Col${i + 1}`).join(',');
  const row = Array.from({ length: MAPPING_COLUMNS }, (_, i) => (i % 7 === 0 ? 'x' : '')).join(',');
  writeFileSync(f, `${header}\n${row}\n${row}\n`);
  return f;
}

/** 20,000 pupils, the first weeks of this school year, in the wide layout (the quickest to import). */
export function writeBigSchool(dir: string, through: string): string {
  const f = join(dir, `wide-${PRINT_PUPILS}-to-${through}.csv`);
  if (existsSync(f)) return f;
  mkdirSync(dir, { recursive: true });
  const year = schoolYearOf(through);
  const school = simulateSchool({
    seed: 1414,
    phase: 'secondary',
    pupils: PRINT_PUPILS,
    years: 1,
    lastStartYear: year,
    throughDate: through,
  });
  writeFileSync(f, writeExportBytes('wide', school, year));
  return f;
}

const longest = (page: Page, from: number) =>
  page.evaluate(
    (t0) =>
      Math.max(
        0,
        ...(window as unknown as { __long: { start: number; ms: number }[] }).__long
          .filter((x) => x.start + x.ms >= t0)
          .map((x) => x.ms),
      ),
    from,
  );
const now = (page: Page) => page.evaluate(() => performance.now());

async function open(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.addInitScript({ content: OBSERVE });
  await page.goto(`${url}#/import`);
  return page;
}

/** Choose the 10,000-column file → the mapping step on screen; the longest task from the choice to then. */
export async function mappingFreeze(browser: Browser, url: string, file: string): Promise<number> {
  const page = await open(browser, url);
  await page.getByTestId('file-input').waitFor({ state: 'attached' });
  await page.waitForTimeout(1000); // the import worker warms up first, as while the officer finds the file
  const t0 = await now(page);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByRole('button', { name: 'Read the whole file' }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500); // tasks still running after the step appears count too
  const ms = await longest(page, t0);
  await page.context().close();
  return ms;
}

export interface PrintFreeze {
  /** Longest task from the click to a second after the print call; click → print call. */
  longestMs: number;
  toPrintMs: number;
}

/** Click "Print list" (the first part of a long list) and wait for the print call; the longest task meanwhile. */
async function printOnce(page: Page): Promise<PrintFreeze> {
  await page.evaluate(() => ((window as unknown as { __printed: number[] }).__printed = []));
  const t0 = await now(page);
  // Under print media the tools are hidden: the click is dispatched to the button itself.
  await page.evaluate(() =>
    [...document.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Print list')!.click(),
  );
  await page.waitForFunction(
    () => (window as unknown as { __printed: number[] }).__printed.length > 0,
    null,
    {
      timeout: 120_000,
    },
  );
  const printedAt = await page.evaluate(() => (window as unknown as { __printed: number[] }).__printed[0]);
  await page.waitForTimeout(1000);
  return { longestMs: await longest(page, t0), toPrintMs: printedAt - t0 };
}

/**
 * Import 20,000 pupils, open the watch list with the model's risk, then print the list `runs` times on screen
 * (the officer's click: rows drawn where the screen does not lay them out) and `runs` times with print media
 * emulated (every frame lays the drawn pages out as on paper: an upper bound for the print dialog's own layout).
 */
export async function printFreeze(
  browser: Browser,
  url: string,
  file: string,
  runs = 3,
): Promise<{ pupils: number; screen: PrintFreeze[]; print: PrintFreeze[] }> {
  const page = await open(browser, url);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByRole('button', { name: 'Read the whole file' }).click({ timeout: 60_000 });
  await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: /^Import( the valid rows)?$/ }).click();
  await page.getByRole('heading', { name: 'Imported' }).waitFor({ timeout: 300_000 });
  await page.goto(`${url}#/watch`);
  await page.getByText('Risk from the model', { exact: false }).waitFor({ timeout: 120_000 });
  const pupils = Number(
    ((await page.locator('[data-figure="watch-count"]').textContent()) ?? '').match(/of (\d+)/)?.[1] ?? 0,
  );
  await page.waitForTimeout(2000); // the model's follow-up work settles, as before an officer's click
  const screen: PrintFreeze[] = [];
  const print: PrintFreeze[] = [];
  for (let i = 0; i < runs; i++) screen.push(await printOnce(page));
  await page.emulateMedia({ media: 'print' });
  for (let i = 0; i < runs; i++) print.push(await printOnce(page));
  await page.context().close();
  return { pupils, screen, print };
}
