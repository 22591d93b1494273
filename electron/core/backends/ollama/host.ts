/**
 * One Ollama host as the lab sees it: its slot queue, whether it answers, its
 * version, and the models it has. A host that stops answering is marked down:
 * its queue is held (waiting calls keep their place instead of failing) and
 * it is polled until it answers again.
 */
import { Ollama } from 'ollama';
import type { HostInfo, HostStatus } from '../../../../shared/domain/models';
import { SlotQueue } from '../../scheduler/slot-queue';
import { sleep } from '../../scheduler/retry-policy';
import { fetchWithSignal } from './http';

/** A host as the lab reports it; the same shape the Models view shows. */
export type HostState = HostInfo;

export type HostStatusListener = (state: HostState) => void;

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';

/** OLLAMA_HOST may be "host", "host:port" or a URL, as the Ollama CLI accepts. */
export function normalizeHostUrl(raw: string): string {
  let url = raw.trim();
  if (!/^https?:\/\//i.test(url)) url = `http://${url}`;
  const parsed = new URL(url);
  if (parsed.hostname === '0.0.0.0') parsed.hostname = '127.0.0.1';
  if (!parsed.port && parsed.protocol === 'http:' && !/:\d+$/.test(raw.trim())) parsed.port = '11434';
  return parsed.origin;
}

export function defaultHostUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.OLLAMA_HOST ? normalizeHostUrl(env.OLLAMA_HOST) : DEFAULT_OLLAMA_URL;
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

  /** Resolves once the host answers again (immediately if it is not down). */
  async waitUntilUp(signal: AbortSignal): Promise<void> {
    while (this.status === 'down') {
      await Promise.race([this.recovery, sleep(this.pollMs, signal)]);
      if (signal.aborted) return;
    }
  }

  markDown(reason: string): void {
    this.error = reason;
    if (this.status === 'down') return;
    this.status = 'down';
    this.downSinceMs = Date.now();
    this.queue.hold();
    this.onStatus(this.state());
    this.recovery ??= this.pollUntilUp();
  }

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

  private async pollUntilUp(): Promise<void> {
    try {
      while (this.status === 'down' && !this.stopped) {
        await sleep(this.pollMs);
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
