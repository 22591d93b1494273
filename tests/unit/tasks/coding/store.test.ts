/** Coding jobs are stored with their experiment (items.job_json) and read back whole, in a real SQLite file. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../../electron/core/store/lab-store';
import { getTaskSuite } from '../../../../electron/core/tasks';
import { paperTaskItems } from '../../../../electron/core/tasks/coding/paper-items';
import type { TaskSpec } from '../../../../shared/domain/spec';
import { makeTempDir, sampleExperiment, type TempDir } from '../../store/fixtures';

let temp: TempDir;
let store: LabStore;

beforeEach(() => {
  temp = makeTempDir();
  store = LabStore.open(temp.file('lab.sqlite'));
});
afterEach(() => {
  store.close();
  temp.remove();
});

const tiny = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'paper-tasks', 'tiny');

describe('coding items in the store', () => {
  it('read back with their whole job: subtasks, tests, solutions and buggy variants', async () => {
    const generated = getTaskSuite('coding').generate({ count: 2, seed: 3, difficulty: 3, coding: { domains: ['geometry'] } });
    const [python] = await paperTaskItems(tiny, { seed: 1, difficulty: 3, paperTasks: tiny, withoutTests: true } as TaskSpec);
    const items = [...generated, { ...python!, index: 2 }];
    store.createExperiment({ ...sampleExperiment('coding', 3), items });

    const read = store.getItems('coding');
    expect(read).toEqual(items);
    expect(read[0]!.job!.bugs![read[0]!.job!.subtasks[0]!.files[0]!]!.length).toBeGreaterThan(0);
    expect(read[2]!.job!.language).toBe('python');
  });

  it('leave other suites\' items without a job', () => {
    store.createExperiment(sampleExperiment('plain', 2));
    expect(store.getItems('plain').every((item) => item.job === undefined)).toBe(true);
  });

  it('say which item is broken when a stored job was damaged', () => {
    const items = getTaskSuite('coding').generate({ count: 1, seed: 3, difficulty: 3, coding: { domains: ['text'] } });
    store.createExperiment({ ...sampleExperiment('damaged', 1), items });
    store.close();
    const db = new Database(temp.file('lab.sqlite'));
    db.prepare("UPDATE items SET job_json = '{\"id\": \"x\"}' WHERE experiment_id = 'damaged'").run();
    db.close();
    store = LabStore.open(temp.file('lab.sqlite'));
    expect(() => store.getItems('damaged')).toThrow(/malformed coding job for item 0/);
  });
});
