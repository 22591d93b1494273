import { SvelteSet } from 'svelte/reactivity';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { HostInfo } from '../../../shared/domain/models';
import type { ErrorLog } from './errors.svelte';

/** The Ollama hosts the lab knows, whether each answers, and which one the Models view shows. */
export class HostsState {
  hosts = $state.raw<HostInfo[]>([]);
  loaded = $state(false);
  /** URLs being checked right now, so their buttons can say so. */
  readonly checking = new SvelteSet<string>();
  /** The host whose models are shown; null means the first (the default host). */
  selectedUrl = $state<string | null>(null);
  /** What is typed in the "Add host" field. */
  newUrl = $state('');
  adding = $state(false);

  selected = $derived(this.hosts.find((host) => host.url === this.selectedUrl) ?? this.hosts[0] ?? null);

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;

  constructor(lab: LabBridge, errors: ErrorLog) {
    this.#lab = lab;
    this.#errors = errors;
  }

  async refresh(): Promise<void> {
    const hosts = await this.#errors.attempt(this.#lab.listHosts({}), 'Listing Ollama hosts');
    if (hosts) {
      // A host added here but not (yet) known to the lab stays listed.
      const extra = this.hosts.filter((old) => !hosts.some((host) => host.url === old.url));
      this.hosts = [...hosts, ...extra];
    }
    this.loaded = true;
  }

  /** Asks the lab to check one host now; returns what it found. */
  async check(url: string): Promise<HostInfo | undefined> {
    this.checking.add(url);
    try {
      const info = await this.#errors.attempt(this.#lab.checkHost({ url }), `Checking ${url}`);
      if (info) this.apply(info);
      return info;
    } finally {
      this.checking.delete(url);
    }
  }

  /** Checks the URL in the "Add host" field, lists it and selects it. */
  async add(): Promise<HostInfo | undefined> {
    const url = this.newUrl.trim();
    if (url === '' || this.adding) return undefined;
    this.adding = true;
    try {
      const info = await this.#errors.attempt(this.#lab.checkHost({ url }), `Adding host ${url}`);
      if (!info) return undefined;
      this.apply(info);
      this.selectedUrl = info.url;
      this.newUrl = '';
      return info;
    } finally {
      this.adding = false;
    }
  }

  select(url: string): void {
    this.selectedUrl = url;
  }

  /** Takes in a host's latest state, from a reply or a hostStatus event. */
  apply(info: HostInfo): void {
    const index = this.hosts.findIndex((host) => host.url === info.url);
    this.hosts = index < 0 ? [...this.hosts, info] : this.hosts.map((host, i) => (i === index ? info : host));
  }
}
