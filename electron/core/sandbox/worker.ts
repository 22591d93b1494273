/**
 * The sandbox's worker thread: runs JavaScript test runs in QuickJS off the
 * main thread, one at a time, and answers each with its result. The pool
 * (pool.ts) restarts it if it dies or stops answering.
 */
import { parentPort } from 'node:worker_threads';
import { runJsTests, type JsRunPayload } from './js-test-runner';

export interface WorkerRequest {
  id: number;
  payload: JsRunPayload;
}

export type WorkerReply = { id: number; result: Awaited<ReturnType<typeof runJsTests>> } | { id: number; error: string };

const port = parentPort;
if (port !== null) {
  port.on('message', (request: WorkerRequest) => {
    runJsTests(request.payload).then(
      (result) => port.postMessage({ id: request.id, result } satisfies WorkerReply),
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
    );
  });
}
