/**
 * Sorting what went wrong with an OpenAI-compatible call into what to do
 * about it. The servers we target (vLLM, llama.cpp, LM Studio, Ollama's /v1)
 * disagree on error bodies, so reading the message is deliberately lenient.
 */
import { causeCode } from '../ollama/errors';

export type OpenAiFailureKind =
  /** The server did not answer at all (refused, reset, unreachable). */
  | 'connection'
  /** Worth another try after a pause: 429, 5xx, a stream cut short. */
  | 'transient'
  /** Retrying will not help: 4xx other than 429. */
  | 'permanent'
  | 'aborted';

export interface OpenAiFailure {
  kind: OpenAiFailureKind;
  status: number | null;
  message: string;
  /** The server's Retry-After, when it sent one (ms). */
  retryAfterMs: number | null;
}

/** A non-2xx answer, with the server's own message. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** The server answered 200, then the reply broke off (connection dropped, error event, garbled chunk). */
export class StreamBrokenError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = causeCode(cause);
    super(`The reply stream broke off: ${reason}${code ? ` (${code})` : ''}`);
    this.name = 'StreamBrokenError';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);


export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function classifyOpenAiFailure(error: unknown): OpenAiFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return { kind: 'aborted', status: null, message, retryAfterMs: null };
  }
  if (error instanceof HttpStatusError) {
    return { kind: isRetryableStatus(error.status) ? 'transient' : 'permanent', status: error.status, message, retryAfterMs: error.retryAfterMs };
  }
  // Checked before connection codes: a dropped socket after a 200 is a broken reply, not a server that is down.
  if (error instanceof StreamBrokenError) return { kind: 'transient', status: null, message, retryAfterMs: null };
  const code = causeCode(error);
  if ((code && CONNECTION_CODES.has(code)) || /fetch failed|socket hang up|other side closed/i.test(message)) {
    return { kind: 'connection', status: null, message: code ? `${message} (${code})` : message, retryAfterMs: null };
  }
  // A stream that ended without [DONE], an error event mid-stream, a garbled chunk.
  return { kind: 'transient', status: null, message, retryAfterMs: null };
}

/**
 * The message inside an error body. OpenAI and current vLLM send
 * `{"error":{"message":…}}`; older vLLM sends `{"message":…}` at the top;
 * FastAPI-based servers send `{"detail":…}`; llama.cpp sometimes a plain
 * string under "error". Anything else falls back to the raw text.
 */
export function errorBodyMessage(text: string): string {
  const trimmed = text.trim();
  try {
    const body: unknown = JSON.parse(trimmed);
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      const inner = record.error;
      if (typeof inner === 'string') return inner;
      if (inner && typeof inner === 'object' && typeof (inner as { message?: unknown }).message === 'string') {
        return (inner as { message: string }).message;
      }
      if (typeof record.message === 'string') return record.message;
      if (typeof record.detail === 'string') return record.detail;
    }
  } catch {
    // Not JSON: an HTML error page from a proxy, or plain text.
  }
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed || '(empty body)';
}

/** Retry-After as ms: OpenAI sends `retry-after-ms` and/or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, nowMs = Date.now()): number | null {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number(raw);
  if (raw.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : null;
}
