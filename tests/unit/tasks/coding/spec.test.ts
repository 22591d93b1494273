/** The coding suite's fields in an experiment spec: what they make, and what they refuse with a message. */
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../../../../shared/domain/spec';

function parse(tasks: Record<string, unknown>) {
  return parseExperimentSpec({ name: 'coding', tasks, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
}

function issues(tasks: Record<string, unknown>): string[] {
  const parsed = parse(tasks);
  if (parsed.ok) throw new Error('expected the spec to be refused');
  return parsed.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('tasks for the coding suite', () => {
  it('default to one job per domain and p, the paper\'s nine', () => {
    const parsed = parse({ suite: 'coding' });
    expect(parsed.ok && parsed.value.tasks.count).toBe(9);
    const some = parse({ suite: 'coding', domains: ['text', 'math'], p: [0.9] });
    expect(some.ok && some.value.tasks.count).toBe(2);
    const counted = parse({ suite: 'coding', criticalPath: [4, 8], subtasks: 12, shape: 'layered', count: 5 });
    expect(counted.ok && counted.value.tasks.count).toBe(5);
  });

  it('refuse coding fields on another suite', () => {
    expect(issues({ suite: 'arithmetic', count: 3, p: [0.5] })).toEqual(['tasks.p: only applies to the "coding" suite']);
  });

  it('refuse p and criticalPath together, a repeated domain, an unknown domain or shape', () => {
    expect(issues({ suite: 'coding', p: [0.5], criticalPath: [3] })).toEqual(['tasks.criticalPath: give either tasks.p or tasks.criticalPath, not both']);
    expect(issues({ suite: 'coding', domains: ['math', 'math'] })).toEqual(['tasks.domains: lists a domain twice']);
    expect(issues({ suite: 'coding', domains: ['poetry'] })[0]).toMatch(/^tasks\.domains\[0\]: .*"math", "text" or "geometry"|^tasks\.domains\[0\]: .*math.*text.*geometry/);
    expect(issues({ suite: 'coding', shape: 'star' })[0]).toMatch(/^tasks\.shape: .*fan-out/);
  });

  it('refuse a chain longer than the job, and fans without a fan, saying what to change', () => {
    expect(issues({ suite: 'coding', subtasks: 10, criticalPath: [12] })).toEqual(['tasks.criticalPath: asks for a chain of 12 subtasks in a job of 10; lower it or raise tasks.subtasks']);
    expect(issues({ suite: 'coding', shape: 'fan-in', p: [0.99] })).toEqual([
      'tasks.p: gives a chain of 1 in a job of 20 subtasks, but a fan-in job needs a chain of at least 2 and shorter than the job; lower p, or use shape "chain"',
    ]);
    expect(issues({ suite: 'coding', shape: 'fan-out', p: [0] })[0]).toContain('raise p');
  });

  it('refuse p outside [0, 0.99] and sizes past 200', () => {
    expect(issues({ suite: 'coding', p: [1] })[0]).toMatch(/^tasks\.p\[0\]/);
    expect(issues({ suite: 'coding', subtasks: 500 })[0]).toMatch(/^tasks\.subtasks/);
  });
});

describe('tasks from task files in the paper\'s format', () => {
  it('take paperTasks instead of a suite or a file, with their own options', () => {
    const parsed = parse({ paperTasks: 'tasks/', allowHostPython: true });
    expect(parsed.ok && parsed.value.tasks.paperTasks).toBe('tasks/');
    expect(issues({ suite: 'coding', paperTasks: 'tasks/' })).toEqual(['tasks.paperTasks: give one of tasks.suite, tasks.file and tasks.paperTasks, not tasks.suite and tasks.paperTasks']);
    expect(issues({ suite: 'coding', allowHostPython: true })).toEqual(["tasks.allowHostPython: only applies to task files in the paper's format (tasks.paperTasks)"]);
    expect(issues({ paperTasks: 'tasks/', allowHostPython: true, withoutTests: true })).toEqual(['tasks.withoutTests: give either allowHostPython (run the tests) or withoutTests (run none), not both']);
  });
});
