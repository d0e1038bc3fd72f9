/** The current hash route as a rune, updated on hashchange (Back, Forward, links, reload). */
import { asOfOf, parseRoute, routeHash, withAsOf, type Route } from '../views/route';

export class Router {
  route: Route = $state(parseRoute(typeof location === 'undefined' ? '' : location.hash));
  /** The date the app shows the school as of (`asOf=` in the URL); null = the last register date. */
  asOf: string | null = $state(typeof location === 'undefined' ? null : asOfOf(location.hash));
  /** The query (filters) each list screen last had, so a link back to it opens it as it was left. */
  private queries: Partial<Record<Route['name'], string>> = $state(queryOf(this.route));

  constructor() {
    if (typeof window === 'undefined') return;
    const sync = () => {
      this.asOf = asOfOf(location.hash);
      this.set(parseRoute(location.hash));
    };
    // Back and Forward between our own entries fire popstate; typed or external hash changes fire hashchange.
    window.addEventListener('hashchange', sync);
    window.addEventListener('popstate', sync);
    document.addEventListener('click', (e) => this.follow(e));
  }

  /** Show a route now and add it to history (no hashchange round trip: that waits a whole frame). */
  go(r: Route): void {
    const hash = withAsOf(routeHash(r), this.asOf);
    if (location.hash !== hash) history.pushState(null, '', hash);
    this.set(r);
  }

  /** Show the school as of another date (null = the last register), on the same screen; Back returns. */
  setAsOf(asOf: string | null): void {
    this.asOf = asOf;
    const hash = withAsOf(routeHash(this.route), asOf);
    if (location.hash !== hash) history.pushState(null, '', hash);
  }

  /** Change the current route's query (filters) in place: no new history entry for each click of a filter. */
  replace(r: Route): void {
    const hash = withAsOf(routeHash(r), this.asOf);
    if (location.hash !== hash) history.replaceState(null, '', hash);
    this.set(r);
  }

  /**
   * In-app links (`href="#/…"`) switch screen in the click itself rather than one frame later on
   * hashchange. Clicks with a modifier (new tab, new window) keep the browser's own behaviour.
   */
  follow(e: MouseEvent): void {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a[href^="#/"]');
    if (!(a instanceof HTMLAnchorElement) || a.target) return;
    e.preventDefault();
    // The link's screen is about to go: dropping focus first spares the browser a forced layout on removal.
    // The new screen's heading takes focus once it is shown (App.svelte).
    if (a.closest('main')) a.blur();
    this.go(parseRoute(a.getAttribute('href')!));
  }

  /** The query the screen last had: its URL's while it is shown. */
  lastQuery(name: Route['name']): string {
    return this.queries[name] ?? '';
  }

  private set(r: Route): void {
    if ('query' in r && this.queries[r.name] !== r.query) this.queries[r.name] = r.query;
    if (routeHash(r) !== routeHash(this.route)) this.route = r;
  }
}

export const router = new Router();

function queryOf(r: Route): Partial<Record<Route['name'], string>> {
  return 'query' in r ? { [r.name]: r.query } : {};
}
