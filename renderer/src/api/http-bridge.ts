/**
 * The lab over HTTP, for a renderer served by the headless bridge in a
 * browser tab: every method is `POST /api/<method>` with the request as JSON,
 * and events arrive over one shared EventSource. The method list comes from
 * the contract, so this client can't drift from the other transports. Every
 * call carries the bridge's access token (see access-token.ts).
 */
import {
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_PARAM,
  LAB_EVENT_NAMES,
  LAB_METHOD_NAMES,
  type LabClient,
  type LabError,
  type LabEvent,
  type LabMethod,
  type LabReply,
  type LabRequest,
  type LabResult,
} from '../../../shared/contract/api';
import type { LabBridge, LabEventListener } from '../../../shared/contract/bridge';

/** The SSE event name the bridge sends every LabEvent under. */
export const SSE_EVENT_NAME = 'lab';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpBridgeOptions {
  /** Prefix for every URL; empty means the page's own origin. */
  baseUrl?: string;
  fetch?: FetchLike;
  createEventSource?: (url: string) => EventSource;
  /** The bridge's access token; null or absent sends none, and the bridge will refuse every call. */
  token?: string | null;
}

/** What a 401 means to someone looking at the page, and what to do about it. */
export const UNAUTHORIZED_MESSAGE =
  'This page has no valid access token for the lab. Open the URL that `npm run lab -- serve` printed (it ends in ?token=…).';

function unavailable(method: LabMethod, detail: string): LabError {
  return {
    code: 'unavailable',
    message:
      `Could not reach the Quorum lab (${method}: ${detail}). ` +
      'Check that the headless bridge (`npm run lab -- serve`) is still running, then try again or reload this page.',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts a parsed body only if it has the LabResult shape. */
export function asLabResult<T>(body: unknown): LabResult<T> | null {
  if (!isRecord(body)) return null;
  if (body.ok === true && 'value' in body) return { ok: true, value: body.value as T };
  if (body.ok === false && isRecord(body.error) && typeof body.error.message === 'string' && typeof body.error.code === 'string') {
    return { ok: false, error: body.error as unknown as LabError };
  }
  return null;
}

/** Accepts a parsed SSE payload only if it names a known event. */
export function asLabEvent(data: unknown): LabEvent | null {
  if (!isRecord(data) || typeof data.type !== 'string' || !isRecord(data.payload)) return null;
  if (!(LAB_EVENT_NAMES as readonly string[]).includes(data.type)) return null;
  return data as unknown as LabEvent;
}

export function createHttpBridge(options: HttpBridgeOptions = {}): LabBridge {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const openEvents = options.createEventSource ?? ((url: string) => new EventSource(url));
  const token = options.token ?? null;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  // EventSource can't send headers, so the stream takes the token in its URL.
  const eventsUrl = `${baseUrl}${HTTP_EVENTS_PATH}${token ? `?${HTTP_TOKEN_PARAM}=${encodeURIComponent(token)}` : ''}`;

  async function call<M extends LabMethod>(method: M, request: LabRequest<M>): Promise<LabResult<LabReply<M>>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${HTTP_API_PREFIX}${method}`, {
        method: 'POST',
        headers: { ...headers },
        body: JSON.stringify(request ?? {}),
      });
    } catch (error) {
      return { ok: false, error: unavailable(method, error instanceof Error ? error.message : String(error)) };
    }
    // The bridge's own 401 message is written for API clients; a page user needs to know which URL to open.
    if (response.status === 401) return { ok: false, error: { code: 'unauthorized', message: UNAUTHORIZED_MESSAGE } };
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const result = asLabResult<LabReply<M>>(body);
    if (result) return result;
    if (response.status >= 500 || response.status === 0) {
      return { ok: false, error: unavailable(method, `HTTP ${response.status} ${response.statusText}`.trim()) };
    }
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `The lab sent an unreadable reply to ${method} (HTTP ${response.status}). Reload the page; if it persists, restart the bridge.`,
      },
    };
  }

  // One EventSource shared by every subscriber, opened on the first and closed after the last.
  const listeners = new Set<LabEventListener>();
  let source: EventSource | null = null;
  let lostConnection = false;

  function dispatch(event: LabEvent): void {
    for (const listener of [...listeners]) listener(event);
  }

  function onMessage(message: MessageEvent): void {
    let data: unknown;
    try {
      data = JSON.parse(String(message.data));
    } catch {
      return;
    }
    const event = asLabEvent(data);
    if (event) dispatch(event);
  }

  function open(): void {
    const es = openEvents(eventsUrl);
    es.addEventListener(SSE_EVENT_NAME, (event: Event) => onMessage(event as MessageEvent));
    es.addEventListener('error', () => {
      lostConnection = true;
    });
    es.addEventListener('open', () => {
      // Events sent while we were disconnected are gone: ask views to reload.
      if (lostConnection) dispatch({ type: 'experimentsChanged', payload: {} });
      lostConnection = false;
    });
    source = es;
  }

  function subscribe(listener: LabEventListener): () => void {
    listeners.add(listener);
    if (!source) open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
        lostConnection = false;
      }
    };
  }

  const methods = Object.fromEntries(
    LAB_METHOD_NAMES.map((method) => [method, (request: LabRequest<typeof method>) => call(method, request)]),
  ) as unknown as LabClient;

  return { ...methods, transport: 'http', subscribe };
}
