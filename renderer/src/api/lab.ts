/**
 * The renderer's one way to the lab. In Electron the preload exposes a
 * LabBridge as `window.lab`; in a browser tab we build the same shape over
 * fetch + EventSource. Nothing else in the renderer knows which it got.
 */
import {
  LAB_METHOD_NAMES,
  type LabClient,
  type LabMethod,
  type LabReply,
  type LabRequest,
  type LabResult,
} from '../../../shared/contract/api';
import type { LabBridge } from '../../../shared/contract/bridge';
import { takeAccessToken, type TokenPage, type TokenStore } from './access-token';
import { createHttpBridge } from './http-bridge';

let bridge: LabBridge | null = null;

export function getLab(): LabBridge {
  bridge ??= window.lab ? guardBridge(window.lab) : createHttpBridge({ token: takeAccessToken(browserPage()) });
  return bridge;
}

/** The real page for takeAccessToken; read once, when the first caller asks for the lab. */
function browserPage(): TokenPage {
  let storage: TokenStore | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage blocked by the browser's settings: the token then lasts as long as the page.
  }
  return {
    href: window.location.href,
    storage,
    replaceUrl: (url: string) => window.history.replaceState(window.history.state, '', url),
  };
}

/**
 * Errors are values in the contract, but a transport can still throw (an IPC
 * handler that crashed, a closed window). Turn any throw into an error value so
 * every caller has one path to handle.
 */
export function guardBridge(inner: LabBridge): LabBridge {
  const guard = <M extends LabMethod>(method: M) => {
    const call = inner[method] as unknown as (request: LabRequest<M>) => Promise<LabResult<LabReply<M>>>;
    return async (request: LabRequest<M>): Promise<LabResult<LabReply<M>>> => {
      try {
        return await call(request);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: `The lab did not answer ${method} (${detail}). Try again; if it keeps failing, restart Quorum.`,
          },
        };
      }
    };
  };
  const methods = Object.fromEntries(LAB_METHOD_NAMES.map((method) => [method, guard(method)])) as unknown as LabClient;
  return { ...methods, transport: inner.transport, subscribe: (listener) => inner.subscribe(listener) };
}
