/**
 * `ollama:NAME` models through the official ollama client. Every call goes
 * through its host's slot queue (never more requests in flight than the host
 * has parallel slots), streams its reply, reads the server's own timings from
 * the final chunk, and can be cancelled or timed out with the request really
 * aborted. Before the first measured call of a model on a host, one warm-up
 * call loads it, so load time stays out of latency figures. Transient
 * failures are retried with backoff and recorded; a host that stops answering
 * holds its calls until it is back. Which hosts are kept, and for how long:
 * see host-registry.ts.
 */
import { Jitter } from '../../scheduler/jitter';
import type { ChatResponse, Message } from 'ollama';
import { backoffDelayMs, DEFAULT_RETRY, sleep, type RetryPolicy } from '../../scheduler/retry-policy';
import { abortError, BackendError, type Capacity, type CallRequest, type CallResult, type CallRoute, type DoneReason, type ModelBackend, type RetryRecord } from '../types';
import { classifyFailure } from './errors';
import { defaultHostUrl, OllamaHost, type HostState } from './host';
import { HostRegistry } from './host-registry';

/** A measured call whose load took this long counts as a model (re)load. */
export const RELOAD_THRESHOLD_MS = 250;
const NS_PER_MS = 1e6;

export interface ModelLoadEvent {
  experimentId?: string;
  host: string;
  model: string;
  loadMs: number;
  kind: 'warmup' | 'reload';
  atMs: number;
}

export interface OllamaBackendHooks {
  onHostStatus?(state: HostState): void;
  onModelLoad?(event: ModelLoadEvent): void;
  onRetry?(model: string, retry: RetryRecord): void;
}

export interface OllamaBackendOptions {
  hooks?: OllamaBackendHooks;
  retry?: RetryPolicy;
  /** Default per-call timeout (ms). */
  timeoutMs?: number;
  /** How often a down host is polled (ms), while something needs it. */
  pollMs?: number;
  /** How long nothing must have needed a host before it may be dropped to make room (ms). */
  hostIdleMs?: number;
}

export function ollamaModelName(model: string): string {
  return model.startsWith('ollama:') ? model.slice('ollama:'.length) : model;
}

export class OllamaBackend implements ModelBackend {
  readonly kind = 'ollama';
  private readonly hosts: HostRegistry;
  private readonly warm = new Map<string, Promise<void>>();
  private readonly retry: RetryPolicy;
  private readonly jitter = new Jitter();

  constructor(private readonly options: OllamaBackendOptions = {}) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.hosts = new HostRegistry({
      onStatus: (state) => this.options.hooks?.onHostStatus?.(state),
      onDrop: (url) => {
        for (const key of this.warm.keys()) if (key.startsWith(`${url}|`)) this.warm.delete(key);
      },
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      ...(options.hostIdleMs !== undefined ? { idleMs: options.hostIdleMs } : {}),
    });
  }

  /** Keeps a host for experiments (or resizes its slot queue). Throws BackendError past the host limit. */
  configureHost(url: string, slots = 1): OllamaHost {
    const existing = this.hosts.get(url);
    if (existing) {
      existing.queue.resize(slots);
      return existing;
    }
    return this.hosts.keep(url, slots);
  }

  /** The default host, kept: it is always listed, whatever experiments use. */
  defaultHost(): OllamaHost {
    return this.hosts.keep(defaultHostUrl());
  }

  /** The hosts kept for experiments, and the default host once asked for. */
  hostStates(): HostState[] {
    return this.hosts.all().map((h) => h.state());
  }

  /**
   * The kept host at `url`, or else a transient one that is not kept: for
   * looking at a host (check, list, pull, delete, calibrate) without adding
   * it to the lab's hosts.
   */
  host(url: string): OllamaHost {
    return this.hosts.peek(url);
  }

  async check(model: string, route?: CallRoute): Promise<void> {
    const name = ollamaModelName(model);
    const hosts = this.routeHosts(route);
    const reachable: OllamaHost[] = [];
    for (const host of hosts) if (await host.refresh()) reachable.push(host);
    if (reachable.length === 0) {
      throw new BackendError(
        `Ollama is not answering at ${hosts.map((h) => h.url).join(', ')}. Start it (the Ollama app, or "ollama serve"), or set the host in the spec's "hosts" or OLLAMA_HOST.`,
        'unavailable',
      );
    }
    if (!reachable.some((h) => h.hasModel(name))) {
      throw new BackendError(
        `Model "${name}" is not installed on ${reachable.map((h) => h.url).join(', ')}. Pull it first: npm run lab -- pull ${name} (or in the Models view).`,
        'unknown_model',
        { model: name, host: reachable[0]!.url },
      );
    }
  }

  async call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    // Every host the call may go to is in use until it ends: one that is down is polled meanwhile, and none is dropped.
    const releases = this.routeHosts(request.route).map((host) => host.use());
    try {
      return await this.callOnRoute(request, signal);
    } finally {
      for (const release of releases) release();
    }
  }

  private async callOnRoute(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    const name = ollamaModelName(request.model);
    const retries: RetryRecord[] = [];
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw abortError();
      const host = await this.pickHost(name, request.route, signal);
      try {
        await this.ensureWarm(host, name, request, signal);
        const queuedAt = performance.now();
        const waitSignal = request.queueSignal ? AbortSignal.any([signal, request.queueSignal]) : signal;
        const result = await host.queue.run(
          () => {
            request.onStart?.();
            return this.chatOnce(host, name, request, signal, performance.now() - queuedAt);
          },
          waitSignal,
          request.priority,
        );
        return { ...result, retries };
      } catch (error) {
        if (signal.aborted) throw abortError();
        if (error instanceof BackendError) throw error;
        const failure = classifyFailure(error);
        if (failure.kind === 'permanent') {
          const hint = failure.status === 404 ? ` Pull it first: npm run lab -- pull ${name}.` : '';
          throw new BackendError(`${host.url} refused the call (HTTP ${failure.status}): ${failure.message}.${hint}`, failure.status === 404 ? 'unknown_model' : 'bad_request');
        }
        const delayMs = failure.kind === 'host_down' ? 0 : backoffDelayMs(this.retry, attempt, this.jitter.next());
        const record: RetryRecord = { attempt, host: host.url, atMs: Date.now(), status: failure.status, error: failure.message, delayMs };
        retries.push(record);
        this.options.hooks?.onRetry?.(request.model, record);
        if (failure.kind === 'host_down') {
          // Not counted against the retry budget: a host that is down pauses its work rather than failing it.
          host.markDown(failure.message);
          attempt--;
          continue;
        }
        if (attempt >= this.retry.maxAttempts) {
          throw new BackendError(`Gave up on ${name} at ${host.url} after ${attempt} attempts; last error: ${failure.message}`, 'server_error');
        }
        await sleep(delayMs, signal);
      }
    }
  }

  /** The slots of the route's hosts: what the scheduler admits trials against. */
  capacity(_model: string, route?: CallRoute): Capacity {
    const queues = () => this.routeHosts(route).map((h) => h.queue);
    return {
      free: () => queues().reduce((sum, q) => sum + q.free(), 0),
      waiting: () => queues().reduce((sum, q) => sum + q.stats().waiting, 0),
      onChange: (listener) => {
        const stops = queues().map((q) => q.onChange(listener));
        return () => stops.forEach((stop) => stop());
      },
    };
  }

  /** The route's hosts, kept: calls on one host share its queue, status and model list. */
  private routeHosts(route: CallRoute | undefined): OllamaHost[] {
    const urls = route?.hosts && route.hosts.length > 0 ? route.hosts : [defaultHostUrl()];
    return urls.map((url) => this.hosts.keep(url));
  }

  /** The least busy host (per slot) that has the model; waits while every candidate is down. */
  private async pickHost(name: string, route: CallRoute | undefined, signal: AbortSignal): Promise<OllamaHost> {
    const all = this.routeHosts(route);
    const candidates = all.filter((h) => h.hasModel(name));
    const pool = candidates.length > 0 ? candidates : all;
    for (;;) {
      const up = pool.filter((h) => !h.isDown());
      if (up.length > 0) {
        const load = (h: OllamaHost) => {
          const s = h.queue.stats();
          return (s.busy + s.waiting) / s.slots;
        };
        return up.reduce((best, h) => (load(h) < load(best) ? h : best));
      }
      // The first host back ends every wait, so the others stop counting as needed by this call.
      const waits = new AbortController();
      try {
        await Promise.race(pool.map((h) => h.waitUntilUp(AbortSignal.any([signal, waits.signal]))));
      } finally {
        waits.abort();
      }
      if (signal.aborted) throw abortError();
    }
  }

  /** One load per model, host and context size before measured calls; concurrent callers share it. */
  private ensureWarm(host: OllamaHost, name: string, request: CallRequest, signal: AbortSignal): Promise<void> {
    const key = `${host.url}|${name}|${request.options?.numCtx ?? ''}`;
    let warming = this.warm.get(key);
    if (!warming) {
      warming = host.queue.run(async () => {
        const started = Date.now();
        const reply = (await host.client(signal).chat({
          model: name,
          messages: [],
          ...(request.options?.keepAlive !== undefined ? { keep_alive: request.options.keepAlive } : {}),
          ...(request.options?.numCtx !== undefined ? { options: { num_ctx: request.options.numCtx } } : {}),
        })) as ChatResponse;
        const loadMs = (reply.load_duration ?? 0) / NS_PER_MS || Date.now() - started;
        this.options.hooks?.onModelLoad?.({ ...(request.experimentId ? { experimentId: request.experimentId } : {}), host: host.url, model: name, loadMs, kind: 'warmup', atMs: started });
      }, signal);
      this.warm.set(key, warming);
      warming.catch(() => this.warm.delete(key));
    }
    return warming;
  }

  private async chatOnce(host: OllamaHost, name: string, request: CallRequest, signal: AbortSignal, clientQueueMs: number): Promise<CallResult> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? 600_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const callSignal = AbortSignal.any([signal, timeout]);
    const options = request.options ?? {};
    try {
      const stream = await host.client(callSignal).chat({
        model: name,
        messages: request.messages as Message[],
        stream: true,
        ...(options.keepAlive !== undefined ? { keep_alive: options.keepAlive } : {}),
        options: {
          temperature: request.temperature,
          seed: request.seed,
          num_predict: request.maxTokens,
          ...(options.topP !== undefined ? { top_p: options.topP } : {}),
          ...(options.numCtx !== undefined ? { num_ctx: options.numCtx } : {}),
          ...(options.stop !== undefined ? { stop: options.stop } : {}),
        },
      });
      let text = '';
      let final: ChatResponse | null = null;
      for await (const chunk of stream) {
        const piece = chunk.message?.content ?? '';
        if (piece) {
          text += piece;
          request.onDelta?.(piece);
        }
        if (chunk.done) final = chunk;
      }
      if (!final) throw new Error('The stream ended before the final chunk');
      return this.toResult(host, name, request, text, final, clientQueueMs);
    } catch (error) {
      if (timeout.aborted && !signal.aborted) {
        throw new BackendError(`${name} at ${host.url} did not finish within ${Math.round(timeoutMs / 1000)} s; the request was aborted. Raise agents.timeoutSeconds if the model needs longer.`, 'timeout');
      }
      throw error;
    }
  }

  private toResult(host: OllamaHost, name: string, request: CallRequest, text: string, final: ChatResponse, clientQueueMs: number): CallResult {
    const ms = (ns: number | undefined) => (ns ?? 0) / NS_PER_MS;
    const loadMs = ms(final.load_duration);
    const promptMs = ms(final.prompt_eval_duration);
    const genMs = ms(final.eval_duration);
    // Waiting for a free parallel slot shows up only in total_duration.
    const serverQueueMs = Math.max(0, ms(final.total_duration) - loadMs - promptMs - genMs);
    if (loadMs >= RELOAD_THRESHOLD_MS) this.options.hooks?.onModelLoad?.({ ...(request.experimentId ? { experimentId: request.experimentId } : {}), host: host.url, model: name, loadMs, kind: 'reload', atMs: Date.now() });
    const doneReason: DoneReason = final.done_reason === 'length' ? 'length' : 'stop';
    return {
      text,
      tokensIn: final.prompt_eval_count ?? 0,
      tokensOut: final.eval_count ?? 0,
      queueMs: clientQueueMs + serverQueueMs,
      loadMs,
      promptMs,
      genMs,
      host: host.url,
      doneReason,
      simulated: false,
    };
  }
}
