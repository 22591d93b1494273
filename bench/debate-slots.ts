/**
 * Slot utilization for teams with barriers: debates of 8 agents over 2 rounds
 * (a barrier closes each round) through the whole lab against the Ollama test
 * server with 16 slots and replies of heavy-tailed length, so the slowest
 * agent of a round holds the barrier. The spec sets no concurrency: the lab
 * admits trials while the host has free slots and no call waiting.
 *
 * Utilization = busy slot-time (Σ generation time the server saw) over
 * slots × wall time while work remained, i.e. until the last trial started
 * (after that only the last trials' calls are left and slots go idle however
 * well they are scheduled); the whole-run figure is printed too. Beside it, the same run one
 * trial at a time (concurrency 1): a single debate can use at most 8 of 16
 * slots, and idles at every barrier. Target: ≥ 0.9 with admission.
 *
 *   npx tsx bench/debate-slots.ts            (24 items)
 *   npx tsx bench/debate-slots.ts 48
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLab } from '../electron/core/create-lab';
import { createRng, deriveSeed } from '../electron/core/util/random';
import { startOllamaTestServer, type OllamaTestServer } from '../tests/fixtures/ollama';

const items = Number(process.argv[2] ?? 24);
const SLOTS = 16;
const root = join(import.meta.dirname, '..');

/** Reply lengths from a Pareto tail (α = 1.5): most replies short, a few very long. */
function replyFor(text: string): string {
  const rng = createRng(deriveSeed('reply', text));
  const words = Math.min(160, Math.round(8 / Math.pow(1 - rng.next(), 1 / 1.5)));
  return `${'step '.repeat(words)}\nAnswer: ${rng.int(1, 99)}`;
}

interface Utilization {
  /** Until the last trial's first call started. */
  whileWorkRemains: number;
  wholeRun: number;
  wallMs: number;
  calls: number;
}

/** Busy slot-time over slots × the window's length, counting only the part of each call inside the window. */
function busyShare(calls: ReadonlyArray<{ from: number; to: number }>, start: number, end: number): number {
  const busy = calls.reduce((sum, c) => sum + Math.max(0, Math.min(c.to, end) - Math.max(c.from, start)), 0);
  return busy / (SLOTS * (end - start));
}

async function run(server: OllamaTestServer, concurrency: number | null): Promise<Utilization> {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-debate-slots-'));
  const handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
  const spec = {
    name: 'debate slots',
    tasks: { suite: 'arithmetic', count: items, seed: 3 },
    agents: { model: 'ollama:llama3.2:3b', maxTokens: 512 },
    teams: [{ structure: 'debate', sizes: [8], rounds: 2, topology: 'full', mode: 'sync' }],
    hosts: [{ url: server.url, slots: SLOTS }],
    ...(concurrency === null ? {} : { concurrency }),
  };
  const before = server.history.length;
  const { id } = await handle.lab.createExperiment({ spec, start: true });
  await handle.lab.waitFor(id);
  const progress = await handle.lab.getProgress({ id });
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  if (progress.done !== progress.total) throw new Error(`the run did not complete: ${JSON.stringify(progress)}`);

  // Measured calls only: the warm-up (an empty chat) loads the model and is not a debate's call.
  const records = server.history.slice(before).filter((r) => r.route === 'chat' && r.outcome === 'done' && r.slotAcquiredAt !== undefined && r.endedAt !== undefined && (r.evalCount ?? 0) > 0);
  const calls = records.map((r) => ({ from: r.slotAcquiredAt!, to: r.endedAt!, firstRound: !r.preview.startsWith('Agent ') }));
  const start = Math.min(...calls.map((c) => c.from));
  const end = Math.max(...calls.map((c) => c.to));
  const lastTrialStarted = Math.max(...calls.filter((c) => c.firstRound).map((c) => c.from));
  return { whileWorkRemains: busyShare(calls, start, lastTrialStarted), wholeRun: busyShare(calls, start, end), wallMs: end - start, calls: calls.length };
}

const server = await startOllamaTestServer({
  numParallel: SLOTS,
  timeScale: 1,
  tokenIntervalMs: 8,
  promptTokensPerSecond: 200_000,
  coldLoadMs: 50,
  respond: (context) => replyFor(`${context.generationNumber}:${context.lastUserText}`),
});
try {
  const admitted = await run(server, null);
  const oneAtATime = await run(server, 1);
  console.log(`debates of 8 agents × 2 rounds, ${items} items, ${admitted.calls} calls, ${SLOTS} slots, heavy-tailed replies`);
  const line = (u: Utilization) => `utilization ${u.whileWorkRemains.toFixed(3)} while work remained, ${u.wholeRun.toFixed(3)} over the whole run of ${(u.wallMs / 1000).toFixed(1)} s`;
  console.log(`admission by free slots (no concurrency in the spec): ${line(admitted)} (target ≥ 0.9)`);
  console.log(`one trial at a time (concurrency 1):                ${line(oneAtATime)}`);
} finally {
  await server.close();
}
