/**
 * Each experiment's openai:NAME calls go to the server its own spec names,
 * with its own key, however many experiments on other servers start while it
 * runs.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../fixtures/openai';
import { labOnTempFile, type LabUnderTest } from '../ollama/helpers';

let servers: OpenAiTestServer[] = [];
let lab: LabUnderTest | null = null;
const savedEnv = { ...process.env };

afterEach(async () => {
  await lab?.close();
  await Promise.all(servers.map((s) => s.close()));
  lab = null;
  servers = [];
  process.env = { ...savedEnv };
});

function spec(name: string, baseUrl: string, apiKeyEnv: string, count: number) {
  return {
    name,
    tasks: { suite: 'arithmetic', count, seed: 3, difficulty: 2 },
    agents: { model: 'openai:test-model', maxTokens: 200 },
    teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
    openai: { baseUrl, apiKeyEnv, slots: 2 },
    concurrency: 2,
  };
}

function callHosts(dbPath: string, experimentId: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare('SELECT c.host AS host FROM calls c JOIN trials t ON t.id = c.trial_id WHERE t.experiment_id = ?')
    .all(experimentId) as Array<{ host: string }>;
  db.close();
  return rows.map((r) => r.host);
}

describe('openai: one server per experiment', () => {
  it('an experiment started while another runs never moves the first one to its server or key', async () => {
    process.env.QUORUM_A_API_KEY = 'key-a';
    process.env.QUORUM_B_API_KEY = 'key-b';
    // Server 1 is slow enough that experiment A is still running when B starts; each server only takes its own key.
    const one = await startOpenAiTestServer({ apiKey: 'key-a', slots: 2, tokenDelayMs: 4 });
    const two = await startOpenAiTestServer({ apiKey: 'key-b', slots: 2 });
    servers = [one, two];
    lab = labOnTempFile();

    const a = await lab.lab.createExperiment({ spec: spec('A', one.url, 'QUORUM_A_API_KEY', 8), start: true });
    await one.waitUntil((s) => s.completed >= 2, 10_000);
    const before = await lab.lab.getProgress({ id: a.id });
    expect(before.status).toBe('running');
    expect(before.done).toBeLessThan(before.total);

    const b = await lab.lab.createExperiment({ spec: spec('B', two.url, 'QUORUM_B_API_KEY', 2), start: true });
    await lab.lab.waitFor(b.id);
    // A was still going when B finished, so its later calls were made after B was configured.
    expect((await lab.lab.getProgress({ id: a.id })).status).toBe('running');
    await lab.lab.waitFor(a.id);

    expect(await lab.lab.getProgress({ id: a.id })).toMatchObject({ status: 'completed', done: 16, failed: 0 });
    expect(await lab.lab.getProgress({ id: b.id })).toMatchObject({ status: 'completed', done: 4, failed: 0 });
    const hostsA = callHosts(lab.dbPath, a.id);
    const hostsB = callHosts(lab.dbPath, b.id);
    expect(hostsA).toHaveLength(8 * 4);
    expect(hostsB).toHaveLength(2 * 4);
    expect(new Set(hostsA)).toEqual(new Set([one.url]));
    expect(new Set(hostsB)).toEqual(new Set([two.url]));
    // On the wire: every request A made reached server 1 with key A, every request of B reached server 2 with key B.
    expect(one.received).toHaveLength(hostsA.length);
    expect(two.received).toHaveLength(hostsB.length);
    expect(new Set(one.received.map((r) => r.authorization))).toEqual(new Set(['Bearer key-a']));
    expect(new Set(two.received.map((r) => r.authorization))).toEqual(new Set(['Bearer key-b']));
  });
});
