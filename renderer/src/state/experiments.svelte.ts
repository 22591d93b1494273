import type { LabBridge } from '../../../shared/contract/bridge';
import type { LabEvent } from '../../../shared/contract/api';
import type { ExampleInfo, ExampleProblem, ExperimentRow } from '../../../shared/domain/results';
import type { DurationEstimate } from '../../../shared/domain/models';
import { modelsOf } from '../../../shared/domain/spec';
import type { ErrorLog } from './errors.svelte';

const LIST_REFRESH_MS = 500;

/** Simulated models take no real time; an example with any other model gets a duration estimate. */
export function needsEstimate(example: ExampleInfo): boolean {
  return modelsOf(example.spec.agents).some((model) => !model.startsWith('sim:'));
}

/** The start screen: examples a newcomer can run, and every experiment in the database. */
export class ExperimentsState {
  examples = $state.raw<ExampleInfo[]>([]);
  problems = $state.raw<ExampleProblem[]>([]);
  /** Duration estimates by example id, for examples that run real models. */
  estimates = $state.raw<Record<string, DurationEstimate>>({});
  experiments = $state<ExperimentRow[]>([]);
  loaded = $state(false);
  /** The example being created, so its button can say so. */
  launching = $state<string | null>(null);
  resumingInterrupted = $state(false);
  interruptedDismissed = $state(false);

  interrupted = $derived(this.experiments.filter((row) => row.status === 'interrupted'));

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(lab: LabBridge, errors: ErrorLog) {
    this.#lab = lab;
    this.#errors = errors;
  }

  /** Loads everything and follows lab events; returns a function that stops following. */
  start(): () => void {
    void this.load();
    const unsubscribe = this.#lab.subscribe((event) => this.#onEvent(event));
    return () => {
      unsubscribe();
      if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
      this.#refreshTimer = null;
    };
  }

  async load(): Promise<void> {
    const [examples] = await Promise.all([
      this.#errors.attempt(this.#lab.listExamples({}), 'Loading examples'),
      this.refreshList(),
    ]);
    if (examples) {
      this.examples = examples.examples;
      this.problems = examples.problems;
    }
    this.loaded = true;
    await this.refreshEstimates();
  }

  /** Asks the lab how long each real-model example would take (from saved calibrations). */
  async refreshEstimates(): Promise<void> {
    const wanted = this.examples.filter(needsEstimate);
    const replies = await Promise.all(
      wanted.map(async (example) => [example.id, await this.#lab.estimateDuration({ spec: example.spec })] as const),
    );
    const estimates: Record<string, DurationEstimate> = {};
    // An estimate is a hint on a card: when the lab can't give one, the card just goes without.
    for (const [id, result] of replies) if (result.ok) estimates[id] = result.value;
    this.estimates = estimates;
  }

  async refreshList(): Promise<void> {
    const rows = await this.#errors.attempt(this.#lab.listExperiments({}), 'Loading experiments');
    if (rows) this.experiments = rows;
  }

  /** Creates and starts an experiment from an example; returns its id, or null on failure. */
  async runExample(example: ExampleInfo): Promise<string | null> {
    if (this.launching) return null;
    this.launching = example.id;
    try {
      const created = await this.#errors.attempt(
        this.#lab.createExperiment({ spec: example.spec, source: example.id, start: true }),
        `Running example “${example.name}”`,
      );
      if (!created) return null;
      void this.refreshList();
      return created.id;
    } finally {
      this.launching = null;
    }
  }

  async resumeInterrupted(): Promise<void> {
    if (this.resumingInterrupted) return;
    this.resumingInterrupted = true;
    try {
      const rows = this.interrupted.map((row) => ({ id: row.id, name: row.name }));
      await Promise.all(
        rows.map((row) => this.#errors.attempt(this.#lab.resumeExperiment({ id: row.id }), `Resuming “${row.name}”`)),
      );
      await this.refreshList();
    } finally {
      this.resumingInterrupted = false;
    }
  }

  dismissInterrupted(): void {
    this.interruptedDismissed = true;
  }

  #onEvent(event: LabEvent): void {
    switch (event.type) {
      case 'progress': {
        const row = this.experiments.find((r) => r.id === event.payload.experimentId);
        if (!row) {
          this.#scheduleRefresh();
          return;
        }
        row.done = event.payload.done;
        row.failed = event.payload.failed;
        row.total = event.payload.total;
        row.status = event.payload.status;
        return;
      }
      case 'experimentStatus':
      case 'experimentsChanged':
        this.#scheduleRefresh();
        return;
      default:
        // Host, model and calibration events are for other screens.
        return;
    }
  }

  #scheduleRefresh(): void {
    if (this.#refreshTimer) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.refreshList();
    }, LIST_REFRESH_MS);
  }
}
