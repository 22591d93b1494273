/** OpenAiBackend against the test server: what a successful call sends, receives and measures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../../electron/core/backends/openai';
import { composeReply, tokenize } from '../../fixtures/openai';
import { live, request, startHarness, type Harness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ firstTokenDelayMs: 30, tokenDelayMs: 1 });
});
afterAll(() => h.server.close());

describe('OpenAiBackend: streaming', () => {
  it('streams the reply through onDelta and takes usage from the final chunk', async () => {
    const deltas: string[] = [];
    const result = await h.backend.call(request('Tell me about rivers and lakes.', { onDelta: (t) => deltas.push(t) }), live());
    const expected = composeReply('test-model', [{ role: 'user', content: 'Tell me about rivers and lakes.' }], 42, 1);
    expect(result.text).toBe(expected);
    expect(deltas.join('')).toBe(expected);
    expect(deltas.length).toBe(tokenize(expected).length);
    expect(result).toMatchObject({ tokensOut: tokenize(expected).length, loadMs: 0, host: h.server.url, doneReason: 'stop', simulated: false });
    expect(result.tokensIn).toBeGreaterThan(0);
    expect(result.retries).toBeUndefined();
    // The server waits 30 ms before the first token; the client sees that as time to first token.
    expect(result.promptMs).toBeGreaterThanOrEqual(25);
    expect(result.genMs).toBeGreaterThan(0);
    expect(result.queueMs).toBeLessThan(25);
  });

  it('sends the OpenAI request body, model name without the prefix', async () => {
    await h.backend.call(request('What is 2 + 2?', { temperature: 0.7, seed: 9, maxTokens: 64, options: { topP: 0.9, stop: ['\n\n\n'] } }), live());
    const sent = h.server.received.at(-1);
    expect(sent?.body).toEqual({
      model: 'test-model',
      messages: [{ role: 'user', content: 'What is 2 + 2?' }],
      temperature: 0.7,
      seed: 9,
      max_tokens: 64,
      top_p: 0.9,
      stop: ['\n\n\n'],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(sent?.authorization).toBeNull();
  });

  it('reports a max_tokens cut as doneReason "length"', async () => {
    const result = await h.backend.call(request('Explain photosynthesis in detail.', { maxTokens: 5 }), live());
    expect(result.doneReason).toBe('length');
    expect(result.tokensOut).toBe(5);
    expect(tokenize(result.text)).toHaveLength(5);
  });

  it('answers arithmetic with working and "Answer: N"', async () => {
    const result = await h.backend.call(request('Compute (4 + 5) * 6 - 3.'), live());
    expect(result.text).toMatch(/Answer: 51$/);
  });

  it('estimates tokens at four characters each when the server reports no usage', async () => {
    const quiet = await startHarness({ reportUsage: false });
    try {
      const result = await quiet.backend.call(request('Describe the water cycle.'), live());
      expect(result.tokensOut).toBe(estimateTokens(result.text.length));
      expect(result.tokensIn).toBe(estimateTokens('Describe the water cycle.'.length));
    } finally {
      await quiet.server.close();
    }
  });

  it('sends the API key named by apiKeyEnv as a Bearer token', async () => {
    const locked = await startHarness({ apiKey: 'sk-local' }, { apiKeyEnv: 'QUORUM_TEST_API_KEY', env: { QUORUM_TEST_API_KEY: 'sk-local' } });
    try {
      await locked.backend.check('openai:test-model');
      const result = await locked.backend.call(request('Hello'), live());
      expect(result.text.length).toBeGreaterThan(0);
      expect(locked.server.received.at(-1)?.authorization).toBe('Bearer sk-local');
    } finally {
      await locked.server.close();
    }
  });
});
