/**
 * Planning a million trials takes seconds. Meanwhile the lab must keep
 * answering, other processes must still be able to write the file, and the
 * half-written plan must be neither run nor mistaken for a finished one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentRow } from '../../../shared/domain/results';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { LabStore } from '../../../electron/core/store/lab-store';
import { sampleExperiment } from '../../unit/store/fixtures';

const root = join(import.meta.dirname, '..', '..', '..');
let dir: string;
let handle: LabHandle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-plan-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

// 20,000 items × 5 cells × 10 repetitions: the largest grid a spec may plan.
const millionTrials = {
  name: 'a million trials',
  tasks: { suite: 'arithmetic', count: 20_000 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 7, 9] }],
  repetitions: 10,
};

describe('planning a million trials', () => {
  it('keeps the lab answering and the file writable, and shows the experiment as planning until it is whole', async () => {
    let planned = false;
    const creating = handle.lab.createExperiment({ spec: millionTrials }).then((reply) => {
      planned = true;
      return reply;
    });
    // Another API call, made while the plan is written, answers before planning ends.
    let seen: ExperimentRow | undefined;
    while (!planned) {
      const rows = await handle.lab.listExperiments();
      seen = rows.find((row) => row.name === 'a million trials');
      if (seen) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(planned).toBe(false);
    expect(seen?.status).toBe('planning');
    expect(seen!.total).toBeLessThan(1_000_000);
    await expect(handle.lab.startExperiment({ id: seen!.id })).rejects.toThrow(/still being planned/);

    // Another process writes to the same file meanwhile: the write lock is not held for the whole plan.
    const other = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `
        import { LabStore } from './electron/core/store/lab-store.ts';
        import { sampleExperiment } from './tests/unit/store/fixtures.ts';
        const store = LabStore.open(process.argv[1]);
        store.createExperiment(sampleExperiment('written-meanwhile', 2));
        store.close();`, join(dir, 'lab.sqlite')],
      { cwd: root, encoding: 'utf8' },
    );
    expect(other.status, other.stderr).toBe(0);
    expect(planned).toBe(false);

    const { id } = await creating;
    const done = await handle.lab.getExperiment({ id });
    expect(done).toMatchObject({ status: 'planned', total: 1_000_000 });
    expect((await handle.lab.listExperiments()).map((row) => row.id)).toContain('written-meanwhile');
  }, 120_000);
});

describe('a plan whose planner died', () => {
  it('is removed at the next look, while a plan still being written is kept', async () => {
    const path = join(dir, 'lab.sqlite');
    const store = LabStore.open(path);
    try {
      // A process that has exited: its plan can never be finished.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      store.beginPlan(sampleExperiment('orphan', 2), { runnerId: 'dead-planner', pid: Number(dead.stdout), hostname: hostname(), heartbeatAtMs: Date.now() });
      store.addPlannedTrials('orphan', 'dead-planner', sampleExperiment('orphan', 2).trials.slice(0, 3));
      store.beginPlan(sampleExperiment('live', 2), { runnerId: 'live-planner', pid: process.pid, hostname: hostname(), heartbeatAtMs: Date.now() });
    } finally {
      store.close();
    }
    const rows = await handle.lab.listExperiments();
    expect(rows.map((row) => [row.id, row.status])).toEqual([['live', 'planning']]);
  });
});
