/**
 * Imported first by import.worker.ts, so it runs before the other modules: when the worker's script had been
 * fetched and compiled and began to run (epoch ms). The benchmark splits the worker's start-up with it.
 */
export const startedAt = performance.timeOrigin + performance.now();
