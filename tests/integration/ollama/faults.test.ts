/**
 * Faults on a real backend, through the lab over real HTTP against the
 * Ollama-protocol test server: a crashed agent really sends no request (and
 * the team really waits its timeout), and a straggler's delay is real time
 * before its request goes out. Each agent has a persona of its own, so the
 * server can tell whose request it got from the system prompt.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { labOnTempFile, type LabUnderTest } from './helpers';

let server: OllamaTestServer | null = null;
let lab: LabUnderTest | null = null;

afterEach(async () => {
  await lab?.close();
  await server?.close();
  lab = null;
  server = null;
});

const PERSONAS = ['A', 'B', 'C'].map((name) => `You are agent ${name}. Work step by step, then give the final answer on its own line as "Answer: <answer>".`);

/** A generation the server started: whose it was (by persona), on which item, and when (server clock, ms). */
interface Seen {
  agent: number;
  prompt: string;
  atMs: number;
}

async function startServer(): Promise<{ server: OllamaTestServer; seen: Seen[] }> {
  const seen: Seen[] = [];
  const started = await startOllamaTestServer({
    numParallel: 6,
    timeScale: 0.01,
    tokensPerSecond: 2000,
    coldLoadMs: 0,
    respond: (ctx) => {
      const system = ctx.messages.find((m) => m.role === 'system')?.content ?? '';
      const agent = PERSONAS.findIndex((p) => system.startsWith(p));
      if (agent >= 0) seen.push({ agent, prompt: ctx.lastUserText, atMs: started.now() });
      return undefined;
    },
  });
  return { server: started, seen };
}

function spec(url: string, faults: Record<string, unknown>) {
  return {
    name: 'faults on ollama',
    tasks: { suite: 'arithmetic', count: 2, seed: 6, difficulty: 2 },
    agents: { model: 'ollama:llama3.2:3b', temperature: 0.7, maxTokens: 200, timeoutSeconds: 1 },
    teams: [{ structure: 'vote', aggregate: 'plurality', agents: PERSONAS.map((persona) => ({ persona })) }],
    hosts: [{ url, slots: 6 }],
    faults,
  };
}

interface Trial {
  prompt: string;
  faulty: number;
  wallMs: number;
  calls: Array<{ agent: number; status: string; start: number; end: number }>;
}

async function trialsOf(id: string, kind: string): Promise<Trial[]> {
  const page = await lab!.lab.listTrials({ id, cellIndex: 0, offset: 0, limit: 10 });
  return Promise.all(
    page.trials.map(async (summary) => {
      const trial = await lab!.lab.getTrial({ id, trialId: summary.trialId });
      return {
        prompt: trial.item.prompt,
        faulty: trial.events.find((e) => e.kind === kind)!.agentIndex!,
        wallMs: trial.trial.wallMs!,
        calls: trial.calls.map((c) => ({ agent: c.agentIndex, status: c.status, start: c.startMs, end: c.endMs })),
      };
    }),
  );
}

describe('faults on Ollama', () => {
  it('a crashed agent sends no request, and the team really waits its timeout before deciding without it', async () => {
    const started = await startServer();
    server = started.server;
    lab = labOnTempFile();
    const { id } = await lab.lab.createExperiment({ spec: spec(server.url, { crash: 1 }), start: true });
    await lab.lab.waitFor(id);
    expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: 2, failed: 0 });

    const trials = await trialsOf(id, 'fault_crash');
    expect(trials).toHaveLength(2);
    for (const trial of trials) {
      const requests = started.seen.filter((s) => s.prompt === trial.prompt);
      expect(requests.map((r) => r.agent).sort()).toEqual([0, 1, 2].filter((a) => a !== trial.faulty));
      const crashed = trial.calls.find((c) => c.agent === trial.faulty)!;
      expect(crashed).toMatchObject({ status: 'crashed', start: 0, end: 1000 });
      expect(trial.wallMs).toBeGreaterThanOrEqual(990);
    }
    // Two trials, two live agents each: no request from a crashed agent ever reached the server.
    expect(server.history.filter((h) => h.route === 'chat' && h.preview !== '')).toHaveLength(4);
    const db = new Database(lab.dbPath, { readonly: true });
    const decided = db.prepare("SELECT COUNT(*) AS n FROM trials WHERE final_answer IS NOT NULL AND status = 'done'").get() as { n: number };
    db.close();
    expect(decided.n).toBe(2);
  }, 30_000);

  it('a straggler\'s request goes out only after its delay, in real time', async () => {
    const started = await startServer();
    server = started.server;
    lab = labOnTempFile();
    const delay = { distribution: 'fixed', meanMs: 400 };
    const { id } = await lab.lab.createExperiment({ spec: spec(server.url, { stragglers: 1, delay }), start: true });
    await lab.lab.waitFor(id);
    expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: 2, failed: 0 });

    for (const trial of await trialsOf(id, 'fault_straggler')) {
      const requests = started.seen.filter((s) => s.prompt === trial.prompt);
      expect(requests).toHaveLength(3);
      const straggler = requests.find((r) => r.agent === trial.faulty)!;
      const others = requests.filter((r) => r.agent !== trial.faulty);
      expect(straggler.atMs - Math.min(...others.map((r) => r.atMs))).toBeGreaterThanOrEqual(360);
      expect(trial.wallMs).toBeGreaterThanOrEqual(400);
      // On the trial's timeline too, its call starts 400 ms late.
      expect(trial.calls.find((c) => c.agent === trial.faulty)!.start).toBe(400);
      for (const call of trial.calls.filter((c) => c.agent !== trial.faulty)) expect(call.start).toBe(0);
    }
  }, 30_000);
});
