import type { Ollama, ProgressResponse } from 'ollama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_NOT_FOUND, type OllamaTestServer } from '../../fixtures/ollama';
import { collect, postRaw, rejectionOf, startFastServer, user } from './helpers';

let server: OllamaTestServer;
let client: Ollama;

beforeAll(async () => {
  ({ server, client } = await startFastServer());
});
afterAll(() => server.close());

describe('server info routes', () => {
  it('GET / says it is running; version and tags answer GET and HEAD', async () => {
    const root = await fetch(`${server.url}/`);
    expect(await root.text()).toBe('Ollama is running');
    for (const path of ['/api/version', '/api/tags']) {
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await head.text()).toBe('');
    }
    expect(await client.version()).toEqual({ version: '0.32.15' });
  });

  it('lists installed models with their details', async () => {
    const { models } = await client.list();
    const llama = models.find((model) => model.name === 'llama3.2:3b');
    expect(llama).toMatchObject({
      model: 'llama3.2:3b',
      size: 2_019_393_189,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: { format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
    });
  });

  it('shows a model by "model" or "name", with its context length and capabilities', async () => {
    const shown = await client.show({ model: 'qwen3:4b' });
    expect(shown.capabilities).toEqual(['completion', 'tools', 'thinking']);
    expect((shown.model_info as unknown as Record<string, unknown>)['qwen3.context_length']).toBe(40_960);
    const byName = await postRaw(`${server.url}/api/show`, { name: 'qwen3:4b' });
    expect(byName.objects[0]?.['template']).toBe(shown.template);
    expect(await rejectionOf(client.show({ model: 'ghost' }))).toMatchObject({ status_code: 404, message: "model 'ghost' not found" });
  });

  it('lists nothing in /api/ps until a model is loaded', async () => {
    const empty = await fetch(`${server.url}/api/ps`);
    expect(await empty.text()).toBe('{"models":[]}');
    await client.chat({ model: 'gemma3:1b', messages: [] });
    const { models } = await client.ps();
    expect(models[0]).toMatchObject({ name: 'gemma3:1b', size_vram: models[0]?.size, context_length: 4096 });
    expect(new Date(models[0]?.expires_at ?? 0).getTime()).toBeGreaterThan(Date.now());
  });
});

describe('pull and delete', () => {
  it('streams the §4 progress sequence and installs the model', async () => {
    const progress = await collect(await client.pull({ model: 'tinyllama', stream: true }));
    const statuses = progress.map((line) => line.status);
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses.slice(-3)).toEqual(['verifying sha256 digest', 'writing manifest', 'success']);
    const byDigest = new Map<string, ProgressResponse[]>();
    for (const line of progress.filter((item) => item.digest)) {
      expect(line.status).toBe(`pulling ${line.digest.slice(7, 19)}`);
      byDigest.set(line.digest, [...(byDigest.get(line.digest) ?? []), line]);
    }
    const layers = [...byDigest.values()];
    expect(layers).toHaveLength(4);
    const [model, , cached] = layers;
    expect(model?.[0]).not.toHaveProperty('completed');
    expect(model?.length).toBeGreaterThan(3);
    expect(model?.[model.length - 1]?.completed).toBe(model?.[0]?.total);
    expect(cached).toEqual([{ status: expect.any(String), digest: expect.any(String), total: 31, completed: 31 }]);
    expect((await client.list()).models.map((m) => m.name)).toContain('tinyllama:latest');
    expect((await client.chat({ model: 'tinyllama', messages: [user('hi')], options: { num_predict: 2 } })).done).toBe(true);
  });

  it('fails an unknown pull in-stream (200) when streaming, with 500 otherwise', async () => {
    expect((await rejectionOf(collect(await client.pull({ model: 'no-such-model', stream: true })))).message).toBe(MANIFEST_NOT_FOUND);
    const raw = await postRaw(`${server.url}/api/pull`, { model: 'no-such-model' });
    expect(raw.status).toBe(200);
    expect(raw.objects).toEqual([{ status: 'pulling manifest' }, { error: MANIFEST_NOT_FOUND }]);
    expect(await rejectionOf(client.pull({ model: 'no-such-model' }))).toMatchObject({ status_code: 500, message: MANIFEST_NOT_FOUND });
    expect(await client.pull({ model: 'tinyllama' })).toEqual({ status: 'success' });
  });

  it('deletes by name or model, 404 for an unknown one', async () => {
    await client.pull({ model: 'tinyllama' });
    expect(await client.delete({ model: 'tinyllama' })).toEqual({ status: 'success' });
    expect((await client.list()).models.map((m) => m.name)).not.toContain('tinyllama:latest');
    expect(await rejectionOf(client.delete({ model: 'tinyllama' }))).toMatchObject({ status_code: 404 });
    const byModel = await fetch(`${server.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'gemma3:1b' }) });
    expect(byModel.status).toBe(200);
    expect(server.loadedModels()).not.toContain('gemma3:1b');
  });
});

describe('embed', () => {
  it('returns L2-normalised vectors, honours dimensions, and answers empty input with []', async () => {
    const reply = await client.embed({ model: 'nomic-embed-text', input: ['the cat sat', 'the cat sat down', 'stock markets fell'] });
    expect(reply.embeddings).toHaveLength(3);
    const [a = [], b = [], c = []] = reply.embeddings;
    const dot = (x: number[], y: number[]): number => x.reduce((sum, value, i) => sum + value * (y[i] ?? 0), 0);
    expect(a).toHaveLength(768);
    expect(dot(a, a)).toBeCloseTo(1, 6);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
    expect(reply.prompt_eval_count).toBeGreaterThan(0);
    const short = await client.embed({ model: 'nomic-embed-text', input: 'the cat sat', dimensions: 64 });
    expect(short.embeddings[0]).toHaveLength(64);
    expect(dot(short.embeddings[0] ?? [], short.embeddings[0] ?? [])).toBeCloseTo(1, 6);
    expect(await client.embed({ model: 'nomic-embed-text', input: [] })).toEqual({ model: 'nomic-embed-text', embeddings: [] });
  });
});
