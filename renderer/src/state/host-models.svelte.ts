import type { LabBridge } from '../../../shared/contract/bridge';
import type { HostInfo, InstalledModel, LoadedModel } from '../../../shared/domain/models';
import type { ErrorLog } from './errors.svelte';

/** The installed and loaded models of one host, and deleting them. */
export class HostModelsState {
  /** The host these models are from. */
  url = $state<string | null>(null);
  installed = $state.raw<InstalledModel[]>([]);
  loaded = $state.raw<LoadedModel[]>([]);
  loading = $state(false);
  /** Has an answer (models or "not answering") for `url` arrived? */
  answered = $state(false);
  /** The lab's message when the host did not answer; the view says what to do about it. */
  unavailable = $state<string | null>(null);
  /** The model waiting for the user to confirm its deletion. */
  confirmingDelete = $state<string | null>(null);
  deleting = $state<string | null>(null);

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  readonly #onHost: (info: HostInfo) => void;
  #request = 0;

  constructor(lab: LabBridge, errors: ErrorLog, onHost: (info: HostInfo) => void) {
    this.#lab = lab;
    this.#errors = errors;
    this.#onHost = onHost;
  }

  async load(url: string): Promise<void> {
    const request = ++this.#request;
    if (this.url !== url) {
      this.url = url;
      this.installed = [];
      this.loaded = [];
      this.answered = false;
      this.unavailable = null;
    }
    this.loading = true;
    try {
      const result = await this.#lab.listModels({ host: url });
      // The user may have picked another host while we waited.
      if (request !== this.#request) return;
      if (result.ok) {
        this.installed = result.value.installed;
        this.loaded = result.value.loaded;
        this.unavailable = null;
        this.#onHost(result.value.host);
      } else if (result.error.code === 'unavailable') {
        this.installed = [];
        this.loaded = [];
        this.unavailable = result.error.message;
      } else {
        this.#errors.report(result.error, `Listing the models on ${url}`);
      }
      this.answered = true;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  /** The host stopped answering: what we listed may be gone. */
  markUnavailable(message: string): void {
    this.unavailable = message;
    this.answered = true;
  }

  askDelete(name: string): void {
    if (this.deleting === null) this.confirmingDelete = name;
  }

  dismissDelete(): void {
    this.confirmingDelete = null;
  }

  async confirmDelete(): Promise<void> {
    const name = this.confirmingDelete;
    const url = this.url;
    this.confirmingDelete = null;
    if (name === null || url === null) return;
    this.deleting = name;
    try {
      const deleted = await this.#errors.attempt(this.#lab.deleteModel({ name, host: url, confirm: true }), `Deleting ${name}`);
      if (deleted && this.url === url) {
        this.installed = this.installed.filter((model) => model.name !== name);
        await this.load(url);
      }
    } finally {
      this.deleting = null;
    }
  }
}
