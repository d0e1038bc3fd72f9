/** PrintRun: a print drawn a few pages per frame, every row on paper when the dialog opens, nothing kept after. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { PrintRun } from './print.svelte';

afterEach(() => vi.unstubAllGlobals());

/** Frames run as timers; each print call records what was drawn at that moment. */
function printer(run: PrintRun<number>) {
  const atPrint: number[][] = [];
  const perFrame: number[] = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => {
    perFrame.push(run.pages.flat().length);
    return setTimeout(() => f(0));
  });
  vi.stubGlobal('window', { print: () => atPrint.push(run.pages.flat()) });
  return { atPrint, perFrame };
}

describe('PrintRun', () => {
  it('draws the rows over several frames, prints them all in order, then lets them go', async () => {
    const run = new PrintRun<number>();
    const { atPrint, perFrame } = printer(run);
    const rows = Array.from({ length: 95 }, (_, i) => i);
    const done = run.print(rows, 'pupils 1–95', 10, 2);
    expect(run.preparing).toBe(true);
    expect(run.part).toBe('pupils 1–95');
    await done;
    expect(atPrint).toEqual([rows]);
    // Two pages of ten a frame: 20, 40, 60, 80, 95 rows drawn before each frame's paint.
    expect(perFrame).toEqual([20, 40, 60, 80, 95]);
    expect(run.preparing).toBe(false);
    expect(run.pages).toEqual([]);
    expect(run.part).toBe('');
  });

  it('a second click while one print is prepared, or an empty list, opens no dialog', async () => {
    const run = new PrintRun<number>();
    const { atPrint } = printer(run);
    await run.print([]);
    const first = run.print([1, 2, 3], '', 1, 1);
    await run.print([4]);
    await first;
    expect(atPrint).toEqual([[1, 2, 3]]);
  });

  it('whatever the sizes, each frame adds at most its pages and the print holds every row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        async (rows, perPage, pagesPerFrame) => {
          const run = new PrintRun<number>();
          const { atPrint, perFrame } = printer(run);
          await run.print(rows, '', perPage, pagesPerFrame);
          expect(atPrint).toEqual([rows]);
          perFrame.forEach((n, i) =>
            expect(n - (perFrame[i - 1] ?? 0)).toBeLessThanOrEqual(perPage * pagesPerFrame),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
