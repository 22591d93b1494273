/**
 * Who may call the lab over IPC, and where web contents may navigate. Plain
 * data in, boolean out (no electron import), so every refusal is unit-tested.
 *
 * The rule for both: one origin is ours. In production that is app://quorum
 * (see app-protocol.ts); under `npm run dev` it is the Vite dev server's.
 */
import { APP_ORIGIN } from './app-protocol';

/**
 * `scheme://host[:port]` of an absolute URL with a host, else null (file:,
 * about:, data: and opaque URLs have no origin we could trust). Computed by
 * hand because Node's URL reports the opaque origin "null" for every scheme
 * it does not know, app: included, while Chromium (with app: registered as
 * standard) gives it a real one.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** The origin the window is loaded from: the dev server's under `npm run dev`, else app://quorum. */
export function appOriginFor(devServerUrl: string | undefined): string {
  if (!devServerUrl) return APP_ORIGIN;
  const origin = originOf(devServerUrl);
  // A dev server URL without an origin would make nothing trusted; fail loudly at start instead.
  if (!origin) throw new Error(`ELECTRON_RENDERER_URL is not an absolute URL with a host: ${devServerUrl}`);
  return origin;
}

/**
 * Whether any frame of any web contents may navigate to `url`. Only within
 * our own origin (a reload, or Vite's full reload in dev); everything else,
 * https pages, file: URLs, other app: hosts, is refused. In-page (#hash)
 * navigation, which is how the renderer routes, never asks.
 */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/** The fields of Electron's WebFrameMain the trust decision reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: unknown;
  readonly detached?: boolean;
}

/**
 * Whether an IPC message comes from the main frame of our window showing our
 * own page. Frames are compared by (processId, routingId) rather than by
 * object identity, because Electron may hand out distinct WebFrameMain objects
 * for the same frame. A subframe (iframe) never qualifies, even same-origin:
 * the app has none, so one appearing is already suspicious.
 *
 * Never throws: Electron throws when a disposed frame's properties are read,
 * and a frame we cannot inspect is not trusted.
 */
export function isTrustedSender(sender: FrameLike | null | undefined, appMainFrame: FrameLike | null | undefined, appOrigin: string): boolean {
  try {
    if (!sender || !appMainFrame) return false;
    if (sender.detached === true) return false;
    if (sender.parent !== null) return false;
    if (sender.processId !== appMainFrame.processId || sender.routingId !== appMainFrame.routingId) return false;
    return originOf(sender.url) === appOrigin;
  } catch {
    return false;
  }
}
