import type { LabBridge } from '../../../shared/contract/bridge';
import type { LabEvent } from '../../../shared/contract/api';
import type { HostInfo, PullProgress } from '../../../shared/domain/models';
import { CalibrationState } from './calibration.svelte';
import type { ErrorLog } from './errors.svelte';
import { HostModelsState } from './host-models.svelte';
import { HostsState } from './hosts.svelte';
import { PullsState } from './pulls.svelte';

/** While the Models view is open, host load (busy, waiting) is re-read this often. */
export const HOSTS_POLL_MS = 5000;

/**
 * The Models screen: hosts, the chosen host's models, pulls and calibration.
 * It lives as long as the app, so a pull or calibration keeps being followed
 * when the user looks at something else and comes back.
 */
export class ModelsState {
  readonly hosts: HostsState;
  readonly models: HostModelsState;
  readonly pulls: PullsState;
  readonly calibration: CalibrationState;

  /** The host the view shows; null until the lab has listed its hosts. */
  host = $derived.by<HostInfo | null>(() => this.hosts.selected);

  #open = false;

  constructor(lab: LabBridge, errors: ErrorLog) {
    this.hosts = new HostsState(lab, errors);
    this.models = new HostModelsState(lab, errors, (info) => this.hosts.apply(info));
    this.pulls = new PullsState(lab, errors, (progress) => this.#onPulled(progress));
    this.calibration = new CalibrationState(lab, errors);
  }

  /** Follows pull, calibration and host events for the life of the app; returns a function that stops. */
  follow(lab: LabBridge): () => void {
    return lab.subscribe((event) => this.#onEvent(event));
  }

  /** The view opened: load everything and keep host load fresh; returns a function that stops. */
  open(): () => void {
    this.#open = true;
    void this.load();
    const poll = setInterval(() => void this.hosts.refresh(), HOSTS_POLL_MS);
    return () => {
      this.#open = false;
      clearInterval(poll);
    };
  }

  async load(): Promise<void> {
    await Promise.all([this.hosts.refresh(), this.calibration.loadSaved()]);
    await this.#loadModels();
  }

  async selectHost(url: string): Promise<void> {
    this.hosts.select(url);
    await this.#loadModels();
  }

  /** "Check again": asks the host now, then re-reads its models if it is the one shown. */
  async checkHost(url: string): Promise<void> {
    const info = await this.hosts.check(url);
    if (info && info.url === this.host?.url) await this.#loadModels();
  }

  async addHost(): Promise<void> {
    const info = await this.hosts.add();
    if (info) await this.#loadModels();
  }

  async pull(): Promise<void> {
    await this.pulls.start(this.host?.url ?? null);
  }

  async calibrate(model: string): Promise<void> {
    const url = this.models.url;
    if (url === null) return;
    await this.calibration.run(model, url);
    // The calibration loaded the model: show it among the loaded ones.
    if (this.#open && this.models.url === url) await this.models.load(url);
  }

  async #loadModels(): Promise<void> {
    const url = this.host?.url;
    if (url) await this.models.load(url);
  }

  #onPulled(progress: PullProgress): void {
    if (this.models.url === progress.host) void this.models.load(progress.host);
  }

  #onEvent(event: LabEvent): void {
    switch (event.type) {
      case 'hostStatus': {
        const info = event.payload;
        this.hosts.apply(info);
        if (info.url !== this.models.url) return;
        if (info.status === 'down') this.models.markUnavailable(`Ollama is not answering at ${info.url} (${info.error ?? 'no reply'}).`);
        else if (info.status === 'up' && this.#open) void this.models.load(info.url);
        return;
      }
      case 'pullProgress':
        this.pulls.apply(event.payload);
        return;
      case 'calibrationProgress':
        this.calibration.apply(event.payload);
        return;
      default:
        return;
    }
  }
}
