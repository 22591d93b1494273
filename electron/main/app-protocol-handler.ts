/**
 * Turns an app: request into a Response. This is the body of the
 * `protocol.handle` callback, kept free of the electron import so that the
 * whole request path (status codes, headers, bodies) runs under vitest with
 * Node's own Request/Response.
 */
import { readFile } from 'node:fs/promises';
import { appResponseHeaders, probeFileSystem, resolveAppFile, type FileProbe } from './app-protocol';

/** The parts of a fetch Request the handler looks at. */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

export interface AppFileAccess {
  readonly probe: FileProbe;
  readonly read: (file: string) => Promise<Uint8Array>;
}

const diskAccess: AppFileAccess = { probe: probeFileSystem, read: (file) => readFile(file) };

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...appResponseHeaders('text/plain; charset=utf-8'), ...extra } });
}

/** Never rejects: whatever goes wrong becomes a status code with the CSP attached. */
export async function respondToAppRequest(rendererDir: string, request: AppRequest, access: AppFileAccess = diskAccess): Promise<Response> {
  try {
    // The renderer only reads its own files; nothing may be posted to it.
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed.', { allow: 'GET, HEAD' });
    const resolved = resolveAppFile(rendererDir, request.url, access.probe);
    if (!resolved.ok) return textResponse(resolved.status, resolved.reason);
    let body: Uint8Array;
    try {
      body = await access.read(resolved.file);
    } catch {
      // Deleted or made unreadable between the probe and the read.
      return textResponse(404, 'No such file.');
    }
    const headers = appResponseHeaders(resolved.contentType);
    // A copy typed as a plain ArrayBuffer view, which BodyInit accepts (a Node
    // Buffer may sit on a shared pool); the renderer's files are small.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  } catch {
    return textResponse(500, 'Internal error.');
  }
}
