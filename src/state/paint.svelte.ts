/**
 * `afterFirstPaint()`, called while a screen is created: `.done` turns true just after that screen's first frame
 * is painted. Screens draw what fits the window first and the rest (rows below the fold) a frame later, so a
 * switch shows its content at once even with 1,500 pupils loaded.
 */
export function afterFirstPaint(): { readonly done: boolean } {
  let done = $state(false);
  $effect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs just before the next paint; a timeout queued there runs just after it.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => (done = true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  });
  return {
    get done() {
      return done;
    },
  };
}

/**
 * `oneAFrame(count)`, called while a component is created: `.shown` goes 0, 1, 2 … up to `count()`, one step per
 * painted frame, starting again from 0 whenever `count()` changes. A screen with many heavy parts (the mapping
 * step's selects of 300 column names each) draws one part per frame instead of all of them in one long task.
 */
export function oneAFrame(count: () => number): { readonly shown: number } {
  let shown = $state(0);
  $effect(() => {
    const total = count();
    let n = 0;
    shown = 0;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs just before the next paint; a timeout queued there runs just after it.
    const step = () => {
      if (n < total) frame = requestAnimationFrame(() => (timer = setTimeout(() => ((shown = ++n), step()))));
    };
    step();
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  });
  return {
    get shown() {
      return shown;
    },
  };
}
