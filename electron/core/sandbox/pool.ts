/**
 * A small pool of sandbox worker threads, so that a test run never blocks the
 * main process. A worker that dies, or that does not answer in time (the
 * run's own limit plus a grace period), is terminated and replaced; the run it
 * held answers returncode 3 and the next run gets a fresh worker.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JsRunPayload } from './js-test-runner';
import { DEFAULT_LIMITS } from './limits';
import { internalError } from './outcome';
import type { TestRunResult } from './types';
import type { WorkerReply, WorkerRequest } from './worker';

/** Time past a run's own limit before its worker counts as stuck. */
const GRACE_MS = 10_000;

interface Job {
  id: number;
  payload: JsRunPayload;
  resolve: (result: TestRunResult) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** How a worker starts: a file to run, or (from source) a few lines that load tsx and then the worker's TypeScript. */
type WorkerEntry = { url: URL } | { code: string };

/** tsx's ESM API, found through its package's export map (the CommonJS entry cannot register ESM hooks). */
function tsxApiUrl(here: string): string {
  const require = createRequire(here);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

/**
 * Where the worker's code is: beside this file when running from source (the
 * CLI and tests, through tsx), or beside the bundle in a build
 * (electron.vite.config.ts builds electron/core/sandbox/worker.ts as
 * out/main/sandbox-worker.js).
 */
function workerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const worker = new URL('./worker.ts', here).href;
    return { code: `import(${JSON.stringify(tsxApiUrl(here))}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });` };
  }
  for (const candidate of ['./sandbox-worker.js', '../sandbox-worker.js', './worker.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return { url };
  }
  throw new Error(`the sandbox worker's code is missing beside ${fileURLToPath(here)} (expected sandbox-worker.js; is the build complete?)`);
}

export class SandboxPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly size: number) {}

  run(payload: JsRunPayload): Promise<TestRunResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, payload, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const slot of slots) this.finish(slot, internalError('the sandbox was closed before the run finished', slot.job?.payload.limits ?? DEFAULT_LIMITS));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (slot === undefined && this.slots.length < this.size) slot = this.spawn();
      if (slot === undefined) return;
      const job = this.queue.shift()!;
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    const budget = job.payload.limits.runMs + GRACE_MS;
    slot.timer = setTimeout(() => {
      this.replace(slot, `the sandbox stopped answering after ${Math.round(budget / 1000)} s and was restarted`);
    }, budget);
    slot.worker.postMessage({ id: job.id, payload: job.payload } satisfies WorkerRequest);
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const worker = new Worker('url' in entry ? entry.url : entry.code, {
      ...('code' in entry ? { eval: true } : {}),
      // A deep recursion in the guest also uses the host's native stack: give it room, so QuickJS's own limit trips first.
      resourceLimits: { stackSizeMb: 8, maxOldGenerationSizeMb: 512 },
      stdout: true,
      stderr: true,
    });
    const slot: Slot = { worker, job: null, timer: null };
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.job;
      if (job === null || reply.id !== job.id) return;
      this.finish(slot, 'result' in reply ? reply.result : internalError(`the sandbox failed: ${reply.error}`, job.payload.limits));
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(slot, `the sandbox's worker failed (${error.message}) and was restarted`));
    worker.on('exit', (code) => this.replace(slot, `the sandbox's worker exited (code ${code}) and was restarted`));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, result: TestRunResult): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    slot.worker.unref();
    job?.resolve(result);
  }

  /** Drops a broken or stuck worker; its run answers returncode 3, and queued runs go to a new one. */
  private replace(slot: Slot, message: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    if (slot.job) this.finish(slot, internalError(message, slot.job.payload.limits));
    void slot.worker.terminate();
    this.dispatch();
  }
}

let pool: SandboxPool | null = null;

/** The process's pool: at least two workers (a runaway test run should not hold up every other), at most four. */
export function sandboxPool(): SandboxPool {
  pool ??= new SandboxPool(Math.max(2, Math.min(4, availableParallelism() - 1)));
  return pool;
}
