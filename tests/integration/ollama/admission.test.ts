/**
 * Calls, not trials, are what a host's slots serve: with no concurrency in the
 * spec, debates whose rounds end at a barrier still fill every slot of the
 * host (and never exceed it); a cap in the spec still holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { labOnTempFile } from './helpers';

let server: OllamaTestServer;
beforeAll(async () => {
  server = await startOllamaTestServer({ timeScale: 0.02, numParallel: 16 });
});
afterAll(async () => {
  await server.close();
});

const debates = (extra: Record<string, unknown> = {}) => ({
  name: 'debates on 16 slots',
  tasks: { suite: 'arithmetic', count: 12, seed: 4 },
  agents: { model: 'ollama:llama3.2:3b', maxTokens: 120 },
  // A debate of 3 uses at most 3 slots at a time, and none while its round waits for its slowest agent.
  teams: [{ structure: 'debate', sizes: [3], rounds: 2 }],
  hosts: [{ url: server.url, slots: 16 }],
  ...extra,
});

describe('admitting trials by free slots', () => {
  it('fills every slot of the host without any concurrency in the spec, and never more', async () => {
    const lab = labOnTempFile();
    try {
      const before = server.stats.maxConcurrent;
      expect(before).toBeLessThanOrEqual(1);
      const { id } = await lab.lab.createExperiment({ spec: debates(), start: true });
      await lab.lab.waitFor(id);
      expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: 12 });
      expect(server.stats.maxConcurrent).toBe(16);
    } finally {
      await lab.close();
    }
  });

  it('keeps to a cap the spec sets: one trial at a time uses at most its own agents', async () => {
    const capped = await startOllamaTestServer({ timeScale: 0.02, numParallel: 16 });
    const lab = labOnTempFile();
    try {
      const { id } = await lab.lab.createExperiment({ spec: { ...debates(), hosts: [{ url: capped.url, slots: 16 }], concurrency: 1 }, start: true });
      await lab.lab.waitFor(id);
      expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: 12 });
      expect(capped.stats.maxConcurrent).toBe(3);
    } finally {
      await lab.close();
      await capped.close();
    }
  });
});
