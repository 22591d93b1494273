/**
 * Whole experiments through the real ollama client over real HTTP, against
 * the Ollama-protocol test server: slots filled and never exceeded, one load
 * per model, warm-ups kept out of latency, every error path ending as designed.
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

describe('Ollama experiments', () => {
  it('fills every slot, never exceeds them, loads the model once, and records server timings', async () => {
    server = await startOllamaTestServer({ numParallel: 2, timeScale: 0.02, tokensPerSecond: 400, coldLoadMs: 1500 });
    lab = labOnTempFile();
    const { id } = await lab.lab.createExperiment({ spec: arithmeticSpec('ollama:llama3.2:3b', server.url, 2), start: true });
    await lab.lab.waitFor(id);
    const progress = await lab.lab.getProgress({ id });
    expect(progress).toMatchObject({ status: 'completed', done: 8, failed: 0 });
    expect(server.stats.maxConcurrentByModel['llama3.2:3b']).toBe(2);
    expect(server.stats.loads['llama3.2:3b']).toBe(1);

    const db = new Database(lab.dbPath, { readonly: true });
    const calls = db.prepare('SELECT host, tokens_in, tokens_out, gen_ms, load_ms, simulated, done_reason FROM calls').all() as Array<Record<string, number | string>>;
    const loads = db.prepare('SELECT kind, load_ms FROM model_loads').all() as Array<{ kind: string; load_ms: number }>;
    db.close();
    expect(calls).toHaveLength(4 * (1 + 3));
    for (const call of calls) {
      expect(call.host).toBe(server.url);
      expect(call.simulated).toBe(0);
      expect(call.tokens_out).toBeGreaterThan(0);
      expect(call.gen_ms).toBeGreaterThan(0);
    }
    // The cold load happened in the warm-up, not in a measured call.
    expect(loads.filter((l) => l.kind === 'warmup')).toHaveLength(1);
    expect(Math.max(...calls.map((c) => Number(c.load_ms)))).toBeLessThan(loads[0]!.load_ms);
    const results = await lab.lab.getResults({ id });
    expect(results.cells.map((c) => c.trials)).toEqual([4, 4]);

    // Replies stream out as they arrive; each call's last event carries its whole reply.
    const streamed = lab.events.flatMap((e) => (e.type === 'callStream' && e.payload.experimentId === id ? [e.payload] : []));
    const finished = streamed.filter((s) => s.done);
    expect(finished).toHaveLength(16);
    const db2 = new Database(lab.dbPath, { readonly: true });
    const replies = db2.prepare("SELECT content FROM messages WHERE kind = 'reply'").all() as Array<{ content: string }>;
    db2.close();
    expect(new Set(finished.map((s) => s.text))).toEqual(new Set(replies.map((r) => r.content)));
  });

  it('runs the trials of one model together, so each of three models loads once', async () => {
    server = await startOllamaTestServer({ numParallel: 1, maxLoadedModels: 1, timeScale: 0.01, tokensPerSecond: 1000 });
    lab = labOnTempFile();
    const models = ['ollama:llama3.2:3b', 'ollama:gemma3:1b', 'ollama:qwen3:4b'];
    const { id } = await lab.lab.createExperiment({ spec: arithmeticSpec(models, server.url, 1), start: true });
    await lab.lab.waitFor(id);
    expect((await lab.lab.getProgress({ id })).status).toBe('completed');
    const loads = Object.values(server.stats.loads).reduce((a, b) => a + b, 0);
    expect(loads).toBe(3);
    const counted = await lab.lab.getModelLoads({ id });
    expect(counted.reduce((n, m) => n + m.loads, 0)).toBe(3);
  });

  it('names a missing model before anything runs, with the command that pulls it', async () => {
    server = await startOllamaTestServer({ timeScale: 0.01 });
    lab = labOnTempFile();
    await expect(lab.lab.createExperiment({ spec: arithmeticSpec('ollama:mistral:7b', server.url, 1) })).rejects.toMatchObject({
      code: 'invalid_spec',
      message: expect.stringContaining('npm run lab -- pull mistral:7b'),
    });
    expect(await lab.lab.listExperiments()).toEqual([]);
    expect(server.stats.requests['POST /api/chat'] ?? 0).toBe(0);
  });

  it('says when Ollama is not running at all', async () => {
    lab = labOnTempFile();
    await expect(lab.lab.createExperiment({ spec: arithmeticSpec('ollama:llama3.2:3b', 'http://127.0.0.1:9', 1) })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Ollama is not answering at http://127.0.0.1:9'),
    });
  });

  it('marks a reply cut by maxTokens as length and never grades it as an answer', async () => {
    server = await startOllamaTestServer({ timeScale: 0.01 });
    lab = labOnTempFile();
    const spec = arithmeticSpec('ollama:llama3.2:3b', server.url, 1, { teams: [{ structure: 'single' }] });
    (spec.agents as { maxTokens: number }).maxTokens = 3;
    const { id } = await lab.lab.createExperiment({ spec, start: true });
    await lab.lab.waitFor(id);
    const db = new Database(lab.dbPath, { readonly: true });
    const reasons = db.prepare('SELECT DISTINCT done_reason FROM calls').all() as Array<{ done_reason: string }>;
    const answers = db.prepare('SELECT extracted_answer FROM agent_answers').all() as Array<{ extracted_answer: string | null }>;
    db.close();
    expect(reasons.map((r) => r.done_reason)).toEqual(['length']);
    expect(answers.every((a) => a.extracted_answer === null)).toBe(true);
  });

  it('retries a 503 and a mid-stream error with backoff, and records every retry', async () => {
    server = await startOllamaTestServer({ timeScale: 0.01 });
    lab = labOnTempFile();
    const spec = arithmeticSpec('ollama:llama3.2:3b', server.url, 1, { teams: [{ structure: 'single' }] });
    await lab.lab.createExperiment({ spec }).then(async ({ id }) => {
      server!.failNext({ kind: 'status', status: 503, message: 'server busy, please try again.  maximum pending requests exceeded' });
      await lab!.lab.startExperiment({ id });
      await lab!.lab.waitFor(id);
      expect((await lab!.lab.getProgress({ id })).status).toBe('completed');
    });
    const db = new Database(lab.dbPath, { readonly: true });
    const retries = db.prepare('SELECT status, error FROM call_retries').all() as Array<{ status: number | null; error: string }>;
    db.close();
    // One 503 from the server; every call that was waiting on the failed request records it and tries again.
    expect(server.stats.faultsFired).toBe(1);
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries.every((r) => r.status === 503)).toBe(true);
  });
});
