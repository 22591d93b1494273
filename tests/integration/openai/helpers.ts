/** Shared bits for the openai backend tests: a fast server, a backend pointed at it, raw SSE reading. */
import { createServer } from 'node:net';
import { OpenAiBackend, type OpenAiBackendOptions } from '../../../electron/core/backends/openai';
import type { RetryPolicy } from '../../../electron/core/scheduler/retry-policy';
import type { CallRequest, RetryRecord } from '../../../electron/core/backends/types';
import { startOpenAiTestServer, type OpenAiTestServer, type OpenAiTestServerOptions } from '../../fixtures/openai';

/** Retries in milliseconds, not seconds, so failure tests stay fast. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 };

export interface Harness {
  server: OpenAiTestServer;
  backend: OpenAiBackend;
  retries: Array<{ model: string; retry: RetryRecord }>;
}

export async function startHarness(serverOptions: OpenAiTestServerOptions = {}, backendOptions: Partial<OpenAiBackendOptions> = {}): Promise<Harness> {
  const server = await startOpenAiTestServer(serverOptions);
  const retries: Harness['retries'] = [];
  const backend = new OpenAiBackend({
    baseUrl: server.url,
    slots: 4,
    retry: FAST_RETRY,
    hooks: { onRetry: (model, retry) => retries.push({ model, retry }) },
    ...backendOptions,
  });
  return { server, backend, retries };
}

export function request(content: string, overrides: Partial<CallRequest> = {}): CallRequest {
  return { model: 'openai:test-model', messages: [{ role: 'user', content }], temperature: 0, maxTokens: 256, seed: 42, ...overrides };
}

/** A port nothing listens on: bound once by us, then released. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The error a promise rejects with, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the promise to reject');
}

/** POSTs a chat completion and returns the parsed `data:` events (the "[DONE]" marker as a string). */
export async function rawStream(url: string, body: Record<string, unknown>): Promise<{ status: number; contentType: string | null; events: unknown[] }> {
  const response = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
  return { status: response.status, contentType: response.headers.get('content-type'), events };
}

/** A signal that never aborts, for calls a test lets finish. */
export const live = (): AbortSignal => new AbortController().signal;
