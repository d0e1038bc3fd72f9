/** The current hash route as a rune, updated on hashchange (Back, Forward, links, reload). */
import { parseRoute, routeHash, type Route } from '../views/route';

export class Router {
  route: Route = $state(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined')
      window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
  }

  go(r: Route): void {
    const hash = routeHash(r);
    if (location.hash !== hash) location.hash = hash;
    else this.route = r;
  }
}

export const router = new Router();
