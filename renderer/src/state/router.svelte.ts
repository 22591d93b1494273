/** Hash-based navigation between the app's screens; no router dependency, never leaves the app. */
import { parseHash, routeHref, type Route } from './routes';

export { parseHash, routeHref, type Route, type TrialListPosition } from './routes';

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
