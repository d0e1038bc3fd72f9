/**
 * How the end-to-end tests and the benchmarks launch Chromium. Playwright's own browser download is
 * unreachable on our machines, so Debian's Chromium is used when present; elsewhere Playwright's
 * bundled browser (`npx playwright install chromium`).
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const chromiumLaunchOptions: LaunchOptions = existsSync(DEBIAN_CHROMIUM)
  ? {
      executablePath: DEBIAN_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {};
