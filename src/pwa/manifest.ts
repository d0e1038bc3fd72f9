/**
 * The web app manifest (makes the app installable from the browser menu). Icons live in public/
 * and are drawn by src/pwa/make-icons.ts from the same design as public/favicon.svg.
 * Paths are relative so the build works from any folder of any static host.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOUR = '#1d3557';
export const BACKGROUND_COLOUR = '#f7f8fa';

/** Every PNG icon: file in public/, pixel size, and whether it is the full-bleed maskable variant. */
export const PNG_ICONS = [
  { file: 'pwa-192x192.png', size: 192, maskable: false },
  { file: 'pwa-512x512.png', size: 512, maskable: false },
  { file: 'maskable-icon-512x512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180x180.png', size: 180, maskable: true },
] as const;

export const manifest: Partial<ManifestOptions> = {
  name: 'Attendance Radar',
  short_name: 'Att. Radar',
  description: 'Offline early warning for persistent absence. Your data never leaves this device.',
  lang: 'en-GB',
  start_url: './',
  scope: './',
  display: 'standalone',
  theme_color: THEME_COLOUR,
  background_color: BACKGROUND_COLOUR,
  icons: [
    { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    // The apple-touch icon is linked from index.html, not listed here: iOS ignores manifest icons.
    ...PNG_ICONS.filter((icon) => !icon.file.startsWith('apple')).map((icon) => ({
      src: icon.file,
      sizes: `${icon.size}x${icon.size}`,
      type: 'image/png',
      purpose: icon.maskable ? 'maskable' : 'any',
    })),
  ],
};
