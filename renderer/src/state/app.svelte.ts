import { getContext, setContext } from 'svelte';
import type { LabErrorAction } from '../../../shared/contract/api';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { ExampleInfo } from '../../../shared/domain/results';
import { SpecDraft } from './designer.svelte';
import { ErrorLog } from './errors.svelte';
import { ExperimentsState } from './experiments.svelte';
import { ModelsState } from './models.svelte';
import { Router } from './router.svelte';

/** What every screen shares: the lab, the error banner, navigation, the experiment list, the models and the spec being designed. */
export class AppState {
  readonly lab: LabBridge;
  readonly errors = new ErrorLog();
  readonly router = new Router();
  readonly experiments: ExperimentsState;
  readonly models: ModelsState;
  readonly draft = new SpecDraft();

  constructor(lab: LabBridge) {
    this.lab = lab;
    this.experiments = new ExperimentsState(lab, this.errors);
    this.models = new ModelsState(lab, this.errors);
  }

  /** Does what an error offered (pull the missing model), then shows where it happens. */
  async act(errorId: number, action: LabErrorAction): Promise<void> {
    this.errors.dismiss(errorId);
    this.router.go({ view: 'models' });
    this.models.pulls.name = action.model;
    await this.models.pulls.start(action.host);
  }

  /** Opens the Designer on a copy of an example's spec. */
  design(example: ExampleInfo): void {
    this.draft.open(example.spec, example.name);
    this.router.go({ view: 'designer' });
  }

  /** Follows what outlives a screen (pulls, calibrations); returns a function that stops. */
  start(): () => void {
    const stopRouter = this.router.start();
    const stopModels = this.models.follow(this.lab);
    return () => {
      stopRouter();
      stopModels();
    };
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
