/**
 * What persistence costs: sim trials per second with every call, message and
 * answer written to a real SQLite file, against the same trials with a sink
 * that keeps nothing. Both are measured in this run, alternating, so the
 * ratio holds on a noisy machine. Target: the store costs under 20%.
 *
 *   npm run bench            (default: 2,000 items × single + vote 3/5/9)
 *   npm run bench -- 500     (fewer items, for a quick look)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandCells, parseExperimentSpec } from '../shared/domain/spec';
import { BackendRegistry } from '../electron/core/backends/registry';
import { SimBackend } from '../electron/core/backends/sim';
import { planTrials } from '../electron/core/planning';
import { ExperimentRunner } from '../electron/core/scheduler/experiment-runner';
import type { TrialSink } from '../electron/core/scheduler/trial-sink';
import { LabStore } from '../electron/core/store/lab-store';
import { getTaskSuite } from '../electron/core/tasks';
import { callSettingsFor } from '../electron/core/engine/call-settings';

const items = Number(process.argv[2] ?? 2000);
const rounds = 3;
const parsed = parseExperimentSpec({
  name: 'bench',
  tasks: { suite: 'arithmetic', count: items, seed: 1 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 9] }],
  seed: 1,
  concurrency: 8,
});
if (!parsed.ok) throw new Error('bench spec is invalid');
const spec = parsed.value;
const cells = expandCells(spec);
const suite = getTaskSuite('arithmetic');
const taskItems = suite.generate({ count: items, seed: 1, difficulty: spec.tasks.difficulty });
const trials = planTrials(spec, cells);
const backends = new BackendRegistry([new SimBackend()]);
const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-'));

async function runOnce(persist: boolean, round: number): Promise<number> {
  const store = LabStore.open(join(dir, `bench-${persist ? 'on' : 'off'}-${round}.sqlite`));
  const id = `bench-${round}`;
  // Planning is the same work in both arms (trials are written before they run), so it is outside the timing.
  store.createExperiment({ id, name: 'bench', spec, source: null, cells, items: taskItems, trials });
  const pending = store.pendingTrials(id);
  const counts = store.countTrials(id);
  const nullSink: TrialSink = { saveResults() {} };
  const sink: TrialSink = persist ? { saveResults: (batch) => store.saveTrialResults(batch) } : nullSink;
  const runner = new ExperimentRunner(
    { experimentId: id, defaults: spec.agents, settings: callSettingsFor(spec), suite, cells, items: taskItems, pending, counts, concurrency: spec.concurrency },
    { sink, backends, onProgress() {}, onSettled() {} },
  );
  const start = process.hrtime.bigint();
  await runner.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  store.close();
  return pending.length / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const on: number[] = [];
const off: number[] = [];
await runOnce(false, -1); // warm-up: JIT and file cache
for (let round = 0; round < rounds; round++) {
  off.push(await runOnce(false, round));
  on.push(await runOnce(true, round));
}
rmSync(dir, { recursive: true, force: true });

const ratio = median(on) / median(off);
console.log(`trials per round: ${trials.length} (${items} items × ${cells.length} cells; ${cells.reduce((n, c) => n + c.size, 0)} calls per item)`);
console.log(`persistence off: ${median(off).toFixed(0)} trials/s (median of ${rounds})`);
console.log(`persistence on:  ${median(on).toFixed(0)} trials/s (median of ${rounds})`);
console.log(`ratio on/off: ${ratio.toFixed(3)} → the store costs ${((1 - ratio) * 100).toFixed(1)}% of throughput (target: under 20%)`);
