/** Hash-based navigation between the app's screens; no router dependency, never leaves the app. */

export type Route = { view: 'experiments' } | { view: 'experiment'; id: string } | { view: 'designer' } | { view: 'models' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'models') return { view: 'models' };
  if (path === 'designer') return { view: 'designer' };
  const match = /^experiments\/([^/]+)$/.exec(path);
  if (match?.[1]) {
    try {
      return { view: 'experiment', id: decodeURIComponent(match[1]) };
    } catch {
      return { view: 'experiments' };
    }
  }
  return { view: 'experiments' };
}

export function routeHref(route: Route): string {
  switch (route.view) {
    case 'experiment':
      return `#/experiments/${encodeURIComponent(route.id)}`;
    case 'designer':
      return '#/designer';
    case 'models':
      return '#/models';
    default:
      return '#/';
  }
}

export class Router {
  route = $state<Route>(parseHash(window.location.hash));

  /** Starts following the address bar; returns a function that stops. */
  start(): () => void {
    const onHashChange = (): void => {
      this.route = parseHash(window.location.hash);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }

  go(route: Route): void {
    const href = routeHref(route);
    if (window.location.hash === href) this.route = route;
    else window.location.hash = href;
  }
}
