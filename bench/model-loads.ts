/**
 * Model loads for an experiment over 3 models on one host that holds one
 * model at a time: Quorum's order (trials of a model run together) against
 * the naive interleaved order (item by item, every model in turn). Both run
 * through the real scheduler and Ollama backend against the Ollama-protocol
 * test server, which counts the loads it performs.
 *
 *   npm run bench:loads
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandCells, parseExperimentSpec } from '../shared/domain/spec';
import { BackendRegistry } from '../electron/core/backends/registry';
import { OllamaBackend } from '../electron/core/backends/ollama/ollama-backend';
import { planTrials } from '../electron/core/planning';
import { ExperimentRunner } from '../electron/core/scheduler/experiment-runner';
import { LabStore } from '../electron/core/store/lab-store';
import type { PendingTrial } from '../electron/core/store/types';
import { getTaskSuite } from '../electron/core/tasks';
import { callSettingsFor } from '../electron/core/engine/call-settings';
import { startOllamaTestServer } from '../tests/fixtures/ollama';

const models = ['ollama:llama3.2:3b', 'ollama:gemma3:1b', 'ollama:qwen3:4b'];
const dir = mkdtempSync(join(tmpdir(), 'quorum-loads-'));

async function run(order: 'grouped' | 'interleaved'): Promise<{ loads: number; seconds: number }> {
  const server = await startOllamaTestServer({ numParallel: 2, maxLoadedModels: 1, timeScale: 0.02, coldLoadMs: 3000, warmLoadMs: 1500, tokensPerSecond: 2000 });
  const parsed = parseExperimentSpec({
    name: `loads-${order}`,
    tasks: { suite: 'arithmetic', count: 10, seed: 1, difficulty: 2 },
    agents: { models, maxTokens: 120 },
    teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
    hosts: [{ url: server.url, slots: 2 }],
    concurrency: 2,
  });
  if (!parsed.ok) throw new Error('bench spec is invalid');
  const spec = parsed.value;
  const cells = expandCells(spec);
  const suite = getTaskSuite('arithmetic');
  const items = suite.generate({ count: spec.tasks.count ?? 0, seed: 1, difficulty: 2 });
  const store = LabStore.open(join(dir, `${order}.sqlite`));
  store.createExperiment({ id: order, name: order, spec, source: null, cells, items, trials: planTrials(spec, cells) });
  let pending: PendingTrial[] = store.pendingTrials(order);
  if (order === 'interleaved') pending = [...pending].sort((a, b) => a.itemIndex - b.itemIndex || a.cellIndex - b.cellIndex);
  const ollama = new OllamaBackend();
  ollama.configureHost(server.url, 2);
  const runner = new ExperimentRunner(
    { experimentId: order, defaults: spec.agents, settings: callSettingsFor(spec, order), suite, cells, items, pending, counts: store.countTrials(order), concurrency: 2 },
    { sink: { saveResults: (b) => store.saveTrialResults(b) }, backends: new BackendRegistry([ollama]), onProgress() {}, onSettled() {} },
  );
  const start = performance.now();
  await runner.run();
  const seconds = (performance.now() - start) / 1000;
  const loads = Object.values(server.stats.loads).reduce((a, b) => a + b, 0);
  store.close();
  await server.close();
  return { loads, seconds };
}

const grouped = await run('grouped');
const naive = await run('interleaved');
rmSync(dir, { recursive: true, force: true });
console.log(`3 models × 10 items × (single + vote of 3), one model in memory at a time, 2 slots`);
console.log(`grouped (Quorum's order): ${grouped.loads} loads, ${grouped.seconds.toFixed(2)} s`);
console.log(`naive interleaved order:  ${naive.loads} loads, ${naive.seconds.toFixed(2)} s`);
console.log(`loads ratio grouped/naive = ${(grouped.loads / naive.loads).toFixed(3)}; time ratio = ${(grouped.seconds / naive.seconds).toFixed(3)}`);
