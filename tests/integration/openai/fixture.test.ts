/** The test server itself speaks the protocol as OpenAI-compatible servers do. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiTestServer, tokenize, type OpenAiTestServer } from '../../fixtures/openai';
import { rawStream } from './helpers';

let server: OpenAiTestServer;
const user = (content: string) => ({ role: 'user', content });

beforeAll(async () => {
  server = await startOpenAiTestServer({ apiKey: undefined });
});
afterAll(() => server.close());

describe('OpenAI test server', () => {
  it('lists its models', async () => {
    const response = await fetch(`${server.url}/models`);
    expect(await response.json()).toEqual({
      object: 'list',
      data: [
        { id: 'test-model', object: 'model', created: 1_700_000_000, owned_by: 'quorum-test' },
        { id: 'tiny-chat:1b', object: 'model', created: 1_700_000_000, owned_by: 'quorum-test' },
      ],
    });
  });

  it('streams chunks, then a usage chunk when asked, then [DONE]', async () => {
    const { status, contentType, events } = await rawStream(server.url, {
      model: 'test-model',
      messages: [user('Tell me about rivers.')],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/event-stream/);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as Array<{ object: string; choices: Array<{ delta: { content?: string; role?: string }; finish_reason: string | null }>; usage: unknown }>;
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: chunks.length - 3 });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('sends no usage when the client does not ask for it', async () => {
    const { events } = await rawStream(server.url, { model: 'test-model', messages: [user('Hello there')], stream: true });
    expect(events.slice(0, -1).every((e) => !('usage' in (e as object)))).toBe(true);
  });

  it('answers one chat.completion without stream, cut at max_tokens', async () => {
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-model', messages: [user('Explain photosynthesis in plants.')], max_tokens: 3 }),
    });
    const body = (await response.json()) as { object: string; choices: Array<{ message: { content: string }; finish_reason: string }>; usage: { completion_tokens: number } };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.finish_reason).toBe('length');
    expect(tokenize(body.choices[0]?.message.content ?? '')).toHaveLength(3);
    expect(body.usage.completion_tokens).toBe(3);
  });

  it('works arithmetic and ends with "Answer: N"', async () => {
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-model', messages: [user('What is 12 + 7 * 3?')], seed: 1 }),
    });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]?.message.content).toMatch(/7 × 3 = 21[\s\S]*Answer: 33$/);
  });

  it('refuses an unknown model with 404 and an OpenAI error body', async () => {
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'nope', messages: [user('hi')] }) });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: 'The model `nope` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' },
    });
  });

  it('refuses malformed bodies with 400', async () => {
    const bad = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    const noMessages = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'test-model', messages: [] }) });
    expect(((await noMessages.json()) as { error: { param: string } }).error.param).toBe('messages');
  });

  it('requires the API key when it has one', async () => {
    const locked = await startOpenAiTestServer({ apiKey: 'sk-test' });
    try {
      expect((await fetch(`${locked.url}/models`)).status).toBe(401);
      expect((await fetch(`${locked.url}/models`, { headers: { authorization: 'Bearer sk-test' } })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});
