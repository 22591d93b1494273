/**
 * Cancel frees the server's slots; a host that dies mid-run pauses its work
 * and resumes when it is back, with nothing lost or duplicated.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { arithmeticSpec, labOnTempFile, type LabUnderTest } from './helpers';

let server: OllamaTestServer | null = null;
let lab: LabUnderTest | null = null;

afterEach(async () => {
  await lab?.close();
  await server?.close();
  lab = null;
  server = null;
});

describe('Ollama outages and cancel', () => {
  it('cancel aborts the calls in flight and the server frees their slots', async () => {
    // Slow generation: 5 tokens/s of model time at timeScale 0.2 → about 1 s per reply.
    server = await startOllamaTestServer({ numParallel: 2, timeScale: 0.2, tokensPerSecond: 5 });
    lab = labOnTempFile();
    const { id } = await lab.lab.createExperiment({ spec: arithmeticSpec('ollama:llama3.2:3b', server.url, 2), start: true });
    await server.waitUntil((s) => (s.inFlight['llama3.2:3b'] ?? 0) === 2, 10_000);
    const progress = await lab.lab.cancelExperiment({ id });
    expect(progress.status).toBe('cancelled');
    await server.waitUntil((s) => (s.inFlight['llama3.2:3b'] ?? 0) === 0 && s.aborted >= 2, 5_000);
    expect(server.stats.aborted).toBeGreaterThanOrEqual(2);
    const counts = lab.store.countTrials(id);
    expect(counts.done + counts.planned).toBe(counts.total); // nothing half-written, nothing marked failed
  });

  it('pauses work while the host is down, shows it, and finishes when it is back', async () => {
    server = await startOllamaTestServer({ numParallel: 1, timeScale: 0.05, tokensPerSecond: 200 });
    lab = labOnTempFile();
    const spec = arithmeticSpec('ollama:llama3.2:3b', server.url, 1, { tasks: { suite: 'arithmetic', count: 6, seed: 4, difficulty: 2 } });
    const { id } = await lab.lab.createExperiment({ spec, start: true });
    await server.waitUntil((s) => (s.requests['POST /api/chat'] ?? 0) >= 4, 10_000);
    await server.kill();
    const down = await waitForEvent(lab, (e) => e.type === 'hostStatus' && e.payload.status === 'down', 10_000);
    expect(down).toBe(true);
    // While it is down, nothing turns into a failure.
    await new Promise((r) => setTimeout(r, 500));
    expect(lab.store.countTrials(id).failed).toBe(0);
    await server.restart();
    await lab.lab.waitFor(id);
    const progress = await lab.lab.getProgress({ id });
    expect(progress).toMatchObject({ status: 'completed', failed: 0, done: 6 * 2 });
    expect(lab.events.some((e) => e.type === 'hostStatus' && e.payload.status === 'up')).toBe(true);

    const db = new Database(lab.dbPath, { readonly: true });
    const dup = db.prepare('SELECT count(*) AS n FROM (SELECT trial_id, seq FROM calls GROUP BY 1, 2 HAVING count(*) > 1)').get() as { n: number };
    const retries = db.prepare('SELECT count(*) AS n FROM call_retries').get() as { n: number };
    db.close();
    expect(dup.n).toBe(0);
    expect(retries.n).toBeGreaterThan(0);
  }, 60_000);
});

async function waitForEvent(lab: LabUnderTest, predicate: (e: LabUnderTest['events'][number]) => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (lab.events.some(predicate)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
