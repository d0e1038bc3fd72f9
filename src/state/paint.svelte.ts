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
