import { test as base, expect } from '@playwright/test';

/**
 * Every end-to-end test uses this fixture: it records any request that leaves the page's origin
 * (and any CSP violation) and fails the test if there was one. Privacy is a feature, so it is tested everywhere.
 */
export const test = base.extend<{ offOrigin: string[] }>({
  offOrigin: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offOrigin: string[] = [];
      const isLocal = (url: string) =>
        url.startsWith(origin) ||
        url.startsWith('data:') ||
        url.startsWith('blob:') ||
        url.startsWith('about:');
      page.context().on('request', (req) => {
        if (!isLocal(req.url())) offOrigin.push(req.url());
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text()))
          offOrigin.push(`CSP: ${msg.text()}`);
      });
      await use(offOrigin);
      expect(offOrigin, 'requests that left the origin').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
