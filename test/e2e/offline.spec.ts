import { test, expect } from './support/no-egress';
import { goOffline, waitForOfflineReady } from './support/offline';
import { serveBuild, type BuildServer } from './support/static-server';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { WelcomePage } from './pages/app';

const FIXTURE = 'test/fixtures/long-basic.csv';
/** Distinct pupils (UPN, the first column) in a small long-layout export. */
const pupilsIn = (file: string) =>
  new Set(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]),
  ).size;

/** First visit online, then network off, reload, and import the fixture through the Import screen. */
async function importOffline(page: Page, context: BrowserContext) {
  await page.goto('./');
  await waitForOfflineReady(page);
  const network = await goOffline(context);
  await page.reload();
  // EXTENSION POINT: when the UI's page models (test/e2e/pages/) settle, drive the import through them.
  await page.getByRole('button', { name: 'Import a register export' }).click();
  await page.getByTestId('file-input').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Read the whole file' }).click();
  await page.getByRole('button', { name: /^Import/ }).click();
  await page.getByRole('button', { name: 'See the overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'School overview' })).toBeVisible();
  await expect(page.getByText(`${pupilsIn(FIXTURE)} pupils`).first()).toBeVisible();
  return network;
}

/**
 * "Works offline": after one visit with the network on, the app opens and works with it off.
 * Runs against a production build (the service worker only exists there).
 */
test.describe('with the network off after the first visit', () => {
  test('the first screen still opens, served entirely by the service worker', async ({ page, context }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await waitForOfflineReady(page);

    const network = await goOffline(context);
    const servedBy: { url: string; fromServiceWorker: boolean }[] = [];
    page.on('response', (r) => servedBy.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker() }));

    const navigation = await page.reload();
    expect(navigation?.ok(), 'the page itself came back').toBe(true);
    expect(navigation?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Import a register export' })).toBeEnabled();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    // Every script, style and icon the page asked for came from the precache.
    expect(servedBy.filter((r) => !r.fromServiceWorker)).toEqual([]);
    expect(network.reachedNetwork, 'requests that tried the (absent) network').toEqual([]);
    expect(network.failed, 'requests that failed offline').toEqual([]);
  });

  test('a register export can be imported with the network off', async ({ page, context }) => {
    const network = await importOffline(page, context);
    // The scripts, styles and workers the import needed all came from the precache (the model has its own test).
    const notModel = (url: string) => !url.includes('/models/');
    expect(network.reachedNetwork.filter(notModel), 'requests that tried the (absent) network').toEqual([]);
    expect(network.failed.filter(notModel), 'requests that failed offline').toEqual([]);
  });

  test('the imported pupils are scored by the shipped model with the network off', async ({
    page,
    context,
  }) => {
    const network = await importOffline(page, context);
    // Not the register-rule fallback: tfjs, its .wasm and models/ must all come from the precache.
    await expect(page.getByText('from the model'), 'risk scored by the shipped model').toBeVisible({
      timeout: 30_000,
    });
    expect(network.reachedNetwork, 'requests that tried the (absent) network').toEqual([]);
    expect(network.failed, 'requests that failed offline').toEqual([]);
  });

  test('a trainer on an offline laptop loads the demo school from the first screen', async ({
    page,
    context,
  }) => {
    await page.goto('./');
    await waitForOfflineReady(page);
    const network = await goOffline(context);
    await page.reload();
    await new WelcomePage(page).tryDemo();
    const header = page.getByText(/registers to .* pupils/);
    await expect(header, 'labelled as demo data').toContainText('demo school');
    // A real school's worth of pupils, generated in the browser rather than downloaded.
    const pupils = Number((await header.innerText()).match(/([\d,]+) pupils/)?.[1].replace(/,/g, ''));
    expect(pupils).toBeGreaterThan(800);
    expect(network.reachedNetwork, 'requests that tried the (absent) network').toEqual([]);
    expect(network.failed, 'requests that failed offline').toEqual([]);
  });

  test('the manifest makes the app installable and everything it lists is cached', async ({
    page,
    context,
  }) => {
    await page.goto('./');
    await waitForOfflineReady(page);
    await goOffline(context);

    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBeTruthy();
    const found = await page.evaluate(async (href) => {
      const manifest = await (await fetch(href)).json();
      const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
      const loaded = await Promise.all(
        icons.map(async (icon) => {
          const response = await fetch(new URL(icon.src, new URL(href, location.href)));
          return { ...icon, ok: response.ok, type: response.headers.get('content-type') };
        }),
      );
      return { manifest, loaded };
    }, manifestHref!);

    expect(found.manifest).toMatchObject({
      name: 'Attendance Radar',
      start_url: './',
      scope: './',
      display: 'standalone',
    });
    const sizes = found.loaded.filter((i) => i.type === 'image/png').map((i) => `${i.sizes} ${i.purpose}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    expect(found.loaded.some((i) => i.type?.startsWith('image/svg+xml'))).toBe(true);
    expect(found.loaded.filter((i) => !i.ok)).toEqual([]);
  });
});

test.describe('when the server that hosts the app goes down', () => {
  const port = Number(process.env.E2E_PORT ?? 4173) + 20_001;
  test.use({ baseURL: `http://127.0.0.1:${port}/` });

  test('the app still opens from the same address', async ({ page }) => {
    const server = await serveBuild(port);
    try {
      await page.goto('./');
      await waitForOfflineReady(page);
    } finally {
      await server.close();
    }
    const navigation = await page.reload();
    expect(navigation?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // And the server really is gone: a file outside the precache cannot be fetched.
    const missing = await page.evaluate(() =>
      fetch('./not-in-the-build.txt').then(
        (r) => r.status,
        () => 'unreachable',
      ),
    );
    expect(missing).toBe('unreachable');
  });
});

/**
 * "Survives bad days" also means updates never ambush the user. These tests use their own static
 * server (not vite preview) so they can publish a new release between visits.
 */
test.describe('when a new version is published', () => {
  test.describe.configure({ mode: 'serial' });
  const port = Number(process.env.E2E_PORT ?? 4173) + 20_000;
  let server: BuildServer;
  test.use({ baseURL: `http://127.0.0.1:${port}/` });
  test.beforeAll(async () => void (server = await serveBuild(port)));
  test.afterAll(async () => server?.close());

  async function publishAndCheckForUpdate(page: Page) {
    server.releaseNewVersion();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  }

  test('a new version waits for the user, then Reload switches to it', async ({ page }) => {
    await page.goto('./');
    await waitForOfflineReady(page);
    const banner = page
      .getByRole('status')
      .filter({ hasText: 'A new version of Attendance Radar is available' });
    await expect(banner).toHaveCount(0);

    await publishAndCheckForUpdate(page);
    await expect(banner).toBeVisible();
    // Nothing changed behind the user's back: the old worker still controls the page.
    const before = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: !!registration.waiting, controlled: !!navigator.serviceWorker.controller };
    });
    expect(before).toEqual({ waiting: true, controlled: true });

    await banner.getByRole('button', { name: 'Reload' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const after = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: !!registration.waiting, controlled: !!navigator.serviceWorker.controller };
    });
    expect(after).toEqual({ waiting: false, controlled: true });
    await expect(banner).toHaveCount(0);
  });

  test('the banner is accessible, and Dismiss hides it and keeps the running version', async ({ page }) => {
    await page.goto('./');
    await waitForOfflineReady(page);
    await publishAndCheckForUpdate(page);
    const banner = page.getByRole('status').filter({ hasText: 'A new version' });
    await expect(banner).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('[role="status"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
    expect(
      await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting),
    ).toBe(true);
  });
});
