/**
 * The lab's own cost per model call: everything but the model's time. Teams of
 * 64 sim agents (a vote, and a debate of 2 rounds in which every agent reads
 * every other) run through the whole lab path — runner, admission, engine,
 * prompts, release gate, recorder, and the store writing a real SQLite file —
 * against a bare loop making the same sim calls with the same intents and
 * prompts of the same size. Both are measured in this run, alternating.
 * Target: under 1 ms a call.
 *
 *   npx tsx bench/engine-overhead.ts          (default: 6 items per structure)
 *   npx tsx bench/engine-overhead.ts 12
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandCells, parseExperimentSpec, type ExperimentSpec } from '../shared/domain/spec';
import { BackendRegistry } from '../electron/core/backends/registry';
import { SimBackend } from '../electron/core/backends/sim';
import type { CallRequest, ChatMessage } from '../electron/core/backends/types';
import { callSettingsFor } from '../electron/core/engine/call-settings';
import type { Intent } from '../electron/core/engine/intents';
import { planTrials } from '../electron/core/planning';
import { ExperimentRunner } from '../electron/core/scheduler/experiment-runner';
import { LabStore } from '../electron/core/store/lab-store';
import { getTaskSuite } from '../electron/core/tasks';
import type { TaskItem } from '../electron/core/tasks/types';
import { deriveSeed } from '../electron/core/util/random';

const items = Number(process.argv[2] ?? 6);
const N = 64;
const ROUNDS = 2;
const rounds = 3;
const sim = new SimBackend();
const backends = new BackendRegistry([sim]);
const suite = getTaskSuite('arithmetic');
const dir = mkdtempSync(join(tmpdir(), 'quorum-engine-bench-'));
const never = new AbortController().signal;

function specFor(team: Record<string, unknown>): ExperimentSpec {
  const parsed = parseExperimentSpec({ name: 'bench', tasks: { suite: 'arithmetic', count: items, seed: 1 }, agents: { model: 'sim:default' }, teams: [team], seed: 1 });
  if (!parsed.ok) throw new Error(`bench spec is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/** The whole lab path; returns seconds and the calls made. */
async function labRun(spec: ExperimentSpec, round: number): Promise<{ seconds: number; calls: number }> {
  const store = LabStore.open(join(dir, `lab-${round}-${spec.teams[0]!.structure}.sqlite`));
  const cells = expandCells(spec);
  const taskItems = suite.generate({ count: items, seed: 1, difficulty: spec.tasks.difficulty });
  const id = `bench-${round}`;
  store.createExperiment({ id, name: 'bench', spec, source: null, cells, items: taskItems, trials: planTrials(spec, cells) });
  let calls = 0;
  const runner = new ExperimentRunner(
    { experimentId: id, defaults: spec.agents, settings: callSettingsFor(spec), suite, cells, items: taskItems, pending: store.pendingTrials(id), counts: store.countTrials(id) },
    {
      sink: {
        saveResults: (batch) => {
          for (const result of batch) if ('outcome' in result) calls += result.outcome.calls.length;
          store.saveTrialResults(batch);
        },
      },
      backends,
      onProgress() {},
      onSettled() {},
    },
  );
  const start = process.hrtime.bigint();
  await runner.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  store.close();
  return { seconds, calls };
}

function request(item: TaskItem, agent: number, intent: Intent, messages: ChatMessage[], round: number): CallRequest {
  return { model: 'sim:default', messages, temperature: 0.7, maxTokens: 512, seed: deriveSeed(1, 'call', agent, round, intent.kind, 0), intent, agentIndex: agent };
}

/** The same sim calls made directly: no runner, no engine, no store. */
async function bareRun(structure: 'vote' | 'debate'): Promise<{ seconds: number; calls: number }> {
  const taskItems = suite.generate({ count: items, seed: 1, difficulty: 3 });
  let calls = 0;
  const start = process.hrtime.bigint();
  for (const item of taskItems) {
    const base: ChatMessage[] = [{ role: 'system', content: 'You are a careful problem solver.' }, { role: 'user', content: item.prompt }];
    let replies = await Promise.all(Array.from({ length: N }, (_, a) => sim.call(request(item, a, { kind: 'solve', item }, base, 0), never)));
    calls += N;
    if (structure === 'debate') {
      for (let r = 1; r <= ROUNDS; r++) {
        const previous = replies;
        replies = await Promise.all(
          previous.map((own, a) => {
            const peers = previous.filter((_, p) => p !== a);
            const messages: ChatMessage[] = [...base, { role: 'assistant', content: own.text }, { role: 'user', content: peers.map((p, i) => `Agent ${i + 1} answered:\n${p.text}`).join('\n\n') }];
            const intent: Intent = { kind: 'revise', item, own: suite.extract(own.text), peers: peers.map((p, i) => ({ agentIndex: i, answer: suite.extract(p.text) })) };
            return sim.call(request(item, a, intent, messages, r), never);
          }),
        );
        calls += N;
      }
    }
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, calls };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const teams = {
  vote: { structure: 'vote', sizes: [N], aggregate: 'plurality' },
  debate: { structure: 'debate', sizes: [N], rounds: ROUNDS, topology: 'full' },
} as const;

for (const [name, team] of Object.entries(teams) as Array<['vote' | 'debate', Record<string, unknown>]>) {
  const spec = specFor(team);
  await labRun(spec, -1); // warm-up: JIT and file cache
  await bareRun(name);
  const lab: number[] = [];
  const bare: number[] = [];
  let calls = 0;
  for (let round = 0; round < rounds; round++) {
    const l = await labRun(spec, round);
    const b = await bareRun(name);
    calls = l.calls;
    lab.push((l.seconds / l.calls) * 1000);
    bare.push((b.seconds / b.calls) * 1000);
  }
  const overhead = median(lab) - median(bare);
  console.log(`${name} of ${N} (${calls} calls a round): lab ${median(lab).toFixed(3)} ms/call, bare sim ${median(bare).toFixed(3)} ms/call → the lab's own cost ${overhead.toFixed(3)} ms per call (target: under 1 ms)`);
}
rmSync(dir, { recursive: true, force: true });
