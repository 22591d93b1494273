import type { LabBridge } from '../../../shared/contract/bridge';
import type { LabEvent, LabResult } from '../../../shared/contract/api';
import type { ExperimentDetail, Progress, Results } from '../../../shared/domain/results';
import type { HostInfo, ModelLoadCount } from '../../../shared/domain/models';
import { modelsOf } from '../../../shared/domain/spec';
import { hostKey } from './host-key';
import type { ErrorLog } from './errors.svelte';
import { allowedActions, isTerminal, type ExperimentAction } from './status';

/** How often to ask for progress while running: a CLI in another process may be the one running it. */
export const POLL_MS = 2000;
/** Paused or interrupted experiments change rarely; look less often. */
const IDLE_POLL_EVERY = 5;
/** Results are recomputed by the lab; ask at most this often while trials finish. */
export const RESULTS_THROTTLE_MS = 1500;
/** Model loads are re-read at most this often while loads happen. */
export const LOADS_THROTTLE_MS = 1000;

const ACTION_CONTEXT: Record<ExperimentAction, string> = {
  start: 'Starting the experiment',
  pause: 'Pausing the experiment',
  resume: 'Resuming the experiment',
  cancel: 'Cancelling the experiment',
  retryFailed: 'Running the failed trials again',
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
  /** Ollama hosts this experiment may use that are not answering right now. */
  hostsDown = $state.raw<HostInfo[]>([]);
  /** How often each model was loaded during the run; empty for simulated models. */
  modelLoads = $state.raw<ModelLoadCount[]>([]);

  status = $derived(this.progress?.status ?? this.detail?.status ?? null);
  /** Failed trials so far, from live progress when there is some. */
  failed = $derived(this.progress?.failed ?? this.detail?.failed ?? 0);
  actions = $derived(allowedActions(this.status, this.failed));
  /** Does it call Ollama models (whose hosts can go down and whose loads are counted)? */
  usesHosts = $derived(this.detail !== null && modelsOf(this.detail.spec.agents).some((model) => model.startsWith('ollama:')));

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  #stopped = false;
  #lastEventAt = 0;
  #resultsAt = 0;
  #resultsTimer: ReturnType<typeof setTimeout> | null = null;
  #resultsInFlight = false;
  #resultsAgain = false;
  #loadsTimer: ReturnType<typeof setTimeout> | null = null;

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
      const active = status === 'running' || status === 'planned' || status === 'planning';
      if (active || tick % IDLE_POLL_EVERY === 0) void this.refreshProgress();
    }, POLL_MS);
    return () => {
      this.#stopped = true;
      unsubscribe();
      clearInterval(poll);
      if (this.#resultsTimer) clearTimeout(this.#resultsTimer);
      this.#resultsTimer = null;
      if (this.#loadsTimer) clearTimeout(this.#loadsTimer);
      this.#loadsTimer = null;
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
    const extra = this.usesHosts ? [this.refreshModelLoads(), this.#checkHosts()] : [];
    await Promise.all([this.refreshProgress(), this.refreshResults(), ...extra]);
  }

  async refreshModelLoads(): Promise<void> {
    const result = await this.#lab.getModelLoads({ id: this.id });
    // Only a side table: a failure here is not worth a banner.
    if (result.ok && !this.#stopped) this.modelLoads = result.value;
  }

  /** An experiment that is still to run: is any of its hosts already down? */
  async #checkHosts(): Promise<void> {
    if (this.status === null || isTerminal(this.status)) return;
    const result = await this.#lab.listHosts({});
    if (!result.ok || this.#stopped) return;
    for (const host of result.value) this.#applyHost(host);
  }

  /**
   * Hosts named in the spec; null when it names none or uses the lab's default
   * host (a host entry without a url), whose address only the lab knows: then any host counts.
   */
  #specHosts(): string[] | null {
    const spec = this.detail?.spec;
    if (!spec) return null;
    const hosts = spec.hosts ?? [];
    if (hosts.some((host) => host.url === undefined)) return null;
    const urls = [...hosts.flatMap((host) => (host.url === undefined ? [] : [host.url])), ...(spec.agents.host ? [spec.agents.host] : [])];
    return urls.length > 0 ? urls.map(hostKey) : null;
  }

  #applyHost(host: HostInfo): void {
    if (!this.usesHosts || (this.status !== null && isTerminal(this.status))) return;
    const mine = this.#specHosts();
    if (mine && !mine.includes(hostKey(host.url))) return;
    const others = this.hostsDown.filter((down) => down.url !== host.url);
    this.hostsDown = host.status === 'down' ? [...others, host] : others;
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
      case 'retryFailed':
        call = this.#lab.resumeExperiment({ ...request, retryFailed: true });
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
      case 'hostStatus':
        this.#applyHost(event.payload);
        return;
      case 'modelLoad':
        if (event.payload.experimentId === this.id) this.#scheduleLoads();
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
      if (this.usesHosts) void this.refreshModelLoads();
      // A finished run no longer waits for any host.
      this.hostsDown = [];
      return;
    }
    if (previous && (previous.done !== next.done || previous.failed !== next.failed)) this.#scheduleResults();
  }

  async #reloadDetail(): Promise<void> {
    const detail = await this.#lab.getExperiment({ id: this.id });
    if (detail.ok && !this.#stopped) this.detail = detail.value;
  }

  #scheduleLoads(): void {
    if (this.#loadsTimer) return;
    this.#loadsTimer = setTimeout(() => {
      this.#loadsTimer = null;
      void this.refreshModelLoads();
    }, LOADS_THROTTLE_MS);
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
