import { test as plain } from '@playwright/test';
import { test, expect } from './support/no-egress';
import { waitForOfflineReady } from './support/offline';

test('the first screen loads with nothing leaving the origin', async ({ page, offOrigin }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import a register export' })).toBeVisible();
  expect(offOrigin).toEqual([]);
});

test('the service worker is watched too: its precache downloads are seen, all from the origin', async ({
  page,
  offOrigin,
}) => {
  const fromWorker: string[] = [];
  page.context().on('request', (r) => r.serviceWorker() && fromWorker.push(r.url()));
  await page.goto('./');
  await waitForOfflineReady(page);
  // The fixture listens on the same context events, so an off-origin fetch by sw.js (which the CSP meta tag
  // does not cover) would fail every test.
  expect(fromWorker.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(offOrigin).toEqual([]);
});

// Uses the plain fixture on purpose: this test provokes a violation and checks the browser refuses it.
plain(
  'the Content-Security-Policy refuses an off-origin fetch before it reaches the network',
  async ({ page }) => {
    const sent: string[] = [];
    const violations: string[] = [];
    page.context().on('requestfinished', (r) => sent.push(r.url()));
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    await page.goto('./');
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.invalid/beacon', { mode: 'no-cors' });
        return 'sent';
      } catch {
        return 'blocked';
      }
    });
    expect(outcome).toBe('blocked');
    expect(violations.length).toBeGreaterThan(0);
    expect(sent.filter((u) => u.includes('example.invalid'))).toEqual([]);
  },
);

test('`npm start` sends the same policy as a header as the page carries in its meta tag', async ({
  page,
}) => {
  const { CSP, CSP_HEADER } = await import('../../src/pwa/csp');
  const response = await page.goto('./');
  expect(response?.headers()['content-security-policy']).toBe(CSP_HEADER);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP);
  // A worker script gets the header too (the page's meta tag does not reach it).
  const worker = await page.request.get('./sw.js');
  expect(worker.headers()['content-security-policy']).toBe(CSP_HEADER);
});
