/**
 * Shared bits for the fixture's own tests: a fast server, and a raw NDJSON
 * reader for what the ollama client hides (bytes, line breaks, headers).
 */
import { Ollama } from 'ollama';
import { startOllamaTestServer, type OllamaTestServer, type OllamaTestServerOptions } from '../../fixtures/ollama';

/** Time runs 100× faster than the simulated hardware unless a test says otherwise. */
export async function startFastServer(options: OllamaTestServerOptions = {}): Promise<{ server: OllamaTestServer; client: Ollama }> {
  const server = await startOllamaTestServer({ timeScale: 0.01, ...options });
  return { server, client: new Ollama({ host: server.url }) };
}

export interface RawStream {
  status: number;
  contentType: string | null;
  /** Each network read as it arrived. */
  reads: Uint8Array[];
  text: string;
  /** Parsed objects, one per non-empty line. */
  objects: Array<Record<string, unknown>>;
}

export async function postRaw(url: string, body: unknown): Promise<RawStream> {
  const response = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  const reads: Uint8Array[] = [];
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    reads.push(next.value);
  }
  const text = Buffer.concat(reads).toString('utf8');
  const objects = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: response.status, contentType: response.headers.get('content-type'), reads, text, objects };
}

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/** The error a promise rejects with, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { status_code?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the promise to reject');
}

export const RFC3339_NANO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export const user = (content: string): { role: string; content: string } => ({ role: 'user', content });
