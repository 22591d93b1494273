/**
 * One chat completion on the wire: the request body we send, and reading the
 * reply (streamed SSE, or a plain JSON body from a server that ignores
 * `stream: true`) into text, token counts and client-side timings.
 */
import type { CallRequest, DoneReason } from '../types';
import { readSseData } from './sse';

/** The body of POST /chat/completions. Only fields every target server accepts. */
export interface ChatCompletionBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  temperature: number;
  seed: number;
  max_tokens: number;
  top_p?: number;
  stop?: string[];
  stream: true;
  stream_options: { include_usage: true };
}

export function chatCompletionBody(name: string, request: CallRequest): ChatCompletionBody {
  const options = request.options ?? {};
  return {
    model: name,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    temperature: request.temperature,
    seed: request.seed,
    max_tokens: request.maxTokens,
    ...(options.topP !== undefined ? { top_p: options.topP } : {}),
    ...(options.stop !== undefined && options.stop.length > 0 ? { stop: options.stop } : {}),
    stream: true,
    stream_options: { include_usage: true },
  };
}

export interface CompletionRead {
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** False when the server sent no usage and the counts are estimates. */
  usageReported: boolean;
  doneReason: DoneReason;
  /** performance.now() when the first generated text arrived, or null if none did. */
  firstTokenAt: number | null;
}

interface Usage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
}

interface Choice {
  delta?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown };
  message?: { content?: unknown };
  finish_reason?: unknown;
}

interface Chunk {
  choices?: Choice[];
  usage?: Usage | null;
  error?: unknown;
}

/**
 * About four characters per token for English text with the BPE vocabularies
 * these models use. Only used when the server reports no usage (some
 * llama.cpp and LM Studio builds ignore stream_options), so the numbers are
 * a rough guide, not a measurement.
 */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function promptChars(request: CallRequest): number {
  return request.messages.reduce((sum, m) => sum + m.content.length, 0);
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function parseChunk(data: string): Chunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new Error(`The server sent a malformed stream chunk: ${data.slice(0, 120)}`);
  }
  if (!parsed || typeof parsed !== 'object') throw new Error(`The server sent an unexpected stream chunk: ${data.slice(0, 120)}`);
  return parsed as Chunk;
}

function streamedErrorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return JSON.stringify(error);
}

class Accumulator {
  text = '';
  firstTokenAt: number | null = null;
  finishReason: string | null = null;
  usage: { in: number; out: number } | null = null;

  constructor(private readonly onDelta: ((text: string) => void) | undefined) {}

  addChoice(choice: Choice | undefined): void {
    if (!choice) return;
    const content = choice.delta?.content ?? choice.message?.content;
    // Reasoning models stream their thinking first: it is generation, so it ends the prompt phase too, but it is not the reply.
    const thinking = choice.delta?.reasoning_content ?? choice.delta?.reasoning;
    if ((typeof content === 'string' && content !== '') || (typeof thinking === 'string' && thinking !== '')) {
      this.firstTokenAt ??= performance.now();
    }
    if (typeof content === 'string' && content !== '') {
      this.text += content;
      this.onDelta?.(content);
    }
    if (typeof choice.finish_reason === 'string') this.finishReason = choice.finish_reason;
  }

  addUsage(usage: Usage | null | undefined): void {
    const tokensIn = count(usage?.prompt_tokens);
    const tokensOut = count(usage?.completion_tokens);
    // Servers with continuous usage stats send it on every chunk; the last one wins.
    if (tokensIn !== null && tokensOut !== null) this.usage = { in: tokensIn, out: tokensOut };
  }

  result(request: CallRequest): CompletionRead {
    return {
      text: this.text,
      tokensIn: this.usage?.in ?? estimateTokens(promptChars(request)),
      tokensOut: this.usage?.out ?? estimateTokens(this.text.length),
      usageReported: this.usage !== null,
      doneReason: this.finishReason === 'length' ? 'length' : 'stop',
      firstTokenAt: this.firstTokenAt,
    };
  }
}

/** Reads a 2xx response to the end. Throws a plain Error (retried as transient) on a broken stream. */
export async function readCompletion(response: Response, request: CallRequest): Promise<CompletionRead> {
  const acc = new Accumulator(request.onDelta);
  const type = response.headers.get('content-type') ?? '';
  if (!response.body) throw new Error('The server answered without a body');
  if (type.includes('application/json')) {
    // A server that ignored stream: true answered with one chat.completion object.
    const whole = parseChunk(await response.text());
    if (whole.error !== undefined) throw new Error(`The server reported an error: ${streamedErrorMessage(whole.error)}`);
    acc.addChoice(whole.choices?.[0]);
    acc.addUsage(whole.usage);
    return acc.result(request);
  }
  let sawDone = false;
  for await (const data of readSseData(response.body)) {
    if (data.trim() === '[DONE]') {
      sawDone = true;
      break;
    }
    const chunk = parseChunk(data);
    // vLLM and llama.cpp report failures after the 200 header as an error event.
    if (chunk.error !== undefined) throw new Error(`The server reported an error mid-stream: ${streamedErrorMessage(chunk.error)}`);
    acc.addChoice(chunk.choices?.[0]);
    acc.addUsage(chunk.usage);
  }
  // Without [DONE] the reply is only complete if the server at least said why it stopped.
  if (!sawDone && acc.finishReason === null) throw new Error('The stream ended before the reply was complete (no finish_reason or [DONE])');
  return acc.result(request);
}
