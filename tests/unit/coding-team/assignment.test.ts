/**
 * Who does what: the paper's pre-assignment reproduces its loads on its own
 * task files, list scheduling along the critical path spreads them, and an
 * idle agent steals from the busiest one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobSubtask } from '../../../shared/domain/jobs';
import { balancedAssignment, levels, loads, paperPreassignment, stealVictim } from '../../../electron/core/teams/coding/assignment';
import { TaskBoard } from '../../../electron/core/teams/coding/board';

const TASKS = join(import.meta.dirname, '..', '..', 'fixtures', 'paper-data', 'tasks');
const DOMAINS = ['amdahl_mathutilities20', 'amdahl_dataanalysis', 'amdahl_svgutils'];

/** The subtasks of one of the paper's task files. */
function paperSubtasks(domain: string, p: 'p02' | 'p05' | 'p09'): JobSubtask[] {
  const file = JSON.parse(readFileSync(join(TASKS, domain, `${p}.json`), 'utf8')) as { tasks: Array<{ id: string; title: string; description: string; dependencies: string[]; files: string[] }> };
  return file.tasks.map((t) => ({ id: t.id, title: t.title, description: t.description, dependencies: t.dependencies, files: t.files }));
}

describe('the paper\'s pre-assignment', () => {
  it.each(DOMAINS)('gives its loads on %s: [16,1,1,1,1], [18,2], [12,2,2,2,2], [5,4,4,4,3]', (domain) => {
    expect(loads(paperPreassignment(paperSubtasks(domain, 'p02'), 5), 5)).toEqual([16, 1, 1, 1, 1]);
    expect(loads(paperPreassignment(paperSubtasks(domain, 'p02'), 2), 2)).toEqual([18, 2]);
    expect(loads(paperPreassignment(paperSubtasks(domain, 'p05'), 5), 5)).toEqual([12, 2, 2, 2, 2]);
    expect(loads(paperPreassignment(paperSubtasks(domain, 'p09'), 5), 5)).toEqual([5, 4, 4, 4, 3]);
  });

  it('keeps a chain with the agent of its last-listed dependency', () => {
    const owner = paperPreassignment(paperSubtasks('amdahl_mathutilities20', 'p02'), 5);
    for (let i = 1; i <= 16; i++) expect(owner.get(`task-${i}`)).toBe(0);
    expect([17, 18, 19, 20].map((i) => owner.get(`task-${i}`))).toEqual([1, 2, 3, 4]);
  });
});

describe('balanced pre-assignment (list scheduling along the critical path)', () => {
  it('takes the independent subtasks off the chain\'s agent', () => {
    const subtasks = paperSubtasks('amdahl_mathutilities20', 'p05');
    expect(Math.max(...levels(subtasks).values())).toBe(10);
    const balanced = loads(balancedAssignment(subtasks, 5), 5);
    expect(balanced.reduce((a, b) => a + b, 0)).toBe(20);
    // The chain of 10 is the least any agent can hold; the paper's rule gives that agent 12.
    expect(Math.max(...balanced)).toBe(10);
    expect(balanced).toEqual([10, 3, 3, 2, 2]);
  });

  it('evens the load where there is no long chain', () => {
    expect(loads(balancedAssignment(paperSubtasks('amdahl_svgutils', 'p09'), 5), 5)).toEqual([4, 4, 4, 4, 4]);
  });
});

describe('work stealing', () => {
  const subtasks: JobSubtask[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id, description: '', dependencies: id === 'd' ? ['a'] : [], files: [`${id}.js`] }));

  it('takes from the busiest agent the ready subtask it would reach last, leaving it one to work on', () => {
    const board = new TaskBoard({ subtasks });
    for (const id of ['a', 'b', 'c', 'd']) board.assign(id, 0);
    expect(stealVictim(board, 1, 2, () => false)).toEqual({ from: 0, task: 'c' });
  });

  it('steals nothing started, nothing waiting for a dependency, and never an agent\'s last ready subtask', () => {
    const board = new TaskBoard({ subtasks });
    for (const id of ['a', 'b', 'c', 'd']) board.assign(id, 0);
    expect(stealVictim(board, 1, 2, (id) => id !== 'a')).toBeNull();
  });
});
