/**
 * Results are rebuilt when the experiment's trials change, and only then: the
 * app asks on every refresh, and a stale figure after a retry or a resume
 * would be worse than a slow one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';

const root = join(import.meta.dirname, '..', '..', '..');
let dir: string;
let handle: LabHandle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-results-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('results of an experiment', () => {
  it('are the same object while nothing changes, and follow the trials as they finish', async () => {
    const spec = { name: 'cache', tasks: { suite: 'arithmetic', count: 20, seed: 2 }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }] };
    const { id } = await handle.lab.createExperiment({ spec, start: false });
    const planned = await handle.lab.getResults({ id });
    expect(planned.cells.map((c) => c.trials)).toEqual([0, 0]);
    await handle.lab.startExperiment({ id });
    await handle.lab.waitFor(id);
    const done = await handle.lab.getResults({ id });
    expect(done.status).toBe('completed');
    expect(done.cells.map((c) => c.trials)).toEqual([20, 20]);
    expect(done.comparisons.length).toBeGreaterThan(0);
    const again = await handle.lab.getResults({ id });
    expect(again.cells).toBe(done.cells);
    expect(again).toEqual(done);
  });
});
