/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// A static build with relative paths, so dist/ works from any folder on any static host.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  // OUT_DIR / E2E_PORT let several builds and previews run side by side (parallel work, benchmarks).
  build: { target: 'es2022', outDir: process.env.OUT_DIR ?? 'dist', sourcemap: false, chunkSizeWarningLimit: 2000 },
  preview: { port: Number(process.env.E2E_PORT ?? 4173), strictPort: true },
  test: {
    include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
