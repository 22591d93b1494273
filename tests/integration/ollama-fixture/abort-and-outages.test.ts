import { describe, expect, it } from 'vitest';
import { collect, rejectionOf, startFastServer, user } from './helpers';

const MODEL = 'llama3.2:3b';

describe('client disconnects', () => {
  it('abort() on a streamed call frees the slot at once for the next queued request', async () => {
    // 20 ms per token in real time: a reply takes most of a second unless aborted.
    const { server, client } = await startFastServer({ timeScale: 1, coldLoadMs: 5, tokenIntervalMs: 20 });
    try {
      const stream = await client.chat({ model: MODEL, messages: [user('Tell me a long story about the sea.')], stream: true });
      const queued = client.chat({ model: MODEL, messages: [user('Short one?')], options: { num_predict: 2 } });
      await server.waitUntil((stats) => stats.slotQueue[MODEL] === 1);
      let abortedAt = 0;
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of stream) {
            if (chunk.message.content) {
              abortedAt = server.now();
              stream.abort();
            }
          }
        })(),
      );
      expect(error.name).toBe('AbortError');
      await queued;
      const [first, second] = server.history;
      expect(first?.outcome).toBe('aborted');
      expect(second?.outcome).toBe('done');
      await server.waitUntil((stats) => stats.aborted === 1);
      // The aborted reply had most of a second left; the slot must not wait for it.
      expect((second?.slotAcquiredAt ?? Number.POSITIVE_INFINITY) - abortedAt).toBeLessThan(100);
      expect(first?.evalCount).toBeUndefined();
      expect(server.stats.inFlight[MODEL]).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('client.abort() cancels every stream of that client, counted as client aborts', async () => {
    const { server, client } = await startFastServer({ timeScale: 1, coldLoadMs: 5, tokenIntervalMs: 20, numParallel: 2 });
    try {
      const streams = await Promise.all([1, 2].map((n) => client.chat({ model: MODEL, messages: [user(`Story ${n}`)], stream: true })));
      client.abort();
      for (const stream of streams) expect((await rejectionOf(collect(stream))).name).toBe('AbortError');
      await server.waitUntil((stats) => stats.aborted === 2 && stats.inFlight[MODEL] === 0);
    } finally {
      await server.close();
    }
  });
});

describe('host outages', () => {
  it('kill() drops streams mid-flight and refuses connections; restart() serves again on the same URL', async () => {
    const { server, client } = await startFastServer({ timeScale: 1, coldLoadMs: 5, tokenIntervalMs: 20 });
    try {
      const url = server.url;
      const stream = await client.chat({ model: MODEL, messages: [user('Keep talking.')], stream: true });
      const reading = collect(stream);
      await server.kill();
      expect((await rejectionOf(reading)).name).not.toBe('AbortError');
      expect(await rejectionOf(client.chat({ model: MODEL, messages: [user('anyone?')] }))).toMatchObject({ message: 'fetch failed' });
      await server.restart();
      expect(server.url).toBe(url);
      const reply = await client.chat({ model: MODEL, messages: [user('back?')], options: { num_predict: 2 } });
      expect(reply.done).toBe(true);
      expect(server.stats.loads[MODEL]).toBe(2);
      expect(server.loadLog.map((load) => load.cold)).toEqual([true, true]);
      expect(server.stats.aborted).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('setDown(true) resets every connection until setDown(false)', async () => {
    const { server, client } = await startFastServer();
    try {
      await client.chat({ model: MODEL, messages: [user('up?')], options: { num_predict: 1 } });
      server.setDown(true);
      expect(await rejectionOf(client.version())).toMatchObject({ message: 'fetch failed' });
      server.setDown(false);
      expect((await client.version()).version).toMatch(/^0\.\d+\.\d+$/);
      expect(server.loadedModels()).toEqual([MODEL]);
    } finally {
      await server.close();
    }
  });
});
