/** OpenAiBackend's slot queue: never more requests in flight than slots, waiters in order, cancellable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live, rejectionOf, request, startHarness, type Harness } from './helpers';

let h: Harness;

beforeAll(async () => {
  // The server would take 8 at once: any limit it sees comes from the client.
  h = await startHarness({ slots: 8, firstTokenDelayMs: 20, tokenDelayMs: 1 }, { slots: 2 });
});
afterAll(() => h.server.close());

describe('OpenAiBackend: slots', () => {
  it('six concurrent calls with two slots never have more than two in flight', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => h.backend.call(request(`Question ${i}: what are clouds?`), live())));
    expect(h.server.stats.peakActive).toBe(2);
    expect(h.backend.server().peakBusy).toBe(2);
    expect(h.server.stats.completed).toBe(6);
    // Four of the six waited for a slot, and that wait is queueMs, not promptMs.
    const waited = results.filter((r) => r.queueMs >= 15);
    expect(waited.length).toBeGreaterThanOrEqual(4);
    for (const r of results) expect(r.promptMs).toBeGreaterThanOrEqual(15);
  });

  it('a call cancelled while queued never reaches the server', async () => {
    const before = h.server.stats.requests;
    const controller = new AbortController();
    const first = [h.backend.call(request('a'), live()), h.backend.call(request('b'), live())];
    const queued = h.backend.call(request('c'), controller.signal);
    controller.abort();
    expect((await rejectionOf(queued)).name).toBe('AbortError');
    await Promise.all(first);
    expect(h.server.stats.requests).toBe(before + 2);
  });

  it('a route that states the server\'s slots resizes its queue when checked', async () => {
    await h.backend.check('openai:test-model', { openai: { baseUrl: h.server.url, slots: 3 } });
    await Promise.all(Array.from({ length: 6 }, () => h.backend.call(request('Hello'), live())));
    expect(h.server.stats.peakActive).toBe(3);
    expect(h.backend.server()).toMatchObject({ baseUrl: h.server.url, slots: 3, busy: 0, waiting: 0 });
  });

  it('a call goes to the server its route names, and the next call without one to the default server', async () => {
    const other = await startHarness();
    try {
      const before = h.server.stats.requests;
      const routed = await h.backend.call(request('Hello', { route: { openai: { baseUrl: `${other.server.url}/`, slots: 1 } } }), live());
      expect(routed.host).toBe(other.server.url);
      expect(other.server.stats.completed).toBe(1);
      expect(h.backend.server(other.server.url)).toMatchObject({ slots: 1, busy: 0 });
      const plain = await h.backend.call(request('Hello'), live());
      expect(plain.host).toBe(h.server.url);
      expect(h.server.stats.requests).toBe(before + 1);
    } finally {
      await other.server.close();
    }
  });
});
