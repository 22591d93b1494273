/**
 * `resume` in the cases where "nothing to resume" used to be the answer: failed
 * trials a user wants run again, an experiment another live process holds, and
 * one held by a process that died but was never reaped (a zombie). Real CLI
 * processes on real SQLite files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LabStore } from '../../../electron/core/store/lab-store';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import { arithmeticSpec, labOnTempFile } from '../ollama/helpers';
import { sampleExperiment } from '../../unit/store/fixtures';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'electron', 'headless', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'quorum-resume-'));
const children: ChildProcess[] = [];

/** The CLI as a process; asynchronous, so the test server in this process keeps answering meanwhile. */
function lab(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An experiment left 'running' under the lease of process `pid` on this machine, heartbeat fresh. */
function heldExperiment(path: string, pid: number): string {
  const store = LabStore.open(path);
  try {
    store.createExperiment(sampleExperiment('held', 4));
    expect(store.acquireLease('held', { runnerId: 'other-runner', pid, hostname: hostname(), heartbeatAtMs: Date.now() })).toBe(true);
    store.setStatus('held', 'running');
  } finally {
    store.close();
  }
  return 'held';
}

function counts(path: string) {
  const store = LabStore.open(path);
  try {
    return { ...store.countTrials('held'), status: store.getExperiment('held')?.status };
  } finally {
    store.close();
  }
}

describe('lab resume', () => {
  it('names the live process that holds an experiment, instead of saying there is nothing to resume', async () => {
    const holder = spawn('sleep', ['30']);
    children.push(holder);
    const db = join(dir, 'live.sqlite');
    heldExperiment(db, holder.pid!);
    const { code, stderr } = await lab(['resume', '--db', db]);
    expect(code).toBe(1);
    expect(stderr).toContain(`process ${holder.pid} on this machine`);
    expect(stderr).toMatch(/last heartbeat \d+ s ago/);
    expect(stderr).toContain(`kill ${holder.pid}`);
    expect(stderr).not.toContain('Nothing to resume');
    expect(counts(db)).toMatchObject({ status: 'running', done: 0 });
  });

  it('takes over from a holder that exited but was never reaped (a zombie), and finishes the run', async () => {
    // sh starts a job that exits at once, then becomes `sleep`, which never reaps it: the job stays a zombie.
    const parent = spawn('sh', ['-c', 'true & echo $!; exec sleep 30']);
    children.push(parent);
    const zombie = await new Promise<number>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const db = join(dir, 'zombie.sqlite');
    heldExperiment(db, zombie);
    const { code, stderr } = await lab(['resume', '--db', db]);
    expect(code, stderr).toBe(0);
    expect(counts(db)).toMatchObject({ status: 'completed', done: 12, planned: 0 });
  });
});

describe('lab resume --retry-failed', () => {
  let server: OllamaTestServer;
  beforeAll(async () => {
    server = await startOllamaTestServer({ timeScale: 0.01, numParallel: 2 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs failed trials again, which a plain resume leaves alone', async () => {
    const handle = labOnTempFile({ databasePath: join(dir, 'retry.sqlite') });
    // Single agents: a refused call leaves the structure nothing to go on with, so the trial fails (a vote would carry on).
    const spec = arithmeticSpec('ollama:llama3.2:3b', server.url, 2, { teams: [{ structure: 'single' }] });
    const { id } = await handle.lab.createExperiment({ spec, start: true });
    await server.waitUntil((stats) => (stats.requests['POST /api/chat'] ?? 0) > 1);
    // The server refuses two calls outright (HTTP 400 is not retried): their trials fail (one or two, as they fall).
    server.failNext({ kind: 'status', status: 400, message: 'invalid option' });
    server.failNext({ kind: 'status', status: 400, message: 'invalid option' });
    await handle.lab.waitFor(id);
    const before = await handle.lab.getProgress({ id });
    await handle.close();
    expect(before.status).toBe('completed');
    expect(before.failed).toBeGreaterThanOrEqual(1);

    const env = { OLLAMA_HOST: server.url };
    const plain = await lab(['resume', '--db', join(dir, 'retry.sqlite')], env);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain('Nothing to resume');
    expect(plain.stderr).toContain('resume --retry-failed');

    const retried = await lab(['resume', '--retry-failed', '--db', join(dir, 'retry.sqlite')], env);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stderr).toContain(`${before.failed} failed trial(s) to run again`);
    expect(retried.stdout).toMatch(/— completed/);
    const store = LabStore.open(join(dir, 'retry.sqlite'));
    try {
      expect(store.countTrials(id)).toMatchObject({ total: before.total, done: before.total, failed: 0 });
    } finally {
      store.close();
    }
  });
});
