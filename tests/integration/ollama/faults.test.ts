/**
 * Faults on a real backend, through the lab over real HTTP against the
 * Ollama-protocol test server: a crashed agent really sends no request (and
 * the team really waits its timeout), a straggler's delay is real time
 * before its request goes out, a Byzantine agent's model is told its wrong
 * answer in every call and the others read it, and a dropped message never
 * reaches the model it was meant for. Each agent has a persona of its own, so
 * the server can tell whose request it got from the system prompt.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { labOnTempFile, type LabUnderTest } from './helpers';

let server: OllamaTestServer | null = null;
let lab: LabUnderTest | null = null;
/** The experiment `runDebate` ran. */
let debateId = '';

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

const VOTE = { structure: 'vote', aggregate: 'plurality' };

function spec(url: string, faults: Record<string, unknown>, team: Record<string, unknown> = VOTE) {
  return {
    name: 'faults on ollama',
    tasks: { suite: 'arithmetic', count: 2, seed: 6, difficulty: 2 },
    agents: { model: 'ollama:llama3.2:3b', temperature: 0.7, maxTokens: 200, timeoutSeconds: 1 },
    teams: [{ ...team, agents: PERSONAS.map((persona) => ({ persona })) }],
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

  it('a Byzantine agent\'s model is told its wrong answer in every round, and the others read it argued', async () => {
    const { requests, answers } = await runDebate({ byzantine: 1, mode: 'colluding' });
    const trials = await trialsOf(debateId, 'fault_byzantine');
    expect(trials).toHaveLength(2);
    for (const trial of trials) {
      const item = requests.filter((r) => r.item === trial.prompt);
      expect(item).toHaveLength(6);
      const adversary = item.filter((r) => r.agent === trial.faulty);
      expect(adversary).toHaveLength(2);
      const pushed = /argue convincingly that the answer is (\S+)\./.exec(adversary[0]!.system)?.[1];
      expect(pushed).toBeDefined();
      expect(pushed).not.toBe(answers.get(trial.prompt));
      // Both rounds carry the instruction; the revision also reminds it to hold its answer.
      for (const r of adversary) expect(r.system).toContain(`argue convincingly that the answer is ${pushed}.`);
      expect(adversary[1]!.lastUser).toContain(`Keep defending ${pushed}`);
      // The honest agents are never told, and in their revision they read the adversary's argument.
      for (const r of item.filter((r) => r.agent !== trial.faulty)) expect(r.system).not.toContain('adversary');
      for (const r of item.filter((r) => r.agent !== trial.faulty && r.round === 2)) expect(r.text).toContain(`Agent ${trial.faulty} answered:\nI checked this carefully.\nAnswer: ${pushed}`);
    }
    // Two honest agents outvote one adversary: every trial is still right.
    const db = new Database(lab!.dbPath, { readonly: true });
    const right = db.prepare('SELECT COUNT(*) AS n FROM trials WHERE correct = 1').get() as { n: number };
    db.close();
    expect(right.n).toBe(2);
  }, 30_000);

  it('a dropped message never reaches its receiver\'s model, and every other message does', async () => {
    const { requests } = await runDebate({ drop: 0.5 });
    const page = await lab!.lab.listTrials({ id: debateId, cellIndex: 0, offset: 0, limit: 10 });
    let lost = 0;
    for (const summary of page.trials) {
      const trial = await lab!.lab.getTrial({ id: debateId, trialId: summary.trialId });
      const drops = trial.events.filter((e) => e.kind === 'fault_drop').map((e) => {
        const [, from, to] = /from agent (\d+) to agent (\d+) was lost/.exec(e.detail) ?? [];
        return { from: Number(from), to: Number(to) };
      });
      lost += drops.length;
      for (const receiver of [0, 1, 2]) {
        const revision = requests.find((r) => r.item === trial.item.prompt && r.agent === receiver && r.round === 2);
        expect(revision).toBeDefined();
        const read = [0, 1, 2].filter((peer) => revision!.text.includes(`Agent ${peer} answered:`));
        const expected = [0, 1, 2].filter((peer) => peer !== receiver && !drops.some((d) => d.from === peer && d.to === receiver));
        expect(read).toEqual(expected);
      }
    }
    // With q = 0.5 over 12 messages, both "none lost" and "all lost" would say the drop is not applied per message.
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(12);
  }, 30_000);
});

/** A request seen by the scripted server: whose, for which item, in which of its rounds, with what it was sent. */
interface DebateRequest {
  agent: number;
  item: string;
  round: number;
  system: string;
  lastUser: string;
  /** Every message's content, joined: what the model read. */
  text: string;
}

/**
 * A three-agent debate of one revision round on the scripted server: honest
 * agents answer right, an agent told to be the adversary answers what it was
 * told. The items (and their answers) are read from the database before the
 * run starts, so the script knows what is right.
 */
async function runDebate(faults: Record<string, unknown>): Promise<{ requests: DebateRequest[]; answers: Map<string, string> }> {
  const requests: DebateRequest[] = [];
  const answers = new Map<string, string>();
  server = await startOllamaTestServer({
    numParallel: 6,
    timeScale: 0.01,
    tokensPerSecond: 4000,
    coldLoadMs: 0,
    respond: (ctx) => {
      const system = ctx.messages.find((m) => m.role === 'system')?.content ?? '';
      const agent = PERSONAS.findIndex((p) => system.startsWith(p));
      // The item's prompt opens the first user message (pieces that follow it may be joined on).
      const opening = ctx.messages.find((m) => m.role === 'user')?.content ?? '';
      const item = [...answers.keys()].find((prompt) => opening.startsWith(prompt)) ?? opening;
      const round = requests.filter((r) => r.agent === agent && r.item === item).length + 1;
      requests.push({ agent, item, round, system, lastUser: ctx.lastUserText, text: ctx.messages.map((m) => m.content).join('\n') });
      const pushed = /argue convincingly that the answer is (\S+)\./.exec(system)?.[1];
      return `I checked this carefully.\nAnswer: ${pushed ?? answers.get(item) ?? '?'}`;
    },
  });
  lab = labOnTempFile();
  const { id } = await lab.lab.createExperiment({ spec: spec(server.url, faults, { structure: 'debate', rounds: 1, topology: 'full' }), start: false });
  debateId = id;
  const db = new Database(lab.dbPath, { readonly: true });
  for (const row of db.prepare('SELECT prompt, answer FROM items WHERE experiment_id = ?').all(id) as Array<{ prompt: string; answer: string }>) answers.set(row.prompt, row.answer);
  db.close();
  await lab.lab.startExperiment({ id });
  await lab.lab.waitFor(id);
  expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: 2, failed: 0 });
  return { requests, answers };
}
