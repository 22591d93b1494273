import { describe, expect, it } from 'vitest';
import { SERVER_BUSY_MESSAGE } from '../../fixtures/ollama';
import { collect, rejectionOf, startFastServer, user } from './helpers';

const MODEL = 'llama3.2:3b';

describe('slots and queueing', () => {
  it('never runs more than numParallel generations, serves the rest in FIFO order, and counts the wait only in total_duration', async () => {
    const { server, client } = await startFastServer({ numParallel: 2, tokenIntervalMs: 150 });
    try {
      await client.chat({ model: MODEL, messages: [] });
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) => client.chat({ model: MODEL, messages: [user(`Request ${i}: what is a comet?`)] })),
      );
      const stats = server.stats;
      expect(stats.maxConcurrentByModel[MODEL]).toBe(2);
      expect(stats.maxConcurrent).toBe(2);
      expect(stats.inFlight[MODEL]).toBe(0);
      const chats = server.history.filter((record) => record.outcome === 'done');
      const slotOrder = [...chats].sort((a, b) => (a.slotAcquiredAt ?? 0) - (b.slotAcquiredAt ?? 0)).map((r) => r.id);
      expect(slotOrder).toEqual(chats.map((record) => record.id));
      // Slot waits (the last four requests) show up in total_duration and nowhere else.
      const queued = chats.filter((record) => (record.slotAcquiredAt ?? 0) - (record.runnerAssignedAt ?? 0) > 20);
      expect(queued).toHaveLength(4);
      for (const [i, reply] of replies.entries()) {
        const record = chats.find((candidate) => candidate.preview.startsWith(`Request ${i}:`));
        const slotWaitNs = ((record?.slotAcquiredAt ?? 0) - (record?.runnerAssignedAt ?? 0)) * 1e6;
        const unexplained = reply.total_duration - (reply.load_duration + reply.prompt_eval_duration + reply.eval_duration);
        expect(unexplained).toBeGreaterThanOrEqual(slotWaitNs * 0.9);
        if (slotWaitNs > 20e6) expect(reply.load_duration).toBeLessThan(slotWaitNs);
      }
    } finally {
      await server.close();
    }
  });

  it('evicts the least recently used model when maxLoadedModels is reached, and counts every load', async () => {
    const { server, client } = await startFastServer({ maxLoadedModels: 1 });
    try {
      await client.chat({ model: MODEL, messages: [user('One?')] });
      await client.chat({ model: 'gemma3:1b', messages: [user('Two?')] });
      await client.chat({ model: MODEL, messages: [user('Three?')] });
      const stats = server.stats;
      expect(stats.loads).toEqual({ [MODEL]: 2, 'gemma3:1b': 1 });
      expect(stats.unloads).toEqual({ [MODEL]: 1, 'gemma3:1b': 1 });
      expect(server.loadLog.map((load) => load.cold)).toEqual([true, true, false]);
      expect(server.loadedModels()).toEqual([MODEL]);
    } finally {
      await server.close();
    }
  });

  it('waits for the evicted model to finish its in-flight request, and charges that to load_duration', async () => {
    const { server, client } = await startFastServer({ maxLoadedModels: 1, tokenIntervalMs: 1_000 });
    try {
      const first = client.chat({ model: MODEL, messages: [user('A long answer about oceans please.')], options: { num_predict: 20 } });
      await server.waitUntil((stats) => stats.inFlight[MODEL] === 1);
      const second = await client.chat({ model: 'gemma3:1b', messages: [user('Hi?')], options: { num_predict: 1 } });
      const firstEnd = server.history[0]?.endedAt ?? Number.POSITIVE_INFINITY;
      expect(server.loadLog[1]?.startedAt).toBeGreaterThanOrEqual(firstEnd);
      expect(second.load_duration).toBeGreaterThan(((await first).eval_duration * 0.5));
    } finally {
      await server.close();
    }
  });

  it('reloads when num_ctx changes, and /api/ps shows the new context length', async () => {
    const { server, client } = await startFastServer();
    try {
      await client.chat({ model: MODEL, messages: [user('x?')], options: { num_ctx: 2048 } });
      await client.chat({ model: MODEL, messages: [user('y?')], options: { num_ctx: 2048, temperature: 0.1 } });
      await client.chat({ model: MODEL, messages: [user('z?')], options: { num_ctx: 8192 } });
      expect(server.stats.loads[MODEL]).toBe(2);
      expect(server.stats.unloads[MODEL]).toBe(1);
      const ps = await client.ps();
      expect(ps.models.map((model) => [model.name, (model as unknown as { context_length: number }).context_length])).toEqual([[MODEL, 8192]]);
    } finally {
      await server.close();
    }
  });

  it('answers 503 with the exact text once the load queue is full', async () => {
    const { server, client } = await startFastServer({ maxQueue: 2, coldLoadMs: 25_000 });
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => client.chat({ model: MODEL, messages: [user('Queue me')], options: { num_predict: 2 } })),
      );
      const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
      expect(rejected).toHaveLength(2);
      for (const outcome of rejected) {
        expect(outcome.reason).toMatchObject({ name: 'ResponseError', status_code: 503, message: SERVER_BUSY_MESSAGE });
      }
      expect(server.stats.rejected503).toBe(2);
      expect(server.stats.loads[MODEL]).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('loads one model at a time, and requests waiting on a load see it in load_duration', async () => {
    const { server, client } = await startFastServer({ coldLoadMs: 5_000 });
    try {
      const replies = await Promise.all(
        ['gemma3:1b', MODEL, 'qwen3:4b'].map((model) => client.chat({ model, messages: [user('hi')], options: { num_predict: 1 } })),
      );
      const loads = [...server.loadLog].sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < loads.length; i++) expect(loads[i]?.startedAt).toBeGreaterThanOrEqual(loads[i - 1]?.readyAt ?? 0);
      const loadDurations = replies.map((reply) => reply.load_duration).sort((a, b) => a - b);
      expect(loadDurations[2]).toBeGreaterThan(2.5 * 50e6);
    } finally {
      await server.close();
    }
  });

  it('can make seeded output drift when generations share the runner (jitter mode)', async () => {
    const { server, client } = await startFastServer({ numParallel: 4, jitter: { outputUnderParallelLoad: true } });
    try {
      const ask = (): Promise<string> =>
        client.chat({ model: MODEL, messages: [user('What is 37 * 41 - 12?')], options: { seed: 3 } }).then((r) => r.message.content);
      const alone = await ask();
      expect(await ask()).toBe(alone);
      const together = await Promise.all([ask(), ask(), ask(), ask()]);
      expect(together.some((text) => text !== alone)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('never 503s a flood of requests for a model that is already loaded', async () => {
    const { server, client } = await startFastServer({ maxQueue: 1, tokensPerSecond: 5_000 });
    try {
      await client.chat({ model: MODEL, messages: [] });
      await Promise.all(Array.from({ length: 8 }, () => client.chat({ model: MODEL, messages: [user('Go')], options: { num_predict: 3 } })));
      expect(server.stats.rejected503).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('keep_alive', () => {
  it('rejects the string "-1", keeps -1 forever, unloads after a short duration, and sorts /api/ps by expiry', async () => {
    const { server, client } = await startFastServer();
    try {
      const error = await rejectionOf(client.chat({ model: MODEL, messages: [user('hi')], keep_alive: '-1' }));
      expect(error).toMatchObject({ status_code: 400, message: 'time: missing unit in duration "-1"' });
      await client.chat({ model: 'gemma3:1b', messages: [], keep_alive: '10m' });
      await client.chat({ model: MODEL, messages: [], keep_alive: -1 });
      const ps = await client.ps();
      expect(ps.models.map((model) => model.name)).toEqual([MODEL, 'gemma3:1b']);
      expect(new Date(ps.models[0]?.expires_at ?? 0).getUTCFullYear()).toBeGreaterThan(2200);
      const expiresIn = new Date(ps.models[1]?.expires_at ?? 0).getTime() - Date.now();
      expect(expiresIn).toBeGreaterThan(9 * 60_000);
      expect(expiresIn).toBeLessThanOrEqual(10 * 60_000);

      await collect(await client.chat({ model: 'qwen3:4b', messages: [user('brief')], keep_alive: '60ms', stream: true }));
      expect(server.loadedModels()).toContain('qwen3:4b');
      await server.waitUntil((stats) => stats.unloads['qwen3:4b'] === 1, 2_000);
      await client.chat({ model: 'qwen3:4b', messages: [user('brief')], keep_alive: 0, options: { num_predict: 1 } });
      expect(server.loadedModels()).not.toContain('qwen3:4b');
    } finally {
      await server.close();
    }
  });
});
