/**
 * The HTTP bridge over real HTTP: the same LabApi as the desktop app, a
 * request per method plus server-sent events, validated where it enters and
 * reachable from 127.0.0.1 only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-bridge-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quorum</title>');
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
  bridge = await startHttpBridge({ lab: handle.lab, rendererDir, port: 0 });
});

afterAll(async () => {
  await bridge.close();
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; result: LabResult<T> }> {
  const response = await fetch(new URL(`api/${method}`, bridge.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, result: (await response.json()) as LabResult<T> };
}

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 and serves the renderer with a CSP', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
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
    const stream = await fetch(new URL('api/events', bridge.url), { signal: controller.signal });
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
    expect((await call('listExperiments', {}, { origin: 'http://evil.example' })).status).toBe(403);
    const form = await fetch(new URL('api/listExperiments', bridge.url), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
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
