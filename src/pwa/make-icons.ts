/**
 * Draws the PNG app icons in public/ from public/favicon.svg, so every icon shares one design.
 * Run after changing the SVG: `npm run icons` (uses the Chromium that Playwright already uses; the
 * PNGs are committed, so building the app never needs this). Node only, not part of the app bundle.
 *
 * "maskable" icons are full-bleed (square, no transparent corners): launchers cut their own shape
 * and keep only the central 80% circle, where the radar already sits.
 */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG_ICONS } from './manifest';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));
const svg = readFileSync(`${publicDir}favicon.svg`, 'utf8');
const fullBleed = svg.replace(/\srx="[\d.]+"/, '');
if (fullBleed === svg)
  throw new Error('favicon.svg changed shape: update make-icons.ts to drop its rounded corners');

const browser = await chromium.launch(
  existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] } : {},
);
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const icon of PNG_ICONS) {
    const sized = (icon.maskable ? fullBleed : svg).replace(
      '<svg ',
      `<svg width="${icon.size}" height="${icon.size}" `,
    );
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${sized}</body>`);
    const png = await page.screenshot({
      clip: { x: 0, y: 0, width: icon.size, height: icon.size },
      omitBackground: true,
    });
    writeFileSync(`${publicDir}${icon.file}`, png);
    console.log(`public/${icon.file}  ${icon.size}x${icon.size}  ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
