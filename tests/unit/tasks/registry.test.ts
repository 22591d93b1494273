import { describe, expect, it } from 'vitest';
import { arithmeticSuite, getTaskSuite, knownTaskSuites } from '../../../electron/core/tasks';
import { TASK_SUITES } from '../../../shared/domain/spec';

describe('task suite registry', () => {
  it('finds the arithmetic suite by id', () => {
    expect(getTaskSuite('arithmetic')).toBe(arithmeticSuite);
  });

  it('serves every suite an experiment spec may name', () => {
    for (const id of TASK_SUITES) expect(getTaskSuite(id).id).toBe(id);
    expect(knownTaskSuites()).toEqual(expect.arrayContaining([...TASK_SUITES]));
  });

  it('names the known suites when asked for an unknown one', () => {
    expect(() => getTaskSuite('chess')).toThrow('Unknown task suite "chess". Known suites: "arithmetic", "choice", "word", "jobs", "coding", "file".');
  });
});
