/**
 * Where an import's time goes: wall-clock milliseconds per named stage, summed, for the import benchmark.
 * Costs one performance.now() pair per stage call (per chunk or per batch, never per row).
 */
const totals = new Map<string, number>();

export function addStage(name: string, ms: number): void {
  totals.set(name, (totals.get(name) ?? 0) + ms);
}

/** Time `fn` (sync or async) under `name`. */
export function timed<T>(name: string, fn: () => T): T {
  const t = performance.now();
  const out = fn();
  // Any thenable (inside a Dexie transaction `instanceof Promise` can miss), chained with its own `then`.
  const then = (out as { then?: unknown } | null)?.then;
  if (typeof then !== 'function') {
    addStage(name, performance.now() - t);
    return out;
  }
  const done = () => addStage(name, performance.now() - t);
  return (out as unknown as PromiseLike<unknown>).then(
    (v) => {
      done();
      return v;
    },
    (e: unknown) => {
      done();
      throw e;
    },
  ) as T;
}

/** The stage times so far, rounded to 0.1 ms, and reset. */
export function takeStages(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of totals) out[k] = Math.round(v * 10) / 10;
  totals.clear();
  return out;
}
