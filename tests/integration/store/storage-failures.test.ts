/**
 * Runs whose database misbehaves, end to end on real SQLite files: another
 * process holding the write lock, a disk that fills up, a file that turns
 * read-only, a lease taken over by another process. Nothing finished may be
 * lost, no storage problem may be recorded as a trial's failure, and a run
 * stopped by storage must resume to the summary an undisturbed run gives.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/contract/api';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { SimBackend } from '../../../electron/core/backends/sim';
import { LabStore } from '../../../electron/core/store/lab-store';

const root = join(import.meta.dirname, '..', '..', '..');
let dir: string;
const handles: LabHandle[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-storage-'));
});
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A sim that really waits (about 25 ms a call), so a run lasts long enough to be disturbed mid-way. */
function openLab(name: string, options: { heartbeatMs?: number } = {}): LabHandle {
  const handle = createLab({
    databasePath: join(dir, name),
    appRoot: root,
    transport: 'http',
    backends: [new SimBackend({ realTime: true, timeScale: 0.005 })],
    ...options,
  });
  handles.push(handle);
  return handle;
}

const spec = {
  name: 'storage trouble',
  tasks: { suite: 'arithmetic', count: 60, seed: 5 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5] }],
  repetitions: 2,
  concurrency: 6,
};
const TOTAL = 60 * 3 * 2;

/** The lab's own connection, to make its disk "full" or its file read-only from inside, as the OS would. */
function connectionOf(handle: LabHandle): Database.Database {
  return (handle.store as unknown as { db: Database.Database }).db;
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Another process (as a sqlite3 shell or a backup tool would) takes the write lock and keeps it for `holdMs`. */
async function holdWriteLock(path: string, holdMs: number): Promise<Promise<void>> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { timeout: 10000 });
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, path, String(holdMs)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', () => reject(new Error('the lock holder exited before it took the lock')));
  });
  return exited;
}

/** What a run decided, cell by cell: its answers and their cost, without the wall-clock times a real-time sim adds. */
async function decisions(handle: LabHandle, id: string): Promise<unknown> {
  return (await handle.lab.getResults({ id })).cells.map(({ meanWallMs: _wall, ...cell }) => cell);
}

async function cleanRunSummary(): Promise<unknown> {
  const clean = openLab('clean.sqlite');
  const { id } = await clean.lab.createExperiment({ spec, start: true });
  await clean.lab.waitFor(id);
  return decisions(clean, id);
}

describe('a run on a database that misbehaves', () => {
  it('waits out another process holding the write lock past the busy timeout, and saves every trial', async () => {
    const expected = await cleanRunSummary();
    const handle = openLab('busy.sqlite');
    const { id } = await handle.lab.createExperiment({ spec, start: true });
    await until(() => handle.store.countTrials(id).done >= 20);
    const released = await holdWriteLock(join(dir, 'busy.sqlite'), 6500);
    await handle.lab.waitFor(id);
    await released;

    const counts = handle.store.countTrials(id);
    expect(counts).toMatchObject({ total: TOTAL, done: TOTAL, failed: 0, planned: 0, running: 0 });
    expect((await handle.lab.getProgress({ id })).status).toBe('completed');
    expect(await decisions(handle, id)).toEqual(expected);
  }, 60_000);

  it.each([
    { cause: 'a full disk', pragma: 'max_page_count', message: /disk .* is full/, limit: (db: Database.Database) => db.pragma('page_count', { simple: true }) as number, restore: 1_073_741_823 },
    { cause: 'a read-only file', pragma: 'query_only', message: /cannot be written/, limit: () => 1, restore: 0 },
  ])('stops as interrupted on $cause, records no trial as failed, and resumes to the undisturbed summary', async ({ pragma, message, limit, restore }) => {
    const expected = await cleanRunSummary();
    const handle = openLab('trouble.sqlite');
    const events: LabEvent[] = [];
    handle.lab.events.subscribe((event) => events.push(event));
    const { id } = await handle.lab.createExperiment({ spec, start: true });
    await until(() => handle.store.countTrials(id).done >= 20);
    const db = connectionOf(handle);
    db.pragma(`${pragma} = ${limit(db)}`);
    await handle.lab.waitFor(id);

    const counts = handle.store.countTrials(id);
    expect(counts.failed).toBe(0);
    expect(counts.done).toBeLessThan(TOTAL);
    const status = events.filter((e) => e.type === 'experimentStatus').at(-1);
    expect(status?.payload).toMatchObject({ status: 'interrupted' });
    expect(status?.type === 'experimentStatus' ? status.payload.error : '').toMatch(message);

    db.pragma(`${pragma} = ${restore}`);
    // What the file says once the cause is fixed: interrupted, with the reason, and resumable.
    expect(await handle.lab.getExperiment({ id })).toMatchObject({ status: 'interrupted', error: expect.stringMatching(message) });
    await handle.lab.resumeExperiment({ id });
    await handle.lab.waitFor(id);
    expect(handle.store.countTrials(id)).toMatchObject({ total: TOTAL, done: TOTAL, failed: 0 });
    expect((await handle.lab.getProgress({ id })).status).toBe('completed');
    expect(await decisions(handle, id)).toEqual(expected);
  }, 60_000);

  it('stops running, and writes nothing more, once another process has taken its lease', async () => {
    const handle = openLab('lease.sqlite', { heartbeatMs: 30 });
    const events: LabEvent[] = [];
    handle.lab.events.subscribe((event) => events.push(event));
    const { id } = await handle.lab.createExperiment({ spec, start: true });
    await until(() => handle.store.countTrials(id).done >= 20);

    // Another process (on another machine sharing the file) presumed this one dead and took over.
    const other = LabStore.open(join(dir, 'lease.sqlite'));
    try {
      expect(other.acquireLease(id, { runnerId: 'other', pid: 4242, hostname: 'another-machine', heartbeatAtMs: Date.now() + 60_000 }, 0)).toBe(true);
      await handle.lab.waitFor(id);
      const doneAtStop = other.countTrials(id).done;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(other.countTrials(id).done).toBe(doneAtStop);
      expect(doneAtStop).toBeLessThan(TOTAL);
      // The status is the new holder's to set: this process did not mark it completed, paused or failed.
      expect(other.getExperiment(id)?.status).toBe('running');
      expect(other.leaseHolder(id)).toMatchObject({ pid: 4242, hostname: 'another-machine' });
      const notice = events.filter((e) => e.type === 'experimentStatus').at(-1);
      expect(notice?.type === 'experimentStatus' ? notice.payload.error : '').toMatch(/Another Quorum process took over/);
    } finally {
      other.close();
    }
  }, 60_000);
});
