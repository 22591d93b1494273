/** Reading replies as servers other than the fixture send them: odd line endings, split bytes, JSON instead of SSE. */
import { describe, expect, it } from 'vitest';
import { readCompletion } from '../../../electron/core/backends/openai/completion';
import { readSseData } from '../../../electron/core/backends/openai/sse';
import { request } from './helpers';

/** A body delivered in exactly these reads. */
function bodyOf(parts: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const data of readSseData(stream)) out.push(data);
  return out;
}

const sse = (parts: Array<string | Uint8Array>) => new Response(bodyOf(parts), { headers: { 'content-type': 'text/event-stream' } });
const delta = (content: string, finish: string | null = null) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":${JSON.stringify(finish)}}]}\n\n`;

describe('SSE reading', () => {
  it('handles CRLF, comments, other fields, multi-line data and a missing final blank line', async () => {
    const events = await all(bodyOf([': keep-alive\r\n\r\nevent: message\r\ndata: {"a":', '1}\r\n\r\ndata: x\ndata: y\n\ndata:[DONE]']));
    expect(events).toEqual(['{"a":1}', 'x\ny', '[DONE]']);
  });

  it('keeps a multi-byte character split across reads', async () => {
    const bytes = new TextEncoder().encode('data: {"c":"Here’s"}\n\n');
    const split = bytes.indexOf(0xe2) + 1;
    expect(await all(bodyOf([bytes.slice(0, split), bytes.slice(split)]))).toEqual(['{"c":"Here’s"}']);
  });
});

describe('readCompletion', () => {
  it('accepts a stream without [DONE] when it gave a finish_reason', async () => {
    const read = await readCompletion(sse([delta('Hi'), delta(' there', 'length')]), request('x'));
    expect(read).toMatchObject({ text: 'Hi there', doneReason: 'length', usageReported: false });
  });

  it('rejects a stream that just stops', async () => {
    await expect(readCompletion(sse([delta('Hi')]), request('x'))).rejects.toThrow(/ended before the reply was complete/);
  });

  it('counts reasoning as the first token but keeps it out of the text', async () => {
    const thinking = 'data: {"choices":[{"index":0,"delta":{"reasoning_content":"hmm"},"finish_reason":null}]}\n\n';
    const read = await readCompletion(sse([thinking, delta('42', 'stop'), 'data: [DONE]\n\n']), request('x'));
    expect(read.text).toBe('42');
    expect(read.firstTokenAt).not.toBeNull();
  });

  it('reads a plain chat.completion from a server that ignored stream: true', async () => {
    const body = { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Answer: 4' }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 3 } };
    const deltas: string[] = [];
    const read = await readCompletion(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }), request('x', { onDelta: (t) => deltas.push(t) }));
    expect(read).toMatchObject({ text: 'Answer: 4', tokensIn: 9, tokensOut: 3, usageReported: true, doneReason: 'stop' });
    expect(deltas).toEqual(['Answer: 4']);
  });
});
