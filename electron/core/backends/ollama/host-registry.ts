/**
 * The Ollama hosts the lab keeps: the default host, and those experiments
 * use (a spec's "hosts", a call's route). Only kept hosts share a slot queue,
 * a status and a model list between calls, publish status changes, and can be
 * polled while down. Looking at a host (check, list, pull, delete, calibrate)
 * gets a transient host that is not kept, so typing fifty addresses into the
 * Models view never leaves fifty hosts behind, let alone polled.
 *
 * At most MAX_OLLAMA_HOSTS are kept besides the default host. Past that, the
 * host idle longest is dropped to make room, if one has been idle for
 * `idleMs`; the grace keeps a running experiment's hosts (with their slots
 * and known models) between two of its calls.
 */
import { BackendError } from '../types';
import { defaultHostUrl, normalizeHostUrl, OllamaHost, type HostStatusListener } from './host';

/** Hosts kept besides the default one: as many as one spec may pool (its "hosts" maxItems). */
export const MAX_OLLAMA_HOSTS = 32;
/** A host nothing has needed for this long may be dropped to make room for another. */
export const DEFAULT_HOST_IDLE_MS = 60_000;

export interface HostRegistryOptions {
  onStatus: HostStatusListener;
  /** Told when a host is dropped, to forget what was cached about it. */
  onDrop?(url: string): void;
  pollMs?: number;
  idleMs?: number;
}

export class HostRegistry {
  private readonly hosts = new Map<string, OllamaHost>();

  constructor(private readonly options: HostRegistryOptions) {}

  all(): OllamaHost[] {
    return [...this.hosts.values()];
  }

  get(url: string): OllamaHost | undefined {
    return this.hosts.get(normalizeHostUrl(url));
  }

  /** The kept host at `url`, keeping it now if need be (a new one gets `slots`). Throws BackendError past the limit. */
  keep(url: string, slots = 1): OllamaHost {
    const existing = this.get(url);
    if (existing) return existing;
    const key = normalizeHostUrl(url);
    const defaultUrl = normalizeHostUrl(defaultHostUrl());
    const others = [...this.hosts.keys()].filter((k) => k !== defaultUrl).length;
    if (key !== defaultUrl && others >= MAX_OLLAMA_HOSTS && !this.dropIdlest(defaultUrl)) {
      throw new BackendError(
        `Quorum already has ${others} Ollama hosts registered besides the default one, the most it keeps, and none has been idle long enough to drop, so it cannot add ${key}. Hosts nobody uses are dropped when idle (${this.idleWording()}): let a running experiment finish (or cancel one) and try again then, or pool fewer hosts.`,
        'unavailable',
      );
    }
    const host = new OllamaHost(key, slots, this.options.onStatus, this.options.pollMs);
    this.hosts.set(key, host);
    return host;
  }

  /** The kept host at `url`, or else one that is not kept: it publishes no status and is never polled. */
  peek(url: string): OllamaHost {
    return this.get(url) ?? new OllamaHost(normalizeHostUrl(url), 1, () => {}, this.options.pollMs);
  }

  private idleMs(): number {
    return this.options.idleMs ?? DEFAULT_HOST_IDLE_MS;
  }

  private idleWording(): string {
    const ms = this.idleMs();
    return ms >= 1000 ? `${Math.round(ms / 1000)} s without a call` : 'as soon as no call needs them';
  }

  /** Drops the host idle longest (never the default host), if one has been idle long enough. */
  private dropIdlest(defaultUrl: string): boolean {
    const now = Date.now();
    let victim: OllamaHost | null = null;
    for (const host of this.hosts.values()) {
      if (host.url === defaultUrl || host.inUse() || host.idleMs(now) < this.idleMs()) continue;
      if (!victim || host.idleMs(now) > victim.idleMs(now)) victim = host;
    }
    if (!victim) return false;
    victim.stop();
    this.hosts.delete(victim.url);
    this.options.onDrop?.(victim.url);
    return true;
  }
}
