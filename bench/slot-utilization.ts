/**
 * Slot utilization: N independent calls through Quorum's Ollama backend to
 * the Ollama-protocol test server with S parallel slots and a fixed service
 * time t. The ideal is N·t/S; t is measured in this run as the time of one
 * call on the idle server. Prints measured time over ideal and the
 * utilization (ideal/measured). Target: utilization ≥ 0.95.
 *
 *   npm run bench:slots            (N=48, S=4)
 *   npm run bench:slots -- 96 8
 */
import { OllamaBackend } from '../electron/core/backends/ollama/ollama-backend';
import type { CallRequest } from '../electron/core/backends/types';
import { startOllamaTestServer } from '../tests/fixtures/ollama';

const calls = Number(process.argv[2] ?? 48);
const slots = Number(process.argv[3] ?? 4);
const TOKENS = 25;

// Every reply is long enough to be cut at TOKENS, so every call does the same work.
const server = await startOllamaTestServer({
  numParallel: slots,
  timeScale: 1,
  tokenIntervalMs: 8,
  promptTokensPerSecond: 100_000,
  coldLoadMs: 50,
  respond: () => 'word '.repeat(400),
});
const backend = new OllamaBackend();
backend.configureHost(server.url, slots);
const request = (i: number): CallRequest => ({
  model: 'ollama:llama3.2:3b',
  messages: [{ role: 'user', content: `call ${i}` }],
  temperature: 0,
  maxTokens: TOKENS,
  seed: i,
  route: { hosts: [server.url] },
});
const signal = new AbortController().signal;
await backend.check('ollama:llama3.2:3b', { hosts: [server.url] });
await backend.call(request(-1), signal); // warm-up and load, outside the timings

// Baseline: the service time of one call on an idle server (median of 5).
const singles: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  await backend.call(request(1000 + i), signal);
  singles.push(performance.now() - start);
}
singles.sort((a, b) => a - b);
const t = singles[2]!;

const start = performance.now();
await Promise.all(Array.from({ length: calls }, (_, i) => backend.call(request(i), signal)));
const measured = performance.now() - start;
const ideal = (calls * t) / slots;
await server.close();

console.log(`N=${calls} calls, S=${slots} slots, t=${t.toFixed(1)} ms per call (measured idle, median of 5)`);
console.log(`ideal N·t/S = ${ideal.toFixed(0)} ms; measured = ${measured.toFixed(0)} ms`);
console.log(`measured/ideal = ${(measured / ideal).toFixed(3)} → utilization ${(ideal / measured).toFixed(3)} (target ≥ 0.95); server peak concurrency ${server.stats.maxConcurrentByModel['llama3.2:3b']} of ${slots}`);
