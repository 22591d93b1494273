/**
 * The HTTP bridge over real HTTP: the same LabApi as the desktop app, a
 * request per method plus server-sent events, validated where it enters and
 * reachable from 127.0.0.1 only, and only by whoever holds the launch's
 * access token.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent, LabResult } from '../../../shared/contract/api';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { startHttpBridge, type HttpBridge } from '../../../electron/headless/http-bridge';

const root = join(import.meta.dirname, '..', '..', '..');
let handle: LabHandle;
let bridge: HttpBridge;
let rendererDir: string;
let dir: string;
const token = randomBytes(32).toString('base64url');
const auth = { authorization: `Bearer ${token}` };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-bridge-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quorum</title>');
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
  bridge = await startHttpBridge({ lab: handle.lab, rendererDir, port: 0, token });
});

afterAll(async () => {
  await bridge.close();
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, body: unknown, headers: Record<string, string> = auth): Promise<{ status: number; result: LabResult<T> }> {
  const response = await fetch(new URL(`api/${method}`, bridge.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, result: (await response.json()) as LabResult<T> };
}

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 and serves the renderer with a CSP', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(bridge.pageUrl).toBe(`${bridge.url}?token=${token}`);
    const response = await fetch(bridge.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('<title>Quorum</title>');
  });

  it('lists the shipped examples, quickstart first', async () => {
    const { result } = await call<{ examples: Array<{ id: string }>; problems: unknown[] }>('listExamples', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.examples[0]?.id).toBe('quickstart');
    expect(result.value.problems).toEqual([]);
  });

  it('runs an experiment and streams progress events until it completes', async () => {
    const events: LabEvent[] = [];
    const controller = new AbortController();
    const stream = await fetch(new URL('api/events', bridge.url), { headers: auth, signal: controller.signal });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as LabEvent);
        }
      }
    })();

    const spec = { name: 'bridge run', tasks: { suite: 'arithmetic', count: 30 }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }] };
    const created = await call<{ id: string }>('createExperiment', { spec, start: true });
    expect(created.result.ok).toBe(true);
    if (!created.result.ok) return;
    const id = created.result.value.id;
    await handle.lab.waitFor(id);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await pump;

    const statuses = events.filter((e) => e.type === 'experimentStatus' && e.payload.experimentId === id).map((e) => (e.type === 'experimentStatus' ? e.payload.status : ''));
    expect(statuses).toEqual(['running', 'completed']);
    const last = events.filter((e) => e.type === 'progress').at(-1);
    expect(last?.type === 'progress' && last.payload).toMatchObject({ experimentId: id, done: 60, total: 60, status: 'completed' });

    const results = await call<{ cells: Array<{ trials: number }>; accuracyBySize: unknown[] }>('getResults', { id });
    expect(results.result.ok && results.result.value.cells.map((c) => c.trials)).toEqual([30, 30]);
  });

  it('rejects a bad payload at the boundary with a message naming the field', async () => {
    const { status, result } = await call('getResults', { id: 42 });
    expect(status).toBe(400);
    expect(!result.ok && result.error).toMatchObject({ code: 'invalid_request', message: 'Bad request to getResults: id: must be a string, got 42' });
  });

  it('returns an invalid spec as an error value with its issues', async () => {
    const { status, result } = await call('createExperiment', { spec: { name: 'x' } });
    expect(status).toBe(422);
    expect(!result.ok && result.error.code).toBe('invalid_spec');
    expect(!result.ok && result.error.message).toContain('tasks: is required');
  });

  it('answers unknown methods and unknown experiments with clear errors', async () => {
    expect((await call('dropTables', {})).result).toMatchObject({ ok: false, error: { code: 'invalid_request', message: 'Unknown method "dropTables".' } });
    const missing = await call('getExperiment', { id: 'nope' });
    expect(missing.status).toBe(404);
    expect(!missing.result.ok && missing.result.error.message).toContain('No experiment with id "nope"');
  });

  it('refuses cross-origin requests, non-JSON posts and foreign Host headers', async () => {
    expect((await call('listExperiments', {}, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    const form = await fetch(new URL('api/listExperiments', bridge.url), { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const port = new URL(bridge.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { host: `attacker.example:${port}` } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

/** Status and body of a raw GET, bypassing fetch's URL normalisation (it would re-encode a bare "%"). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const port = new URL(bridge.url).port;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      // The event stream never ends on its own: the status line is all we need.
      if ((res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        return;
      }
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP bridge access token', () => {
  const unauthorized = { ok: false, error: { code: 'unauthorized' } };

  it('refuses an API call without a token with 401 and a message saying what to send', async () => {
    const { status, result } = await call('listExperiments', {}, {});
    expect(status).toBe(401);
    expect(result).toMatchObject(unauthorized);
    expect(!result.ok && result.error.message).toContain('Authorization: Bearer');
  });

  it('refuses an API call with a wrong token, or one of another length', async () => {
    const wrong = randomBytes(32).toString('base64url');
    expect(await call('listExperiments', {}, { authorization: `Bearer ${wrong}` })).toMatchObject({ status: 401, result: unauthorized });
    expect(await call('listExperiments', {}, { authorization: `Bearer ${token}x` })).toMatchObject({ status: 401, result: unauthorized });
    expect(await call('listExperiments', {}, { authorization: token })).toMatchObject({ status: 401, result: unauthorized });
  });

  it('accepts the token as a Bearer header for API calls', async () => {
    const { status, result } = await call('listExperiments', {});
    expect(status).toBe(200);
    expect(result.ok).toBe(true);
  });

  it('does not accept the token as a query parameter for API calls', async () => {
    const response = await fetch(new URL(`api/listExperiments?token=${token}`, bridge.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject(unauthorized);
  });

  it('refuses the event stream without a token or with a wrong one', async () => {
    const none = await rawGet('/api/events');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject(unauthorized);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await rawGet(`/api/events?token=${randomBytes(32).toString('base64url')}`)).status).toBe(401);
    expect((await rawGet('/api/events', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('opens the event stream with the token as a header or as ?token= (EventSource cannot set headers)', async () => {
    const header = await rawGet('/api/events', auth);
    expect(header.status).toBe(200);
    expect(header.headers['content-type']).toBe('text/event-stream');
    const query = await rawGet(`/api/events?token=${encodeURIComponent(token)}`);
    expect(query.status).toBe(200);
  });

  it('serves the renderer files without a token: they hold no data, and the page reads its token from the URL', async () => {
    const page = await rawGet(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Quorum</title>');
    expect((await rawGet('/')).status).toBe(200);
    expect((await rawGet('/assets/whatever.js')).status).toBe(200);
  });
});

describe('HTTP bridge input errors', () => {
  it('answers a malformed %-escape in a static path with 400, not 500', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js']) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(400);
      expect(response.body, path).toBe('Bad request: the path has a malformed %-escape');
    }
  });

  it('refuses a token shorter than 32 characters: a weak token would be guessable', async () => {
    await expect(startHttpBridge({ lab: handle.lab, rendererDir, port: 0, token: 'short' })).rejects.toThrow(/at least 32 characters/);
  });

  it('explains a port in use and how to pick another', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const started = startHttpBridge({ lab: handle.lab, rendererDir, port, token });
      await expect(started).rejects.toMatchObject({
        code: 'conflict',
        message: `Port ${port} is already in use (another Quorum, or another program). Stop it, or pick another port: npm run lab -- serve --port ${port + 1} (0 picks a free one).`,
      });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
