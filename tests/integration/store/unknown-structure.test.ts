/**
 * A database written by a newer Quorum may hold cells of a structure this
 * build does not know. It still opens and shows its results; only running
 * those cells is refused, with a message that says why.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLab } from '../../../electron/core/create-lab';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'quorum-unknown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = {
  name: 'from the future',
  tasks: { suite: 'arithmetic', count: 6, seed: 1 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
};

describe('a cell of a structure this build does not know', () => {
  it('still shows its results and trials, and refuses to run them with a reason', async () => {
    const path = join(dir, 'lab.sqlite');
    let id: string;
    {
      const handle = createLab({ databasePath: path, appRoot: root, transport: 'http' });
      ({ id } = await handle.lab.createExperiment({ spec, start: true }));
      await handle.lab.waitFor(id);
      await handle.close();
    }
    // As a newer Quorum would have written it: the vote cell is now a "parliament", and one of its trials is still to run.
    const raw = new Database(path);
    raw.prepare("UPDATE cells SET structure = 'parliament', label = 'parliament', params_json = '{\"size\":3,\"chambers\":2}' WHERE cell_index = 1").run();
    raw.prepare("UPDATE trials SET status = 'planned' WHERE id = (SELECT MAX(id) FROM trials WHERE cell_index = 1)").run();
    raw.prepare("UPDATE experiments SET status = 'interrupted' WHERE id = ?").run(id);
    raw.close();

    const handle = createLab({ databasePath: path, appRoot: root, transport: 'http' });
    try {
      const results = await handle.lab.getResults({ id });
      expect(results.cells.map((c) => [c.structure, c.label, c.trials])).toEqual([
        ['single', 'single', 6],
        ['parliament', 'parliament', 5],
      ]);
      expect(results.cells[1]!.params).toEqual({ size: 3, chambers: 2 });
      const page = await handle.lab.listTrials({ id, cellIndex: 1, offset: 0, limit: 50 });
      expect(page.total).toBe(6);
      const done = page.trials.find((t) => t.status === 'done')!;
      expect((await handle.lab.getTrial({ id, trialId: done.trialId })).calls).toHaveLength(3);
      // Resuming would run a trial of the unknown structure: refused with the reason, and nothing is touched.
      await expect(handle.lab.resumeExperiment({ id })).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/"parliament", which this version of Quorum cannot run/) });
      expect(await handle.lab.getProgress({ id })).toMatchObject({ status: 'interrupted', done: 11, failed: 0 });
    } finally {
      await handle.close();
    }
  });
});
