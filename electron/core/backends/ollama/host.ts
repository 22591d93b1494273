/**
 * One Ollama host as the lab sees it: its slot queue, whether it answers, its
 * version, and the models it has. A host that stops answering is marked down:
 * its queue is held (waiting calls keep their place instead of failing) and
 * it is polled until it answers again, but only while something needs it (a
 * call in progress whose route names it, or one waiting in its queue): a
 * host nobody uses is not asked again and again, however long it is down.
 */
import { Ollama } from 'ollama';
import type { HostInfo, HostStatus } from '../../../../shared/domain/models';
import { hostUrlProblem } from '../../../../shared/domain/host-url';
import { BackendError } from '../types';
import { SlotQueue } from '../../scheduler/slot-queue';
import { sleep } from '../../scheduler/retry-policy';
import { fetchWithSignal } from './http';

/** A host as the lab reports it; the same shape the Models view shows. */
export type HostState = HostInfo;

export type HostStatusListener = (state: HostState) => void;

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';

/** OLLAMA_HOST may be "host", "host:port" or a URL, as the Ollama CLI accepts. */
export function normalizeHostUrl(raw: string, what = 'The Ollama host'): string {
  const problem = hostUrlProblem(raw, { schemeOptional: true });
  if (problem !== null) throw new BackendError(`${what} ${problem}.`, 'bad_request');
  let url = raw.trim();
  if (!/^https?:\/\//i.test(url)) url = `http://${url}`;
  const parsed = new URL(url);
  if (parsed.hostname === '0.0.0.0') parsed.hostname = '127.0.0.1';
  if (!parsed.port && parsed.protocol === 'http:' && !/:\d+$/.test(raw.trim())) parsed.port = '11434';
  return parsed.origin;
}

export function defaultHostUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.OLLAMA_HOST ? normalizeHostUrl(env.OLLAMA_HOST, 'OLLAMA_HOST (the environment variable naming the default Ollama host)') : DEFAULT_OLLAMA_URL;
}

export class OllamaHost {
  readonly queue: SlotQueue;
  private status: HostStatus = 'unknown';
  private version: string | null = null;
  private error: string | null = null;
  private downSinceMs: number | null = null;
  private models = new Set<string>();
  private recovery: Promise<void> | null = null;
  private stopped = false;
  /** Calls in progress whose route names this host, plus callers waiting for it to come back. */
  private users = 0;
  private lastUsedAtMs = Date.now();

  constructor(
    readonly url: string,
    slots: number,
    private readonly onStatus: HostStatusListener,
    private readonly pollMs = 1000,
  ) {
    this.queue = new SlotQueue(slots);
  }

  client(signal?: AbortSignal): Ollama {
    return new Ollama({ host: this.url, fetch: fetchWithSignal(signal) });
  }

  state(): HostState {
    const q = this.queue.stats();
    return { url: this.url, status: this.status, version: this.version, slots: q.slots, busy: q.busy, waiting: q.waiting, error: this.error, downSinceMs: this.downSinceMs };
  }

  isDown(): boolean {
    return this.status === 'down';
  }

  hasModel(name: string): boolean {
    return this.models.has(name) || this.models.has(`${name}:latest`);
  }

  /** Asks the host for its version and model list; marks it up or down. */
  async refresh(timeoutMs = 5000): Promise<boolean> {
    try {
      const client = this.client(AbortSignal.timeout(timeoutMs));
      const [version, tags] = await Promise.all([client.version(), client.list()]);
      this.version = version.version;
      this.models = new Set(tags.models.map((m) => m.name));
      this.markUp();
      return true;
    } catch (error) {
      this.markDown(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /**
   * Marks the host as needed until the returned function is called; while it
   * is needed and down, it is polled. Idempotent release.
   */
  use(): () => void {
    this.users++;
    this.lastUsedAtMs = Date.now();
    this.pollIfNeeded();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      this.lastUsedAtMs = Date.now();
    };
  }

  /** Something needs the host: a call names it, waits for it, or holds or waits for one of its slots. */
  inUse(): boolean {
    const q = this.queue.stats();
    return this.users > 0 || q.busy > 0 || q.waiting > 0;
  }

  /** How long nothing has needed the host (0 while something does). */
  idleMs(now = Date.now()): number {
    return this.inUse() ? 0 : now - this.lastUsedAtMs;
  }

  /** Resolves once the host answers again (immediately if it is not down), or when `signal` aborts. */
  async waitUntilUp(signal: AbortSignal): Promise<void> {
    if (this.status !== 'down') return;
    const release = this.use();
    try {
      while (this.status === 'down' && !signal.aborted) {
        this.pollIfNeeded();
        const pause = sleep(this.pollMs, signal);
        await (this.recovery ? Promise.race([this.recovery, pause]) : pause);
      }
    } catch {
      // The wait was cancelled; the caller looks at its signal.
    } finally {
      release();
    }
  }

  markDown(reason: string): void {
    this.error = reason;
    if (this.status === 'down') return;
    this.status = 'down';
    this.downSinceMs = Date.now();
    this.queue.hold();
    this.onStatus(this.state());
    this.pollIfNeeded();
  }

  /** No more polling, ever: the host has been dropped. */
  stop(): void {
    this.stopped = true;
  }

  private markUp(): void {
    const changed = this.status !== 'up';
    this.status = 'up';
    this.error = null;
    this.downSinceMs = null;
    this.queue.unhold();
    if (changed) this.onStatus(this.state());
  }

  private pollIfNeeded(): void {
    if (this.status === 'down' && !this.stopped && this.inUse()) this.recovery ??= this.pollUntilUp();
  }

  private async pollUntilUp(): Promise<void> {
    try {
      while (this.status === 'down' && !this.stopped && this.inUse()) {
        await sleep(this.pollMs);
        // Whoever needed the host may have given up during the pause: then no request.
        if (this.stopped || !this.inUse()) break;
        try {
          const version = await this.client(AbortSignal.timeout(Math.max(500, this.pollMs))).version();
          this.version = version.version;
          this.markUp();
        } catch {
          // still down; keep polling
        }
      }
    } finally {
      this.recovery = null;
    }
  }
}
