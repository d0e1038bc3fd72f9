/** The watch list's filter, sort and page: kept here so they survive switching screens. */
import {
  filterOptions,
  filterWatch,
  NO_FILTER,
  sortWatch,
  type Sort,
  type WatchFilter,
} from '../views/watchlist';
import { app } from './app.svelte';

// 25 rows fill a 720px screen twice over; a page is a comfortable scroll, not a wall of 1,500 rows.
export const PAGE_SIZE = 25;
/** Rows drawn in the list's first frame: about what a 720px window shows; the rest of the page follows. */
export const FIRST_ROWS = 10;

export class WatchState {
  filter: WatchFilter = $state({ ...NO_FILTER });
  sort: Sort = $state({ key: 'risk', descending: true });
  page = $state(0);

  /** The year and registration groups to filter by: once per data load, not per visit. */
  options = $derived(filterOptions(app.watchRows));
  filtered = $derived(filterWatch(app.watchRows, this.filter));
  sorted = $derived(sortWatch(this.filtered, this.sort));
  pages = $derived(Math.max(1, Math.ceil(this.sorted.length / PAGE_SIZE)));
  current = $derived(Math.min(this.page, this.pages - 1));
  visible = $derived(this.sorted.slice(this.current * PAGE_SIZE, (this.current + 1) * PAGE_SIZE));

  sortBy(key: Sort['key']): void {
    this.sort =
      this.sort.key === key
        ? { key, descending: !this.sort.descending }
        : { key, descending: key === 'risk' };
    this.page = 0;
  }

  reset(): void {
    this.filter = { ...NO_FILTER };
    this.page = 0;
  }
}

export const watch = new WatchState();
