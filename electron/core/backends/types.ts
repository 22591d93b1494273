/** How an agent reaches a model: the interface every backend implements. */
import type { SimModelSpec } from '../../../shared/domain/sim-spec';
import type { Intent } from '../engine/intents';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The OpenAI-compatible server an experiment's openai:NAME calls go to: its
 * spec's "openai" block. It travels with every call, so experiments on
 * different servers (or with different keys) never redirect each other.
 */
export interface OpenAiServer {
  baseUrl: string;
  /** Name of the environment variable holding the API key (never the key itself). */
  apiKeyEnv?: string;
  /** Requests the server takes at once. */
  slots?: number;
}

/** Where a call may go: for Ollama the spec's host list (or one pinned host), for openai:NAME its server, for sim:NAME the spec's own sim models. */
export interface CallRoute {
  /** Ollama hosts; absent or empty means the default host. */
  hosts?: string[];
  openai?: OpenAiServer;
  /**
   * The experiment's own sim models (its spec's `sim.models`), by name. They
   * ride on every call because another experiment may define the same name
   * differently; the sim looks names up here first, then among its presets.
   */
  sim?: Record<string, SimModelSpec>;
}

/** Ollama runner options a spec may set; sampling options never force a model reload, numCtx does. */
export interface ModelOptions {
  topP?: number;
  numCtx?: number;
  stop?: string[];
  keepAlive?: string | number;
}

export interface RetryRecord {
  attempt: number;
  host: string;
  atMs: number;
  status: number | null;
  error: string;
  /** How long the call waited before trying again. */
  delayMs: number;
}

export interface CallRequest {
  /** Full model name, e.g. "sim:default" or "ollama:llama3.2:1b". */
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** A per-call seed derived from the trial seed, so reruns draw the same numbers. */
  seed: number;
  /**
   * What the call asks for, with the item it is about. The sim reads it (it
   * has no language model to read the prompt with); real backends must ignore
   * it and read `messages`.
   */
  intent?: Intent;
  /** Which agent of the team makes the call (the sim keeps per-agent tendencies). */
  agentIndex?: number;
  route?: CallRoute;
  options?: ModelOptions;
  /** The experiment the call belongs to, so model loads it causes are attributed to it. */
  experimentId?: string;
  /** Give up on the call after this long (ms); the request in flight is aborted. */
  timeoutMs?: number;
  /** Receives the reply as it streams, piece by piece. */
  onDelta?: (text: string) => void;
  /** Lower goes first in a host's slot queue (the scheduler gives older trials lower numbers). */
  priority?: number;
  /** Withdraws the call while it still waits for a slot (a paused run); once it runs, only `signal` stops it. */
  queueSignal?: AbortSignal;
  /** Called when the call gets a slot and is sent (again after each retry). */
  onStart?: () => void;
}

/** How much of a server an experiment's calls could use right now, for admitting trials. */
export interface Capacity {
  /** Slots that would take a call now. */
  free(): number;
  /** Calls of every experiment waiting for these slots. */
  waiting(): number;
  /** Hears of every change; returns a function that stops listening. */
  onChange(listener: () => void): () => void;
}

export type DoneReason = 'stop' | 'length' | 'error' | 'cancelled';

export interface CallResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** Waiting for a free slot on the host (ms). */
  queueMs: number;
  /** Loading the model (ms); a warm model takes about 0. */
  loadMs: number;
  /** Evaluating the prompt (ms). */
  promptMs: number;
  /** Generating the reply (ms). */
  genMs: number;
  /** Which host served it, e.g. "sim" or "http://127.0.0.1:11434". */
  host: string;
  doneReason: DoneReason;
  /** True when the times were drawn from a model rather than measured. */
  simulated: boolean;
  /** Failed attempts before this result, oldest first. */
  retries?: RetryRecord[];
}

export interface ModelBackend {
  /** The prefix of the model names it serves, e.g. "sim". */
  readonly kind: string;
  /**
   * True when calls complete at once and report a drawn service time instead
   * of taking it (the sim, not in real time): the engine then orders their
   * completions by logical time rather than by arrival.
   */
  readonly virtualTime?: boolean;
  /** Throws BackendError when the model cannot be used (unknown name, host down). */
  check(model: string, route?: CallRoute): Promise<void>;
  /** Rejects with an AbortError when `signal` aborts. */
  call(request: CallRequest, signal: AbortSignal): Promise<CallResult>;
  /** The slots `model`'s calls on `route` share; none for a backend without slots (the sim). */
  capacity?(model: string, route?: CallRoute): Capacity | null;
}

export class BackendError extends Error {
  constructor(
    message: string,
    readonly code: 'unknown_model' | 'unavailable' | 'bad_request' | 'server_error' | 'timeout',
    /** For a model missing on an Ollama host: where it could be pulled. */
    readonly pullable?: { model: string; host: string },
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export function abortError(): Error {
  const error = new Error('The call was cancelled');
  error.name = 'AbortError';
  return error;
}
