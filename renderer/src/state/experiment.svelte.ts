import type { LabBridge } from '../../../shared/contract/bridge';
import type { LabEvent, LabResult } from '../../../shared/contract/api';
import type { ExperimentDetail, Progress, Results } from '../../../shared/domain/results';
import type { ErrorLog } from './errors.svelte';
import { allowedActions, isTerminal, type ExperimentAction } from './status';

/** How often to ask for progress while running: a CLI in another process may be the one running it. */
export const POLL_MS = 2000;
/** Paused or interrupted experiments change rarely; look less often. */
const IDLE_POLL_EVERY = 5;
/** Results are recomputed by the lab; ask at most this often while trials finish. */
export const RESULTS_THROTTLE_MS = 1500;

const ACTION_CONTEXT: Record<ExperimentAction, string> = {
  start: 'Starting the experiment',
  pause: 'Pausing the experiment',
  resume: 'Resuming the experiment',
  cancel: 'Cancelling the experiment',
};

/** One open experiment: its header, live progress, controls and results. */
export class ExperimentState {
  readonly id: string;
  detail = $state.raw<ExperimentDetail | null>(null);
  progress = $state.raw<Progress | null>(null);
  results = $state.raw<Results | null>(null);
  notFound = $state(false);
  pending = $state<ExperimentAction | null>(null);
  confirmingCancel = $state(false);

  status = $derived(this.progress?.status ?? this.detail?.status ?? null);
  actions = $derived(allowedActions(this.status));

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  #stopped = false;
  #lastEventAt = 0;
  #resultsAt = 0;
  #resultsTimer: ReturnType<typeof setTimeout> | null = null;
  #resultsInFlight = false;
  #resultsAgain = false;

  constructor(lab: LabBridge, errors: ErrorLog, id: string) {
    this.#lab = lab;
    this.#errors = errors;
    this.id = id;
  }

  /** Loads the experiment and keeps it live; returns a function that stops. */
  start(): () => void {
    this.#stopped = false;
    void this.load();
    const unsubscribe = this.#lab.subscribe((event) => this.#onEvent(event));
    let tick = 0;
    const poll = setInterval(() => {
      tick += 1;
      const status = this.status;
      if (status === null || isTerminal(status) || this.notFound) return;
      const active = status === 'running' || status === 'planned';
      if (active || tick % IDLE_POLL_EVERY === 0) void this.refreshProgress();
    }, POLL_MS);
    return () => {
      this.#stopped = true;
      unsubscribe();
      clearInterval(poll);
      if (this.#resultsTimer) clearTimeout(this.#resultsTimer);
      this.#resultsTimer = null;
    };
  }

  async load(): Promise<void> {
    const detail = await this.#lab.getExperiment({ id: this.id });
    if (this.#stopped) return;
    if (!detail.ok) {
      if (detail.error.code === 'not_found') this.notFound = true;
      this.#errors.report(detail.error, 'Opening the experiment');
      return;
    }
    this.detail = detail.value;
    await Promise.all([this.refreshProgress(), this.refreshResults()]);
  }

  async refreshProgress(): Promise<void> {
    const askedAt = performance.now();
    const progress = await this.#errors.attempt(this.#lab.getProgress({ id: this.id }), 'Reading progress');
    // An event that arrived while we waited is newer than this reply.
    if (!progress || this.#stopped || this.#lastEventAt > askedAt) return;
    this.#applyProgress(progress);
  }

  async refreshResults(): Promise<void> {
    if (this.#resultsInFlight) {
      this.#resultsAgain = true;
      return;
    }
    this.#resultsInFlight = true;
    this.#resultsAt = performance.now();
    try {
      const results = await this.#errors.attempt(this.#lab.getResults({ id: this.id }), 'Loading results');
      if (results && !this.#stopped) this.results = results;
    } finally {
      this.#resultsInFlight = false;
    }
    if (this.#resultsAgain && !this.#stopped) {
      this.#resultsAgain = false;
      this.#scheduleResults();
    }
  }

  async run(action: ExperimentAction): Promise<void> {
    if (this.pending || !this.actions.has(action)) return;
    this.pending = action;
    const request = { id: this.id };
    let call: Promise<LabResult<Progress>>;
    switch (action) {
      case 'start':
        call = this.#lab.startExperiment(request);
        break;
      case 'pause':
        call = this.#lab.pauseExperiment(request);
        break;
      case 'resume':
        call = this.#lab.resumeExperiment(request);
        break;
      case 'cancel':
        call = this.#lab.cancelExperiment(request);
        break;
    }
    try {
      const progress = await this.#errors.attempt(call, ACTION_CONTEXT[action]);
      if (progress && !this.#stopped) this.#applyProgress(progress);
    } finally {
      this.pending = null;
    }
  }

  askCancel(): void {
    if (this.actions.has('cancel')) this.confirmingCancel = true;
  }

  async confirmCancel(): Promise<void> {
    this.confirmingCancel = false;
    await this.run('cancel');
  }

  dismissCancel(): void {
    this.confirmingCancel = false;
  }

  #onEvent(event: LabEvent): void {
    if (this.#stopped) return;
    switch (event.type) {
      case 'progress':
        if (event.payload.experimentId !== this.id) return;
        this.#lastEventAt = performance.now();
        this.#applyProgress(event.payload);
        return;
      case 'experimentStatus':
        if (event.payload.experimentId !== this.id) return;
        if (this.detail) this.detail = { ...this.detail, status: event.payload.status, error: event.payload.error };
        void this.refreshProgress();
        return;
      case 'experimentsChanged':
        // Sent after a reconnect too: whatever we missed, catch up.
        void this.refreshProgress();
        return;
      default:
        return;
    }
  }

  #applyProgress(next: Progress): void {
    const previous = this.progress;
    this.progress = next;
    const statusChanged = previous?.status !== next.status;
    if (statusChanged && this.detail && this.detail.status !== next.status) {
      this.detail = { ...this.detail, status: next.status };
    }
    if (statusChanged && isTerminal(next.status)) {
      // The final numbers: fetch now, not at the next throttle slot; the detail has the finish time and any error.
      void this.refreshResults();
      void this.#reloadDetail();
      return;
    }
    if (previous && (previous.done !== next.done || previous.failed !== next.failed)) this.#scheduleResults();
  }

  async #reloadDetail(): Promise<void> {
    const detail = await this.#lab.getExperiment({ id: this.id });
    if (detail.ok && !this.#stopped) this.detail = detail.value;
  }

  #scheduleResults(): void {
    if (this.#resultsTimer) return;
    const wait = Math.max(0, this.#resultsAt + RESULTS_THROTTLE_MS - performance.now());
    this.#resultsTimer = setTimeout(() => {
      this.#resultsTimer = null;
      void this.refreshResults();
    }, wait);
  }
}
