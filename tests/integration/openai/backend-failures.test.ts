/** OpenAiBackend when things go wrong: timeouts, cancels, retries, refusals, missing keys, check(). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiBackend } from '../../../electron/core/backends/openai';
import { BackendError } from '../../../electron/core/backends/types';
import { closedPort, FAST_RETRY, live, rejectionOf, request, startHarness, type Harness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ tokenDelayMs: 2 });
});
afterAll(() => h.server.close());
beforeEach(() => {
  h.retries.length = 0;
});

describe('OpenAiBackend: timeout and cancel', () => {
  it('a per-call timeout aborts the request, and the server sees the disconnect', async () => {
    h.server.failNext({ kind: 'stall' });
    const before = h.server.stats.aborted;
    const error = await rejectionOf(h.backend.call(request('Hello', { timeoutMs: 150 }), live()));
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(error.message).toContain('150 ms');
    await h.server.waitUntil((s) => s.aborted === before + 1 && s.active === 0);
    expect(h.retries).toHaveLength(0);
  });

  it('cancelling mid-stream rejects with AbortError and closes the connection', async () => {
    const controller = new AbortController();
    const before = h.server.stats.aborted;
    const deltas: string[] = [];
    const call = h.backend.call(
      request('Tell me a long story about mountains.', {
        onDelta: (t) => {
          deltas.push(t);
          if (deltas.length === 3) controller.abort();
        },
      }),
      controller.signal,
    );
    const error = await rejectionOf(call);
    expect(error.name).toBe('AbortError');
    await h.server.waitUntil((s) => s.aborted === before + 1 && s.active === 0);
    expect(h.server.received.at(-1)?.outcome).toBe('aborted');
  });

  it('a signal aborted before the call sends nothing', async () => {
    const before = h.server.stats.requests;
    const error = await rejectionOf(h.backend.call(request('Hello'), AbortSignal.abort()));
    expect(error.name).toBe('AbortError');
    expect(h.server.stats.requests).toBe(before);
  });
});

describe('OpenAiBackend: retries', () => {
  it('429 then success: one retry recorded and reported', async () => {
    h.server.failNext({ kind: 'status', status: 429 });
    const result = await h.backend.call(request('Hello'), live());
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.retries).toHaveLength(1);
    expect(result.retries?.[0]).toMatchObject({ attempt: 1, host: h.server.url, status: 429, error: expect.stringContaining('Rate limit') });
    expect(result.retries?.[0]?.delayMs).toBeGreaterThan(0);
    expect(h.retries).toEqual([{ model: 'openai:test-model', retry: result.retries?.[0] }]);
  });

  it('500, a cut stream and a mid-stream error event are retried too', async () => {
    h.server.failNext({ kind: 'status', status: 500 }, { kind: 'cut', afterChunks: 2 });
    const deltas: string[] = [];
    const result = await h.backend.call(request('Hello', { onDelta: (t) => deltas.push(t) }), live());
    expect(result.retries?.map((r) => r.status)).toEqual([500, null]);
    expect(result.retries?.[1]?.error).toContain('The reply stream broke off');
    // The cut attempt streamed two pieces before failing; onDelta saw them, the result does not contain them.
    expect(deltas.join('')).toBe(deltas.slice(0, 2).join('') + result.text);

    h.server.failNext({ kind: 'errorEvent', afterChunks: 1, message: 'CUDA out of memory' });
    const again = await h.backend.call(request('Hello'), live());
    expect(again.retries?.[0]?.error).toContain('CUDA out of memory');
  });

  it('honours Retry-After within the policy ceiling', async () => {
    h.server.failNext({ kind: 'status', status: 429, retryAfterSeconds: 30 });
    const result = await h.backend.call(request('Hello'), live());
    expect(result.retries?.[0]?.delayMs).toBe(FAST_RETRY.maxDelayMs);
  });

  it('gives up after maxAttempts with server_error', async () => {
    h.server.failNext(...Array.from({ length: FAST_RETRY.maxAttempts }, () => ({ kind: 'status' as const, status: 503 })));
    const error = await rejectionOf(h.backend.call(request('Hello'), live()));
    expect(error).toMatchObject({ code: 'server_error' });
    expect(error.message).toMatch(/after 3 attempts.*HTTP 503/);
    expect(h.retries).toHaveLength(FAST_RETRY.maxAttempts - 1);
  });

  it('a server that is not running: retried, then unavailable', async () => {
    const down = new OpenAiBackend({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, retry: FAST_RETRY });
    const error = await rejectionOf(down.call(request('Hello'), live()));
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toContain('is the server running?');
  });
});

describe('OpenAiBackend: refusals', () => {
  it('an unknown model fails at once with the status and the server message', async () => {
    const before = h.server.stats.requests;
    const error = await rejectionOf(h.backend.call(request('Hello', { model: 'openai:no-such-model' }), live()));
    expect(error).toMatchObject({ code: 'unknown_model' });
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain('The model `no-such-model` does not exist');
    expect(h.server.stats.requests).toBe(before + 1);
    expect(h.retries).toHaveLength(0);
  });

  it('other 4xx fail at once as bad_request', async () => {
    h.server.failNext({ kind: 'status', status: 400, message: "This model's maximum context length is 4096 tokens." });
    const error = await rejectionOf(h.backend.call(request('Hello'), live()));
    expect(error).toMatchObject({ code: 'bad_request' });
    expect(error.message).toContain("HTTP 400): This model's maximum context length is 4096 tokens.");
  });

  it('an unset API key variable fails before any request, naming the variable', async () => {
    const keyed = new OpenAiBackend({ baseUrl: h.server.url, apiKeyEnv: 'QUORUM_MISSING_API_KEY', env: {} });
    const before = h.server.stats.requests;
    const error = await rejectionOf(keyed.call(request('Hello'), live()));
    expect(error).toMatchObject({ code: 'bad_request' });
    expect(error.message).toContain('QUORUM_MISSING_API_KEY');
    expect(h.server.stats.requests).toBe(before);
    await expect(keyed.check('openai:test-model')).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('OpenAiBackend: check()', () => {
  it('passes for a listed model', async () => {
    await expect(h.backend.check('openai:tiny-chat:1b')).resolves.toBeUndefined();
  });

  it('lists up to ten available ids for an unknown model', async () => {
    const many = await startHarness({ models: Array.from({ length: 12 }, (_, i) => `m${i + 1}`) });
    try {
      const error = await rejectionOf(many.backend.check('openai:llama'));
      expect(error).toMatchObject({ code: 'unknown_model' });
      expect(error.message).toContain('Available: m1, m2, m3, m4, m5, m6, m7, m8, m9, m10 and 2 more.');
    } finally {
      await many.server.close();
    }
  });

  it('says where it looked and what to do when nothing answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const error = await rejectionOf(new OpenAiBackend({ baseUrl: url }).check('openai:x'));
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toContain(`${url}/models`);
    expect(error.message).toContain('openai.baseUrl');
  });
});
