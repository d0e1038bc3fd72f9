/**
 * A print being prepared: its pages (PRINT_ROWS_PER_PAGE rows each) are drawn PRINT_PAGES_PER_FRAME at a time, one
 * step per painted frame, then the print dialog opens. Drawing 20,000 rows in one go blocked the page for 15 s.
 */
import { tick } from 'svelte';
import { inPages, PRINT_PAGES_PER_FRAME, PRINT_ROWS_PER_PAGE } from '../views/print';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

export class PrintRun<T> {
  /** The printed pages drawn so far; empty when no print is being prepared. */
  pages: T[][] = $state.raw([]);
  /** Rows in this print and rows drawn so far (both 0 when none is being prepared). */
  total = $state(0);
  drawn = $state(0);
  /** Which part of the list this print holds, in words ('' for the whole list). */
  part = $state('');

  get preparing(): boolean {
    return this.total > 0;
  }

  /** Draw `rows` page by page over several frames, open the print dialog, then let the pages go. */
  async print(
    rows: readonly T[],
    part = '',
    perPage = PRINT_ROWS_PER_PAGE,
    pagesPerFrame = PRINT_PAGES_PER_FRAME,
  ): Promise<void> {
    if (this.preparing || !rows.length) return;
    const all = inPages(rows, perPage);
    this.part = part;
    this.total = rows.length;
    try {
      for (let n = 0; n < all.length;) {
        n = Math.min(all.length, n + pagesPerFrame);
        this.pages = all.slice(0, n);
        this.drawn = Math.min(rows.length, n * perPage);
        await nextFrame();
      }
      await tick();
      window.print();
    } finally {
      this.pages = [];
      this.total = 0;
      this.drawn = 0;
      this.part = '';
    }
  }
}
