/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import { manifest } from './src/pwa/manifest.ts';
import { shippedModels } from './src/pwa/models-plugin.ts';
import { CSP, SECURITY_HEADERS } from './src/pwa/csp.ts';

// A static build with relative paths, so dist/ works from any folder on any static host.
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    // index.html's CSP meta tag, from the same string as the preview server's header (src/pwa/csp.ts).
    { name: 'csp-meta', transformIndexHtml: (html: string) => html.replace('%APP_CSP%', CSP) },
    shippedModels(fileURLToPath(new URL('./models', import.meta.url))),
    // Offline: a generated service worker precaches the whole build (app shell, workers, tfjs .wasm,
    // the shipped model) and serves it with the network off. No runtime caching: nothing off-origin is ever fetched.
    VitePWA({
      registerType: 'prompt', // a new version waits for the user's "Reload" (src/pwa/update-gate.ts)
      injectRegister: false, // src/pwa/service-worker.ts registers it; an inline script would break the CSP
      strategies: 'generateSW',
      manifest,
      // The glob below already covers public/ (icons, favicon), so don't list them twice.
      includeAssets: [],
      includeManifestIcons: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,wasm,json,bin,webmanifest}'],
        globIgnores: ['manifest.webmanifest'], // the plugin adds its own manifest entry; avoid a duplicate
        // tfjs and its .wasm backends are a few MB; a file over the limit would silently not work offline,
        // and vite-plugin-pwa fails the build instead, which is what we want.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The first visit is controlled at once, so it works offline without a second load.
        // Updates still wait for the prompt: clientsClaim only acts when a worker activates.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [],
        // Print what the service worker will store, so a missing .wasm or model file shows up in the build log.
        manifestTransforms: [
          async (entries) => {
            const lines = [...entries].sort((a, b) => b.size - a.size);
            console.log(
              lines
                .map((e) => `  precache ${(e.size / 1024).toFixed(1).padStart(8)} KiB  ${e.url}`)
                .join('\n'),
            );
            return { manifest: entries, warnings: [] };
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  // OUT_DIR / E2E_PORT let several builds and previews run side by side (parallel work, benchmarks).
  build: {
    target: 'es2022',
    outDir: process.env.OUT_DIR ?? 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  // `npm start` sends the policy as a header too: workers loaded from a URL are not covered by the meta tag.
  preview: { port: Number(process.env.E2E_PORT ?? 4173), strictPort: true, headers: SECURITY_HEADERS },
  test: {
    include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
