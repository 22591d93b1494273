import type { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OllamaTestServer } from '../../fixtures/ollama';
import { collect, postRaw, rejectionOf, startFastServer, user } from './helpers';

const MODEL = 'llama3.2:3b';
let server: OllamaTestServer;
let client: Ollama;

beforeAll(async () => {
  ({ server, client } = await startFastServer());
});
afterAll(() => server.close());

const streamChat = (content = 'Tell me about rivers.') =>
  client.chat({ model: MODEL, messages: [user(content)], stream: true });

async function post(path: string, body: string, method = 'POST'): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${server.url}${path}`, { method, body: method === 'GET' ? undefined : body });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('injected failures as the ollama client meets them', () => {
  it('a mid-stream {"error"} line makes the iterator throw a plain Error after some chunks', async () => {
    server.failNext({ kind: 'midstream', message: 'llama runner process has terminated: signal: killed', afterChunks: 3 });
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of await streamChat()) seen.push(chunk.message.content);
      })(),
    );
    expect(seen).toHaveLength(3);
    expect(error.name).toBe('Error');
    expect(error.message).toBe('llama runner process has terminated: signal: killed');
    expect(error.status_code).toBeUndefined();
  });

  it('a stream that ends without done fails with the client\'s own message', async () => {
    server.failNext({ kind: 'cut', afterChunks: 2 });
    const error = await rejectionOf(collect(await streamChat()));
    expect(error.message).toBe('Did not receive done or success response in stream.');
  });

  it('a line of invalid JSON is warned about and skipped', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      server.failNext({ kind: 'invalidJson', afterChunks: 1 });
      const chunks = await collect(await streamChat());
      expect(chunks[chunks.length - 1]?.done).toBe(true);
      expect(warn).toHaveBeenCalledWith('invalid json: ', expect.stringContaining('garbled'));
    } finally {
      warn.mockRestore();
    }
  });

  it('an error before the first chunk is a status code, so awaiting chat() rejects', async () => {
    server.failNext({ kind: 'status', status: 500, message: 'llama runner process has terminated: exit status 2' });
    const error = await rejectionOf(streamChat());
    expect(error).toMatchObject({ name: 'ResponseError', status_code: 500, message: 'llama runner process has terminated: exit status 2' });
    server.failNext({ kind: 'status', status: 503 });
    expect(await rejectionOf(client.chat({ model: MODEL, messages: [user('x')] }))).toMatchObject({ status_code: 503 });
    expect(server.stats.rejected503).toBe(1);
    server.failNext({ kind: 'midstream', afterChunks: 0 });
    expect(await rejectionOf(streamChat())).toMatchObject({ status_code: 500 });
  });

  it('a disallowed origin gets 403 with an empty body', async () => {
    server.failNext({ kind: 'forbidden' });
    const reply = await post('/api/chat', JSON.stringify({ model: MODEL, messages: [user('hi')] }));
    expect(reply).toMatchObject({ status: 403, text: '' });
  });
});

describe('request errors (ollama.md §2)', () => {
  it('reports an unknown model as 404 in the wording of each route', async () => {
    const chatError = await rejectionOf(client.chat({ model: 'nope', messages: [user('hi')] }));
    expect(chatError).toMatchObject({ name: 'ResponseError', status_code: 404, message: "model 'nope' not found" });
    const embedError = await rejectionOf(client.embed({ model: 'nope', input: 'hi' }));
    expect(embedError).toMatchObject({ status_code: 404, message: 'model "nope" not found, try pulling it first' });
    expect(await post('/api/generate', '{"prompt":"hi"}')).toMatchObject({ status: 404, text: `{"error":"model '' not found"}` });
  });

  it('answers malformed bodies like Go\'s JSON decoder', async () => {
    expect(await post('/api/chat', '')).toMatchObject({ status: 400, text: '{"error":"missing request body"}' });
    expect(await post('/api/chat', '{"model":')).toMatchObject({ status: 400, text: '{"error":"unexpected EOF"}' });
    expect(JSON.parse((await post('/api/chat', '{model:1}')).text)).toEqual({
      error: "invalid character 'm' looking for beginning of object key string",
    });
    expect(JSON.parse((await post('/api/chat', '{"model":5}')).text)).toEqual({
      error: 'json: cannot unmarshal number into Go struct field ChatRequest.model of type string',
    });
    expect(await post('/api/chat', '{"messages":[]}')).toMatchObject({ status: 400, text: '{"error":"model is required"}' });
  });

  it('rejects a wrongly typed option with 500, and capabilities the model lacks with 400', async () => {
    const optionError = await rejectionOf(
      client.chat({ model: MODEL, messages: [user('hi')], options: { temperature: 'hot' as unknown as number } }),
    );
    expect(optionError).toMatchObject({ status_code: 500, message: 'option "temperature" must be of type float32' });
    const thinkError = await rejectionOf(client.chat({ model: 'gemma3:1b', messages: [user('hi')], think: true }));
    expect(thinkError).toMatchObject({ status_code: 400, message: '"gemma3:1b" does not support thinking' });
    const formatError = await post('/api/chat', JSON.stringify({ model: MODEL, messages: [user('hi')], format: 'xml' }));
    expect(formatError.status).toBe(500);
    expect(JSON.parse(formatError.text).error).toMatch(/^invalid format: /);
  });

  it('keeps gin\'s plain-text 404 and 405', async () => {
    expect(await post('/api/nothing', '{}')).toMatchObject({ status: 404, type: 'text/plain; charset=utf-8', text: '404 page not found' });
    expect(await post('/api/chat', '', 'GET')).toMatchObject({ status: 405, text: '405 method not allowed' });
  });

  it('escapes HTML characters in JSON the way Go does, which parsers undo', async () => {
    const raw = await postRaw(`${server.url}/api/chat`, { model: '<b>', messages: [] });
    expect(raw.text).toBe('{"error":"model \'\\u003cb\\u003e\' not found"}');
    expect(raw.objects[0]?.['error']).toBe("model '<b>' not found");
  });
});
