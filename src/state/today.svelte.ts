/** Today's list: the tab and filters come from the URL (so a view can be bookmarked); the selection lives here. */
import { SvelteSet } from 'svelte/reactivity';
import {
  filterToday,
  parseTodayQuery,
  quietSince,
  todayOptions,
  todayQueryString,
  todayRows,
  type TodayQuery,
} from '../views/today';
import { app } from './app.svelte';
import { actions } from './actions.svelte';
import { router } from './router.svelte';

export class TodayState {
  query: TodayQuery = $derived(parseTodayQuery(router.route.name === 'today' ? router.route.query : ''));
  since = $derived(app.school ? quietSince(app.school.calendar, app.school.asOf) : '');
  rows = $derived(todayRows(app.watchRows, actions.records, this.since, this.query.tab));
  /** Both tabs' sizes, for their labels. */
  counts = $derived({
    today:
      this.query.tab === 'today'
        ? this.rows.length
        : todayRows(app.watchRows, actions.records, this.since, 'today').length,
    pa: app.watchRows.filter((w) => w.row.metrics.pa || w.row.metrics.sa).length,
  });
  options = $derived(todayOptions(this.rows, actions.records));
  filtered = $derived(filterToday(this.rows, this.query));
  pages = $derived(this.query.size ? Math.max(1, Math.ceil(this.filtered.length / this.query.size)) : 1);
  current = $derived(Math.min(this.query.page, this.pages - 1));
  visible = $derived(
    this.query.size
      ? this.filtered.slice(this.current * this.query.size, (this.current + 1) * this.query.size)
      : this.filtered,
  );
  /** Pupils ticked for a letter run. */
  selected = new SvelteSet<string>();

  /** Change filters in the URL (replacing the history entry); any change but the page goes back to page 1. */
  set(change: Partial<TodayQuery>): void {
    const next = { ...this.query, page: 0, ...change };
    router.replace({ name: 'today', query: todayQueryString(next) });
  }

  toggle(id: string, on: boolean): void {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
  }
}

export const today = new TodayState();
