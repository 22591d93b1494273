/**
 * The renderer's own URL scheme, `app://quorum/…`, and the decision of which
 * file a request for it may read. The window loads from this scheme rather
 * than `file://` because a `file://` page's origin covers the whole disk (any
 * script it runs may ask for any file), whereas `app://quorum` is an origin
 * of its own that can only ever see out/renderer.
 *
 * Plain Node on purpose (no `electron` import), so the path checks run under
 * vitest; electron/main/hardening.ts hands these to `protocol`.
 */
import { statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'quorum';
/** Serialised by hand: Node's URL gives non-special schemes the opaque origin "null". */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged` (structurally Electron's
 * `Privileges`, kept free of the electron import).
 * - standard: generic URI syntax, so relative URLs (./assets/…) resolve, and a
 *   real (scheme, host) origin, which is what lets CSP 'self' match it.
 * - secure: a secure context, like https (some web APIs require one).
 * - supportFetchAPI: the renderer may fetch() its own files.
 * - corsEnabled false: no other origin may read our responses. Our own module
 *   scripts are same-origin requests, which need no CORS.
 * - bypassCSP false: the scheme obeys the page's CSP like any other.
 * - no service workers, streaming or extensions: nothing here needs them.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: false,
  allowExtensions: false,
} as const;

/** What the renderer build emits, plus the usual static types. Anything else is served opaque. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** With `nosniff`, an opaque type is never run as a script or rendered as HTML. */
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

/** What is at a path: injected so tests can describe a tree without touching the disk. */
export type FileKind = 'file' | 'directory' | 'missing';
export type FileProbe = (path: string) => FileKind;

export const probeFileSystem: FileProbe = (path) => {
  try {
    const stats = statSync(path);
    if (stats.isFile()) return 'file';
    return stats.isDirectory() ? 'directory' : 'missing';
  } catch {
    return 'missing';
  }
};

export type AppFileResult =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 400 | 404; reason: string };

function refuse(status: 400 | 404, reason: string): AppFileResult {
  return { ok: false, status, reason };
}

/**
 * The file under `rendererDir` that `requestUrl` names, or why there is none.
 * Never throws: a hostile URL must end as a status code, not as an exception
 * inside the protocol handler.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string, probe: FileProbe = probeFileSystem): AppFileResult {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'Malformed URL.');
  }
  if (url.protocol !== `${APP_SCHEME}:`) return refuse(400, `Not an ${APP_SCHEME}: URL.`);
  // Exact match: the host is the origin, and only one origin is ours.
  if (url.host !== APP_HOST) return refuse(404, `Unknown host "${url.host}".`);
  if (url.username !== '' || url.password !== '') return refuse(400, 'Credentials are not accepted.');

  // URL parsing has already removed literal and %2e dot segments; decoding can
  // still produce new separators and dots (%2f, %5c), so containment is checked
  // again on the decoded path below.
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return refuse(400, 'Malformed percent-escape in the path.');
  }
  // A NUL byte would be cut off by the OS; a backslash is a separator on Windows.
  if (path.includes('\0') || path.includes('\\')) return refuse(400, 'Forbidden character in the path.');

  const root = resolve(rendererDir);
  let file = resolve(root, path.replace(/^\/+/, ''));
  if (file !== root && !file.startsWith(root + sep)) return refuse(404, 'Outside the renderer directory.');

  let kind = probe(file);
  if (kind === 'directory') {
    file = join(file, 'index.html');
    kind = probe(file);
  }
  // No fallback to index.html for unknown paths: the renderer routes by #hash,
  // so a missing file is a genuine 404.
  if (kind !== 'file') return refuse(404, 'No such file.');
  return { ok: true, file, contentType: contentTypeFor(file) };
}

/** Headers for every app: response, errors included, so no response is ever without the CSP. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}
