/**
 * The watch list's filter, sort and page, read from the URL (`#/watch?…`, views/watch-query.ts) so a view can be
 * bookmarked; the last ones shown are remembered for links back to the list from other screens.
 */
import {
  filterOptions,
  filterWatch,
  sortWatch,
  unexplained,
  watchCsv,
  type Sort,
  type WatchFilter,
} from '../views/watchlist';
import { firstDirection, parseWatchQuery, watchQueryString, type WatchQuery } from '../views/watch-query';
import { routeHash } from '../views/route';
import { app } from './app.svelte';
import { router } from './router.svelte';

// 25 rows fill a 720px screen twice over; a page is a comfortable scroll, not a wall of 1,500 rows.
export const PAGE_SIZE = 25;
/** Rows drawn in the list's first frame: about what a 720px window shows; the rest of the page follows. */
export const FIRST_ROWS = 10;

export class WatchState {
  /** The URL's query while the list is shown; elsewhere, the last one the list showed. */
  queryString: string = $derived(router.lastQuery('watch'));
  query: WatchQuery = $derived(parseWatchQuery(this.queryString));
  filter: WatchFilter = $derived(this.query.filter);
  sort: Sort = $derived(this.query.sort);
  /** The link to the list as last shown (the menu and the pupil page's way back). */
  href = $derived(routeHash({ name: 'watch', query: this.queryString }));

  /** The year and registration groups to filter by: once per data load, not per visit. */
  options = $derived(filterOptions(app.watchRows));
  filtered = $derived(filterWatch(app.watchRows, this.filter));
  sorted = $derived(sortWatch(this.filtered, this.sort));
  pages = $derived(Math.max(1, Math.ceil(this.sorted.length / PAGE_SIZE)));
  current = $derived(Math.min(this.query.page, this.pages - 1));
  visible = $derived(this.sorted.slice(this.current * PAGE_SIZE, (this.current + 1) * PAGE_SIZE));

  /** Change filters in the URL (replacing the history entry, not adding one a keystroke); back to page 1. */
  setFilter(change: Partial<WatchFilter>): void {
    this.replace({ ...this.query, filter: { ...this.filter, ...change }, page: 0 });
  }

  sortBy(key: Sort['key']): void {
    const descending = this.sort.key === key ? !this.sort.descending : firstDirection(key);
    this.replace({ ...this.query, sort: { key, descending }, page: 0 });
  }

  setPage(page: number): void {
    this.replace({ ...this.query, page });
  }

  /** No filter, the default order, page 1 (the list's own "Clear filters"). */
  reset(): void {
    this.replace({});
  }

  /** The list as a CSV file, every row with its top reason: low-risk pupils' reasons are asked for first. */
  async csv(): Promise<{ name: string; text: string }> {
    await app.explainPupils(unexplained(this.sorted, app.reasons));
    return {
      name: `watch-list-${app.school?.asOf ?? 'export'}.csv`,
      text: watchCsv(this.sorted, app.reasons),
    };
  }

  /** True while the CSV is being prepared (reasons asked for), so the button can say so. */
  exporting = $state(false);

  /** Save the list as a CSV file through the browser's download. */
  async download(): Promise<void> {
    this.exporting = true;
    try {
      const { name, text } = await this.csv();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    } finally {
      this.exporting = false;
    }
  }

  private replace(q: Partial<WatchQuery>): void {
    router.replace({ name: 'watch', query: watchQueryString(q) });
  }
}

export const watch = new WatchState();
