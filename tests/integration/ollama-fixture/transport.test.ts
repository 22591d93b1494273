import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ollama } from 'ollama';
import type { OllamaTestServer } from '../../fixtures/ollama';
import { collect, postRaw, startFastServer, user } from './helpers';

const MODEL = 'llama3.2:3b';
const MULTI_BYTE_REPLY = 'Voilà — naïve café 🙂 déjà vu';
let server: OllamaTestServer;
let client: Ollama;

beforeAll(async () => {
  ({ server, client } = await startFastServer({
    respond: ({ lastUserText }) => (lastUserText.startsWith('script:') ? lastUserText.slice('script:'.length) : undefined),
  }));
});
afterAll(() => server.close());

const chatBody = (content: string): Record<string, unknown> => ({ model: MODEL, messages: [user(content)] });

function isCompleteUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('transport edge cases', () => {
  it('splits multi-byte characters across writes, and the client still reassembles them', async () => {
    server.setTransport({ splitUtf8: true });
    try {
      const raw = await postRaw(`${server.url}/api/chat`, chatBody(`script:${MULTI_BYTE_REPLY}`));
      expect(raw.reads.some((read) => !isCompleteUtf8(read))).toBe(true);
      const chunks = await collect(await client.chat({ model: MODEL, messages: [user(`script:${MULTI_BYTE_REPLY}`)], stream: true }));
      expect(chunks.map((chunk) => chunk.message.content).join('')).toBe(MULTI_BYTE_REPLY);
    } finally {
      server.setTransport({});
    }
  });

  it('can put several objects in one write and leave the last line without "\\n"', async () => {
    server.setTransport({ coalesce: 4, omitFinalNewline: true });
    try {
      const raw = await postRaw(`${server.url}/api/chat`, chatBody('What is a lighthouse?'));
      expect(raw.reads.some((read) => Buffer.from(read).toString('utf8').split('\n').length > 2)).toBe(true);
      expect(raw.text.endsWith('}')).toBe(true);
      const chunks = await collect(await client.chat({ model: MODEL, messages: [user('What is a lighthouse?')], stream: true }));
      expect(chunks[chunks.length - 1]?.done).toBe(true);
    } finally {
      server.setTransport({});
    }
  });

  it('can carry the last piece of text in the final chunk, as the llama-server backend does', async () => {
    server.setTransport({ finalChunkCarriesText: true });
    try {
      const chunks = await collect(await client.chat({ model: MODEL, messages: [user('script:one two three')], stream: true }));
      const final = chunks[chunks.length - 1];
      expect(final?.message.content).toBe(' three');
      expect(chunks.map((chunk) => chunk.message.content).join('')).toBe('one two three');
      expect(final?.eval_count).toBe(3);
    } finally {
      server.setTransport({});
    }
  });

  it('delays the first byte, headers included, when asked', async () => {
    server.setTransport({ firstByteDelayMs: 150 });
    try {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/chat`, { method: 'POST', body: JSON.stringify(chatBody('script:hi')) });
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(await response.text()).toContain('"done":true');
    } finally {
      server.setTransport({});
    }
  });
});
