import type { ChatResponse, Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateExpression, type OllamaTestServer } from '../../fixtures/ollama';
import { collect, postRaw, RFC3339_NANO, startFastServer, user } from './helpers';

let server: OllamaTestServer;
let client: Ollama;

beforeAll(async () => {
  ({ server, client } = await startFastServer({
    models: [
      { name: 'llama3.2:3b', capabilities: ['completion', 'tools'], accuracy: 0.6 },
      { name: 'qwen3:4b', capabilities: ['completion', 'thinking'] },
      { name: 'sage:1b', accuracy: 1 },
    ],
  }));
});
afterAll(() => server.close());

function expectMetricsAddUp(final: ChatResponse): void {
  for (const field of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'] as const) {
    expect(Number.isInteger(final[field]), field).toBe(true);
    expect(final[field], field).toBeGreaterThan(0);
  }
  expect(final.total_duration).toBeGreaterThanOrEqual(final.load_duration + final.prompt_eval_duration + final.eval_duration);
}

describe('chat through the ollama client', () => {
  it('streams assistant chunks, then a final chunk with metrics that add up', async () => {
    const stream = await client.chat({ model: 'llama3.2:3b', messages: [user('Why is the sky blue?')], stream: true });
    const chunks = await collect(stream);
    const final = chunks[chunks.length - 1];
    const partials = chunks.slice(0, -1);
    expect(final?.done).toBe(true);
    expect(final?.done_reason).toBe('stop');
    expect(partials.length).toBeGreaterThan(5);
    for (const chunk of partials) {
      expect(chunk).toMatchObject({ model: 'llama3.2:3b', done: false, message: { role: 'assistant' } });
      expect(String(chunk.created_at)).toMatch(RFC3339_NANO);
      expect(Object.keys(chunk)).toEqual(['model', 'created_at', 'message', 'done']);
    }
    if (!final) throw new Error('no final chunk');
    expectMetricsAddUp(final);
    expect(final.eval_count).toBe(partials.length);
    expect(final.prompt_eval_count).toBeGreaterThan(0);
    expect(partials.map((chunk) => chunk.message.content).join('')).toMatch(/\w+/);
  });

  it('answers a non-streamed call with one object holding the joined text', async () => {
    const request = { model: 'llama3.2:3b', messages: [user('Describe a binary search tree.')], options: { temperature: 0 } };
    const whole = await client.chat(request);
    const streamed = await collect(await client.chat({ ...request, stream: true }));
    expect(whole.done).toBe(true);
    expect(whole.message.content).toBe(streamed.map((chunk) => chunk.message.content).join(''));
    expect(whole.eval_count).toBe(streamed.length - 1);
    expectMetricsAddUp(whole);
  });

  it('stops at num_predict with done_reason "length"', async () => {
    const reply = await client.chat({ model: 'llama3.2:3b', messages: [user('Tell me about volcanoes.')], options: { num_predict: 4 } });
    expect(reply.done_reason).toBe('length');
    expect(reply.eval_count).toBe(4);
  });

  it('repeats itself at temperature 0 and with a fixed seed, and varies without one', async () => {
    const ask = (options: Record<string, number>): Promise<string> =>
      client.chat({ model: 'llama3.2:3b', messages: [user('What causes tides?')], options }).then((r) => r.message.content);
    expect(await ask({ temperature: 0 })).toBe(await ask({ temperature: 0, seed: 99 }));
    expect(await ask({ seed: 7 })).toBe(await ask({ seed: 7 }));
    const unseeded = new Set(await Promise.all([1, 2, 3, 4, 5, 6].map(() => ask({}))));
    expect(unseeded.size).toBeGreaterThan(1);
  });

  it('works arithmetic out and ends with "Answer: N", right often enough to vote on', async () => {
    const question = 'What is 12 * 7 + 3?';
    expect(evaluateExpression(question)).toBe(87);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, seed) =>
        client.chat({ model: 'llama3.2:3b', messages: [user(question)], options: { seed } }).then((r) => r.message.content),
      ),
    );
    for (const answer of answers) expect(answer).toMatch(/12 × 7 = \d+[\s\S]*\nAnswer: -?\d+$/);
    const finals = answers.map((answer) => Number(/Answer: (-?\d+)$/.exec(answer)?.[1]));
    expect(finals.filter((value) => value === 87).length).toBeGreaterThan(2);
    expect(finals.some((value) => value !== 87)).toBe(true);
    const sage = await client.chat({ model: 'sage:1b', messages: [user('Compute (17 * 23) - 45.')] });
    expect(sage.message.content).toMatch(/Answer: 346$/);
  });

  it('streams thinking before content on a thinking model unless think is false', async () => {
    const chunks = await collect(await client.chat({ model: 'qwen3:4b', messages: [user('Explain entropy.')], stream: true }));
    const firstContent = chunks.findIndex((chunk) => chunk.message.content !== '');
    expect(chunks[0]?.message.thinking).toBeTruthy();
    expect(chunks.slice(firstContent).every((chunk) => !chunk.message.thinking)).toBe(true);
    const plain = await client.chat({ model: 'qwen3:4b', messages: [user('Explain entropy.')], think: false });
    expect(plain.message.thinking).toBeUndefined();
  });

  it('loads on an empty message list and unloads with keep_alive 0', async () => {
    const loaded = await client.chat({ model: 'sage:1b', messages: [] });
    expect(loaded).toMatchObject({ done: true, done_reason: 'load', message: { role: 'assistant', content: '' } });
    expect(server.loadedModels()).toContain('sage:1b');
    const unloaded = await client.chat({ model: 'sage:1b', messages: [], keep_alive: 0 });
    expect(unloaded.done_reason).toBe('unload');
    expect(server.loadedModels()).not.toContain('sage:1b');
  });
});

describe('the wire format under the client', () => {
  it('streams NDJSON when "stream" is absent, leaving empty fields out', async () => {
    const raw = await postRaw(`${server.url}/api/chat`, { model: 'llama3.2:3b', messages: [user('Hi there, how are magnets made?')] });
    expect(raw.status).toBe(200);
    expect(raw.contentType).toBe('application/x-ndjson');
    expect(raw.text.endsWith('}\n')).toBe(true);
    const final = raw.objects[raw.objects.length - 1] ?? {};
    expect(Object.keys(final)).toEqual([
      'model', 'created_at', 'message', 'done_reason', 'done',
      'total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration',
    ]);
    expect(final['message']).toEqual({ role: 'assistant', content: '' });
  });

  it('generate streams "response" pieces and returns context unless raw', async () => {
    const raw = await postRaw(`${server.url}/api/generate`, { model: 'llama3.2:3b', prompt: 'Name a prime number.' });
    const final = raw.objects[raw.objects.length - 1] ?? {};
    expect(raw.objects[0]).toMatchObject({ model: 'llama3.2:3b', response: expect.any(String), done: false });
    expect(final['done']).toBe(true);
    expect(Array.isArray(final['context'])).toBe(true);
    const rawMode = await client.generate({ model: 'llama3.2:3b', prompt: 'Name a prime number.', raw: true });
    expect(rawMode.context).toBeUndefined();
    const load = await client.generate({ model: 'llama3.2:3b', prompt: '' });
    expect(load.done_reason).toBe('load');
  });

  it('holds the status line and headers back until the first chunk', async () => {
    const { server: slow } = await startFastServer({ coldLoadMs: 30_000 });
    try {
      const started = performance.now();
      const response = await fetch(`${slow.url}/api/chat`, {
        method: 'POST',
        body: JSON.stringify({ model: 'gemma3:1b', messages: [user('Hello?')] }),
      });
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      await response.text();
    } finally {
      await slow.close();
    }
  });
});
