/**
 * The renderer's HTTP client against a fake fetch and EventSource: it sends
 * the access token on every call and on the event stream, and turns a 401
 * into a message that says how to get a valid token.
 */
import { describe, expect, it } from 'vitest';
import { createHttpBridge, UNAUTHORIZED_MESSAGE } from '../../../renderer/src/api/http-bridge';

interface Sent {
  url: string;
  headers: Record<string, string>;
}

function fakeFetch(status: number, body: unknown) {
  const sent: Sent[] = [];
  const fetch = (url: string, init: RequestInit): Promise<Response> => {
    sent.push({ url, headers: { ...(init.headers as Record<string, string>) } });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  };
  return { sent, fetch };
}

function fakeEventSource() {
  const opened: string[] = [];
  const createEventSource = (url: string): EventSource => {
    opened.push(url);
    return { addEventListener: () => undefined, close: () => undefined } as unknown as EventSource;
  };
  return { opened, createEventSource };
}

describe('HTTP bridge client', () => {
  it('sends the token as a Bearer header on every call', async () => {
    const { sent, fetch } = fakeFetch(200, { ok: true, value: [] });
    const lab = createHttpBridge({ fetch, token: 'tok-123' });
    expect(await lab.listExperiments({})).toEqual({ ok: true, value: [] });
    await lab.getProgress({ id: 'x' });
    expect(sent.map((s) => s.url)).toEqual(['/api/listExperiments', '/api/getProgress']);
    for (const request of sent) {
      expect(request.headers.authorization).toBe('Bearer tok-123');
      expect(request.headers['content-type']).toBe('application/json');
    }
  });

  it('sends no Authorization header when it has no token', async () => {
    const { sent, fetch } = fakeFetch(200, { ok: true, value: [] });
    await createHttpBridge({ fetch, token: null }).listExperiments({});
    expect(sent[0]?.headers).not.toHaveProperty('authorization');
  });

  it('puts the token on the event stream URL, since EventSource cannot send headers', () => {
    const { opened, createEventSource } = fakeEventSource();
    const lab = createHttpBridge({ fetch: fakeFetch(200, {}).fetch, createEventSource, token: 'a+b/c=' });
    const stop = lab.subscribe(() => undefined);
    stop();
    expect(opened).toEqual(['/api/events?token=a%2Bb%2Fc%3D']);
    const { opened: plain, createEventSource: create } = fakeEventSource();
    createHttpBridge({ fetch: fakeFetch(200, {}).fetch, createEventSource: create, token: null }).subscribe(() => undefined)();
    expect(plain).toEqual(['/api/events']);
  });

  it('answers a 401 with an error that says which URL to open', async () => {
    const { fetch } = fakeFetch(401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong access token.' } });
    const result = await createHttpBridge({ fetch, token: 'stale' }).listExperiments({});
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: UNAUTHORIZED_MESSAGE } });
    expect(UNAUTHORIZED_MESSAGE).toBe(
      'This page has no valid access token for the lab. Open the URL that `npm run lab -- serve` printed (it ends in ?token=…).',
    );
  });

  it('says the same about a 401 whose body is not a LabResult', async () => {
    const { fetch } = fakeFetch(401, 'nope');
    const result = await createHttpBridge({ fetch }).getAppInfo({});
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized', message: UNAUTHORIZED_MESSAGE } });
  });
});
