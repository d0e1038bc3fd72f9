/**
 * The app's one service-worker registration. The service worker itself is generated at build time
 * (vite-plugin-pwa + Workbox, see vite.config.ts): it precaches every file of the build so the app
 * opens with the network off, and it never fetches from another origin.
 *
 * Use from anywhere (rune-free):
 *   import { needRefresh, applyUpdate, setBusy } from './service-worker';
 *   setBusy(true); try { await runImport(); } finally { setBusy(false); }
 */
import { registerSW } from 'virtual:pwa-register';
import { createUpdateGate } from './update-gate';

let updateSW: ((reloadPage?: boolean) => Promise<void>) | undefined;

const gate = createUpdateGate({
  skipWaiting: () => updateSW?.(true),
  reload: () => window.location.reload(),
});

export const { needRefresh, offlineReady, busy } = gate;
export const applyUpdate = (): boolean => gate.applyUpdate();
export const dismissUpdate = (): void => gate.dismiss();
export const setBusy = (isBusy: boolean): void => gate.setBusy(isBusy);

/**
 * Registers the service worker once (later calls do nothing). UpdateBanner calls it when mounted;
 * main.ts may call it instead. In `vite dev` it is a no-op: there is no service worker in development.
 */
export function registerServiceWorker(): void {
  if (updateSW || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  // A controller replacing an earlier one means a new version now runs this origin (after Reload here
  // or in another tab): reload onto it once idle. The first claim after a first visit is not a change.
  let hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) gate.newVersionInControl();
    hadController = true;
  });
  updateSW = registerSW({
    immediate: false, // after the page has loaded, so precaching (several MB with tfjs) never delays the first screen
    onNeedRefresh: () => gate.newVersionWaiting(),
    onOfflineReady: () => gate.cachedForOffline(),
    // The plugin would reload at once (even mid-import), and misses updates found in a first-visit
    // session; the controllerchange listener above covers both, so its reload is switched off.
    onNeedReload: () => {},
    // An active worker finished installing, so its precache is complete (covers every later visit).
    onRegisteredSW: (_url, registration) => {
      if (registration?.active) gate.cachedForOffline();
    },
    onRegisterError: (error: unknown) =>
      console.warn('Attendance Radar could not enable offline use:', error),
  });
}
