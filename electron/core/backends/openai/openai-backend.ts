/**
 * `openai:NAME` models on any OpenAI-compatible server (vLLM, llama.cpp's
 * llama-server, LM Studio, Ollama's /v1). Every call waits for a slot in the
 * server's queue (never more requests in flight than the server was given
 * slots), streams its reply over SSE, and can be cancelled or timed out with
 * the request really aborted. 429, 5xx, dropped connections and cut streams
 * are retried with exponential backoff and recorded; other 4xx fail at once.
 *
 * These servers report no timings of their own in a portable way, so every
 * time here is measured by the client: queueMs is our slot wait, promptMs the
 * time to first token, genMs first token to end, and loadMs is always 0 (a
 * model is loaded when the server starts, and we cannot see reloads).
 *
 * The server comes with each call (`route.openai`, the experiment's spec), so
 * experiments on different servers run side by side, each with its own key;
 * calls to one server share one slot queue, keyed by its normalized URL.
 */
import { Jitter } from '../../scheduler/jitter';
import { backoffDelayMs, DEFAULT_RETRY, sleep, type RetryPolicy } from '../../scheduler/retry-policy';
import { SlotQueue, type SlotQueueStats } from '../../scheduler/slot-queue';
import { fetchWithSignal } from '../ollama/http';
import { abortError, BackendError, type Capacity, type CallRequest, type CallResult, type CallRoute, type ModelBackend, type OpenAiServer, type RetryRecord } from '../types';
import { authorizationFor } from './api-key';
import { chatCompletionBody, readCompletion } from './completion';
import { classifyOpenAiFailure, errorBodyMessage, HttpStatusError, retryAfterMs, StreamBrokenError, type OpenAiFailure } from './errors';

export const DEFAULT_OPENAI_SLOTS = 4;
export const DEFAULT_OPENAI_TIMEOUT_MS = 600_000;
/** check() is a quick GET; a server that takes longer than this to list models is not ready. */
const CHECK_TIMEOUT_MS = 15_000;
const MAX_LISTED_MODELS = 10;

export interface OpenAiBackendHooks {
  onRetry?(model: string, retry: RetryRecord): void;
}

/** Where the server is; the spec's `openai` block. */
export type OpenAiServerConfig = OpenAiServer;

/**
 * `baseUrl`, `apiKeyEnv` and `slots` name a default server, for calls whose
 * route names none (direct callers, tests). The lab gives none: every call
 * of an experiment carries its own.
 */
export interface OpenAiBackendOptions extends Partial<OpenAiServer> {
  retry?: RetryPolicy;
  /** Default per-call timeout (ms) when a request sets none. */
  timeoutMs?: number;
  /** Where API keys are read from; process.env unless a test says otherwise. */
  env?: NodeJS.ProcessEnv;
  hooks?: OpenAiBackendHooks;
}

export function openAiModelName(model: string): string {
  return model.startsWith('openai:') ? model.slice('openai:'.length) : model;
}

/** Trailing slashes dropped, so `${baseUrl}/models` never has "//". */
export function normalizeBaseUrl(raw: string): string {
  const url = raw.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/i.test(url)) {
    throw new BackendError(`openai.baseUrl must be an http(s) URL such as http://127.0.0.1:8000/v1, got "${raw}"`, 'bad_request');
  }
  return url;
}

export class OpenAiBackend implements ModelBackend {
  readonly kind = 'openai';
  private readonly defaultServer: OpenAiServer | null;
  /** One queue per server URL, shared by every experiment that uses that server. */
  private readonly queues = new Map<string, SlotQueue>();
  private readonly retry: RetryPolicy;
  private readonly jitter = new Jitter();

  constructor(private readonly options: OpenAiBackendOptions = {}) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.defaultServer = options.baseUrl === undefined ? null : serverOf({ ...options, baseUrl: options.baseUrl });
    if (this.defaultServer) this.queue(this.defaultServer);
  }

  /** A server's queue, for status displays: the default server's without a URL. */
  server(baseUrl?: string): { baseUrl: string } & SlotQueueStats {
    const server = baseUrl === undefined ? this.resolve(undefined) : { baseUrl: normalizeBaseUrl(baseUrl) };
    return { baseUrl: server.baseUrl, ...this.queue(server).stats() };
  }

  /**
   * Checks that the route's server lists the model. An experiment checks
   * before it starts, so this is also where its `slots` take effect: the
   * latest experiment to start says how many requests the server takes.
   */
  async check(model: string, route?: CallRoute): Promise<void> {
    const name = openAiModelName(model);
    const server = this.resolve(route);
    const queue = this.queue(server);
    if (server.slots !== undefined && queue.stats().slots !== server.slots) queue.resize(server.slots);
    const baseUrl = server.baseUrl;
    const url = `${baseUrl}/models`;
    const headers = this.authHeaders(server);
    let response: Response;
    try {
      response = await fetchWithSignal(AbortSignal.timeout(CHECK_TIMEOUT_MS))(url, { headers });
    } catch (error) {
      const reason = classifyOpenAiFailure(error).message;
      throw new BackendError(
        `No OpenAI-compatible server is answering at ${url} (${reason}). Start it (vLLM: "vllm serve MODEL"; llama.cpp: "llama-server -m FILE"; LM Studio: start the local server) or fix "openai.baseUrl" in the spec; it usually ends in /v1.`,
        'unavailable',
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const message = errorBodyMessage(text);
      if (response.status === 401 || response.status === 403) {
        throw new BackendError(`${url} refused the API key (HTTP ${response.status}): ${message}. Check the key in ${server.apiKeyEnv ?? 'the variable named by openai.apiKeyEnv'}.`, 'bad_request');
      }
      const hint = response.status === 404 ? ' Does openai.baseUrl end in /v1?' : '';
      throw new BackendError(`${url} answered HTTP ${response.status}: ${message}.${hint}`, 'unavailable');
    }
    const ids = modelIds(text);
    if (ids === null) throw new BackendError(`${url} did not answer with a model list; is ${baseUrl} an OpenAI-compatible API?`, 'unavailable');
    if (!ids.includes(name)) {
      const shown = ids.slice(0, MAX_LISTED_MODELS).join(', ');
      const more = ids.length > MAX_LISTED_MODELS ? ` and ${ids.length - MAX_LISTED_MODELS} more` : '';
      const available = ids.length > 0 ? `Available: ${shown}${more}.` : 'The server lists no models.';
      throw new BackendError(`Model "${name}" is not served at ${baseUrl}. ${available} Use one of these ids after "openai:".`, 'unknown_model');
    }
  }

  async call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    const name = openAiModelName(request.model);
    // Fixed for the whole call, retries included: the server and key are the ones the call was made with.
    const server = this.resolve(request.route);
    const baseUrl = server.baseUrl;
    const headers = { 'content-type': 'application/json', accept: 'text/event-stream', ...this.authHeaders(server) };
    const body = JSON.stringify(chatCompletionBody(name, request));
    const retries: RetryRecord[] = [];
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw abortError();
      const queuedAt = performance.now();
      try {
        const waitSignal = request.queueSignal ? AbortSignal.any([signal, request.queueSignal]) : signal;
        const result = await this.queue(server).run(
          () => {
            request.onStart?.();
            return this.completeOnce(baseUrl, name, request, headers, body, signal, performance.now() - queuedAt);
          },
          waitSignal,
          request.priority,
        );
        return retries.length > 0 ? { ...result, retries } : result;
      } catch (error) {
        if (signal.aborted) throw abortError();
        if (error instanceof BackendError) throw error;
        const failure = classifyOpenAiFailure(error);
        if (failure.kind === 'aborted') throw abortError();
        if (failure.kind === 'permanent') throw refusal(baseUrl, name, failure, server.apiKeyEnv);
        if (attempt >= this.retry.maxAttempts) {
          const what = failure.kind === 'connection' ? `could not reach ${baseUrl}; is the server running?` : `last error: ${describe(failure)}`;
          throw new BackendError(`Gave up on ${name} at ${baseUrl} after ${attempt} attempts: ${what}`, failure.kind === 'connection' ? 'unavailable' : 'server_error');
        }
        const backoff = backoffDelayMs(this.retry, attempt, this.jitter.next());
        // Honour the server's Retry-After when it asks for longer, within our own ceiling.
        const delayMs = failure.retryAfterMs === null ? backoff : Math.max(backoff, Math.min(failure.retryAfterMs, this.retry.maxDelayMs));
        const record: RetryRecord = { attempt, host: baseUrl, atMs: Date.now(), status: failure.status, error: failure.message, delayMs };
        retries.push(record);
        this.options.hooks?.onRetry?.(request.model, record);
        try {
          await sleep(delayMs, signal);
        } catch {
          throw abortError();
        }
      }
    }
  }

  private async completeOnce(
    baseUrl: string,
    name: string,
    request: CallRequest,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
    queueMs: number,
  ): Promise<CallResult> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_OPENAI_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    // Aborted when this attempt fails any other way, so a half-read stream never keeps the server generating.
    const local = new AbortController();
    const callSignal = AbortSignal.any([signal, timeout, local.signal]);
    let complete = false;
    const sentAt = performance.now();
    try {
      const response = await fetchWithSignal(callSignal)(`${baseUrl}/chat/completions`, { method: 'POST', headers, body });
      if (!response.ok) {
        throw new HttpStatusError(response.status, errorBodyMessage(await response.text()), retryAfterMs(response.headers));
      }
      const read = await readCompletion(response, request).catch((error: unknown) => {
        throw callSignal.aborted ? error : new StreamBrokenError(error);
      });
      const endedAt = performance.now();
      const firstAt = read.firstTokenAt ?? endedAt;
      complete = true;
      return {
        text: read.text,
        tokensIn: read.tokensIn,
        tokensOut: read.tokensOut,
        queueMs,
        loadMs: 0,
        promptMs: firstAt - sentAt,
        genMs: endedAt - firstAt,
        host: baseUrl,
        doneReason: read.doneReason,
        simulated: false,
      };
    } catch (error) {
      if (timeout.aborted && !signal.aborted) {
        throw new BackendError(
          `${name} at ${baseUrl} did not finish within ${formatSeconds(timeoutMs)}; the request was aborted. Raise agents.timeoutSeconds if the model needs longer.`,
          'timeout',
        );
      }
      throw error;
    } finally {
      if (!complete) local.abort();
    }
  }

  /** The server's slots: what the scheduler admits trials against. */
  capacity(_model: string, route?: CallRoute): Capacity | null {
    let queue: SlotQueue;
    try {
      queue = this.queue(this.resolve(route));
    } catch {
      return null;
    }
    return { free: () => queue.free(), waiting: () => queue.stats().waiting, onChange: (listener) => queue.onChange(listener) };
  }

  /** The route's server, else the default one; a call with neither cannot go anywhere. */
  private resolve(route: CallRoute | undefined): OpenAiServer {
    if (route?.openai) return serverOf(route.openai);
    if (this.defaultServer) return this.defaultServer;
    throw new BackendError(
      'No OpenAI-compatible server was given for this openai:NAME model. Add an "openai" block to the spec, e.g. "openai": { "baseUrl": "http://127.0.0.1:8000/v1" }.',
      'bad_request',
    );
  }

  /** Throws before any request when the key must not be sent there, or its variable is not set. */
  private authHeaders(server: OpenAiServer): Record<string, string> {
    return authorizationFor(server, this.options.env ?? process.env);
  }

  /** The server's queue, created with the server's slots on first use. */
  private queue(server: Pick<OpenAiServer, 'baseUrl' | 'slots'>): SlotQueue {
    let queue = this.queues.get(server.baseUrl);
    if (!queue) {
      queue = new SlotQueue(server.slots ?? DEFAULT_OPENAI_SLOTS);
      this.queues.set(server.baseUrl, queue);
    }
    return queue;
  }
}

/** The server with its URL normalized, so "…/v1" and "…/v1/" share one queue. */
function serverOf(config: OpenAiServer): OpenAiServer {
  return {
    baseUrl: normalizeBaseUrl(config.baseUrl),
    ...(config.apiKeyEnv !== undefined ? { apiKeyEnv: config.apiKeyEnv } : {}),
    ...(config.slots !== undefined ? { slots: config.slots } : {}),
  };
}

function describe(failure: OpenAiFailure): string {
  return failure.status === null ? failure.message : `HTTP ${failure.status}: ${failure.message}`;
}

/** A 4xx other than 429: say what the server said, and what usually causes it. */
function refusal(baseUrl: string, name: string, failure: OpenAiFailure, apiKeyEnv: string | undefined): BackendError {
  const status = failure.status ?? 0;
  const base = `${baseUrl} refused the call to ${name} (HTTP ${status}): ${failure.message}`;
  if (status === 404) return new BackendError(`${base}. Check the model id (GET ${baseUrl}/models lists them) and that openai.baseUrl ends in /v1.`, 'unknown_model');
  if (status === 401 || status === 403) return new BackendError(`${base}. Check the API key${apiKeyEnv ? ` in ${apiKeyEnv}` : ' (set openai.apiKeyEnv)'}.`, 'bad_request');
  return new BackendError(`${base}.`, 'bad_request');
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** The ids in a GET /models answer (`{"data":[{"id":…}]}`), or null if it is not one. */
function modelIds(text: string): string[] | null {
  try {
    const body: unknown = JSON.parse(text);
    const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
    if (!Array.isArray(data)) return null;
    return data.map((entry: unknown) => (entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string');
  } catch {
    return null;
  }
}
