import { getContext, setContext } from 'svelte';
import type { LabBridge } from '../../../shared/contract/bridge';
import { ErrorLog } from './errors.svelte';
import { ExperimentsState } from './experiments.svelte';
import { Router } from './router.svelte';

/** What every screen shares: the lab, the error banner, navigation and the experiment list. */
export class AppState {
  readonly lab: LabBridge;
  readonly errors = new ErrorLog();
  readonly router = new Router();
  readonly experiments: ExperimentsState;

  constructor(lab: LabBridge) {
    this.lab = lab;
    this.experiments = new ExperimentsState(lab, this.errors);
  }
}

const KEY = Symbol('quorum-app');

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() called outside <App>');
  return app;
}
