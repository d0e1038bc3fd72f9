/**
 * Hash routes, so reload and Back work from a static file with no server. Today's list and the watch list keep
 * their filters in the route's query (`#/today?due=1&owner=JS`, `#/watch?year=9`) so a view can be bookmarked; `asOf=yyyy-mm-dd` in any route's query
 * shows the school as it stood on that date (the router carries it from screen to screen).
 */
export type Route =
  | { name: 'home' }
  | { name: 'overview' }
  | { name: 'today'; query: string }
  | { name: 'letters' }
  | { name: 'watch'; query: string }
  | { name: 'pupil'; id: string }
  | { name: 'groups' }
  | { name: 'import' }
  | { name: 'data' };

function split(hash: string): [string, URLSearchParams] {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  return q < 0 ? [body, new URLSearchParams()] : [body.slice(0, q), new URLSearchParams(body.slice(q + 1))];
}

export function parseRoute(hash: string): Route {
  const [path, query] = split(hash);
  query.delete('asOf');
  const [head, ...rest] = path.split('/');
  switch (head) {
    case 'today':
    case 'watch':
      return { name: head, query: query.toString() };
    case 'overview':
    case 'letters':
    case 'groups':
    case 'import':
    case 'data':
      return { name: head };
    case 'pupil':
      return rest.length && rest[0]
        ? { name: 'pupil', id: decodeURIComponent(rest.join('/')) }
        : { name: 'watch', query: '' };
    default:
      return { name: 'home' };
  }
}

export function routeHash(r: Route): string {
  return r.name === 'home'
    ? '#/'
    : r.name === 'pupil'
      ? `#/pupil/${encodeURIComponent(r.id)}`
      : (r.name === 'today' || r.name === 'watch') && r.query
        ? `#/${r.name}?${r.query}`
        : `#/${r.name}`;
}

/** The as-of date a hash asks for, or null (then the last register date is used). */
export function asOfOf(hash: string): string | null {
  const v = split(hash)[1].get('asOf');
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}

/** A route's hash with the as-of date added to its query. */
export function withAsOf(hash: string, asOf: string | null): string {
  if (!asOf) return hash;
  return `${hash}${hash.includes('?') ? '&' : '?'}asOf=${asOf}`;
}

export const ROUTE_TITLE: Record<Route['name'], string> = {
  home: 'Welcome',
  overview: 'School overview',
  today: "Today's list",
  letters: 'Letters',
  watch: 'Watch list',
  pupil: 'Pupil',
  groups: 'Groups',
  import: 'Import a register export',
  data: 'Data and settings',
};
