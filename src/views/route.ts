/** Hash routes, so reload and Back work from a static file with no server. */
export type Route =
  | { name: 'home' }
  | { name: 'overview' }
  | { name: 'watch' }
  | { name: 'pupil'; id: string }
  | { name: 'groups' }
  | { name: 'import' }
  | { name: 'data' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  switch (head) {
    case 'overview':
    case 'watch':
    case 'groups':
    case 'import':
    case 'data':
      return { name: head };
    case 'pupil':
      return rest.length && rest[0]
        ? { name: 'pupil', id: decodeURIComponent(rest.join('/')) }
        : { name: 'watch' };
    default:
      return { name: 'home' };
  }
}

export function routeHash(r: Route): string {
  return r.name === 'home'
    ? '#/'
    : r.name === 'pupil'
      ? `#/pupil/${encodeURIComponent(r.id)}`
      : `#/${r.name}`;
}

export const ROUTE_TITLE: Record<Route['name'], string> = {
  home: 'Welcome',
  overview: 'School overview',
  watch: 'Watch list',
  pupil: 'Pupil',
  groups: 'Groups',
  import: 'Import a register export',
  data: 'Data and settings',
};
