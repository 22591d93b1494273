/**
 * The headless bridge: serves the built renderer and the LabApi over HTTP on
 * 127.0.0.1 only — a request per method (POST /api/<method>, JSON in, a
 * LabResult out) plus server-sent events (GET /api/events) — so a browser tab
 * shows the same renderer as the desktop app, on the same core. Every lab
 * request must carry the launch's access token (see bridge-auth.ts); the
 * renderer's own files don't, since they hold no data.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, HTTP_TOKEN_PARAM, type LabErrorCode, type LabResult } from '../../shared/contract/api';
import type { Lab } from '../core/lab';
import { LabFailure } from '../core/lab-errors';
import { dispatch } from '../core/transport/dispatch';
import { MIN_TOKEN_LENGTH, presentedToken, tokenMatches, unauthorized } from './bridge-auth';
import { serveStatic } from './static-files';

export { newAccessToken } from './bridge-auth';

export interface HttpBridgeOptions {
  lab: Lab;
  rendererDir: string;
  port: number;
  /** The token every lab request must present; make one per launch with newAccessToken(). */
  token: string;
}

export interface HttpBridge {
  /** Where the bridge listens, e.g. http://127.0.0.1:5174/ */
  url: string;
  /** The address to open in a browser: `url` carrying the token, e.g. http://127.0.0.1:5174/?token=… */
  pageUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const HOST = '127.0.0.1';

const STATUS_FOR_CODE: Record<LabErrorCode, number> = {
  invalid_request: 400,
  invalid_spec: 422,
  not_found: 404,
  conflict: 409,
  unsupported: 422,
  unavailable: 503,
  unauthorized: 401,
  internal: 500,
};

export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  if (options.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`The bridge's access token must have at least ${MIN_TOKEN_LENGTH} characters; make one with newAccessToken().`);
  }
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(error) } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Refuse other Host names so a web page elsewhere cannot reach the lab by DNS rebinding.
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `${HOST}:${port}` && hostHeader !== `localhost:${port}`) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden host');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      const isEventStream = url.pathname === HTTP_EVENTS_PATH && req.method === 'GET';
      const presented = presentedToken(req.headers, url, isEventStream);
      if (presented === null || !tokenMatches(presented, options.token)) {
        sendJson(res, 401, { ok: false, error: unauthorized(presented) }, { 'www-authenticate': 'Bearer realm="Quorum"' });
        return;
      }
      if (isEventStream) return openEventStream(res);
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('Use POST for lab methods');
        return;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${hostHeader}`) {
        sendJson(res, 403, { ok: false, error: { code: 'invalid_request', message: `Requests from ${origin} are not allowed.` } });
        return;
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        sendJson(res, 415, { ok: false, error: { code: 'invalid_request', message: 'Send lab requests as application/json.' } });
        return;
      }
      const method = url.pathname.slice(HTTP_API_PREFIX.length);
      const body = await readJson(req);
      const result: LabResult<unknown> = body.ok ? await dispatch(options.lab, method, body.value) : body;
      sendJson(res, result.ok ? 200 : STATUS_FOR_CODE[result.error.code], result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('Method not allowed');
      return;
    }
    serveStatic(options.rendererDir, url.pathname, req, res);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.lab.events.subscribe((event) => {
      res.write(`event: lab\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenFailure(error, options.port)));
    server.listen(options.port, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const url = `http://${HOST}:${port}/`;
  return {
    url,
    pageUrl: `${url}?${HTTP_TOKEN_PARAM}=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port that is taken or forbidden is the user's to fix: say which and how, instead of a stack. */
function listenFailure(error: NodeJS.ErrnoException, port: number): Error {
  const retry = (another: number) => `npm run lab -- serve --port ${another} (0 picks a free one).`;
  if (error.code === 'EADDRINUSE') {
    return new LabFailure('conflict', `Port ${port} is already in use (another Quorum, or another program). Stop it, or pick another port: ${retry(port < 65535 ? port + 1 : 5174)}`);
  }
  if (error.code === 'EACCES') {
    const why = port < 1024 ? ' (ports below 1024 need administrator rights)' : '';
    return new LabFailure('unavailable', `Not allowed to listen on port ${port}${why}. Pick another port: ${retry(port === 5174 ? 5175 : 5174)}`);
  }
  return error;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(text);
}

async function readJson(req: IncomingMessage): Promise<LabResult<unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return { ok: false, error: { code: 'invalid_request', message: `Request body over ${MAX_BODY_BYTES} bytes.` } };
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: { code: 'invalid_request', message: `Request body is not valid JSON: ${(error as Error).message}` } };
  }
}
