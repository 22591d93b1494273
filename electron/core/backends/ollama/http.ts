/**
 * The fetch every Ollama and OpenAI-compatible call goes through. Node's
 * built-in fetch gives up on a response whose headers take more than 300 s,
 * and a cold load of a large model (or a long queue) can take longer before
 * Ollama sends its first byte. An undici Agent without header or body
 * timeouts removes that limit; our own per-call timeout and cancel (an
 * AbortSignal on every request) decide when to give up instead.
 */
import { Agent, fetch as undiciFetch } from 'undici';

const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 10_000 });

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A fetch with no header timeout whose every request also aborts with `signal`. */
export function fetchWithSignal(signal: AbortSignal | undefined): FetchLike {
  return (input, init) => {
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    const merged = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const url = input instanceof Request ? input.url : input;
    return undiciFetch(url, { ...(init as object), dispatcher, ...(merged ? { signal: merged } : {}) } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
  };
}
