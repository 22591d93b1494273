/**
 * Every job the coding suite ships passes its own tests with its reference
 * solutions, and every documented mistake fails at least one test of its
 * subtask — checked through the sandbox, as a team's code would be.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandbox, runJobTests } from '../../../../electron/core/sandbox';
import { CATALOGUES } from '../../../../electron/core/tasks/coding/domains';
import { codingJobs } from '../../../../electron/core/tasks/coding';
import type { CodingJob } from '../../../../shared/domain/jobs';
import { checkFunctions } from './check-functions';

afterAll(() => closeSandbox());

async function referenceAndBugs(job: CodingJob): Promise<string[]> {
  const problems: string[] = [];
  const all = await runJobTests({ job, files: job.solutions! });
  const total = Object.values(job.testsBySubtask).reduce((n, names) => n + names.length, 0);
  if (all.returncode !== 0 || all.passed !== total) problems.push(`the reference solutions do not pass: ${all.output.slice(0, 500)}`);
  for (const subtask of job.subtasks) {
    const file = subtask.files[0]!;
    const bugs = job.bugs![file]!;
    if (bugs.length === 0) problems.push(`${subtask.id} has no documented mistake`);
    for (const bug of bugs) {
      const result = await runJobTests({ job, files: { ...job.solutions!, [file]: bug.content }, subtasks: [subtask.id] });
      if (result.returncode !== 1 || result.failed === 0) problems.push(`${subtask.id} (${file}): the mistake "${bug.mistake}" passes every test`);
    }
  }
  return problems;
}

describe('the written functions', () => {
  it.each(Object.values(CATALOGUES).map((c) => [c.id, c] as const))('of %s: each reference passes and each mistake fails a test', async (_id, catalogue) => {
    expect(catalogue.chain).toHaveLength(16);
    expect(catalogue.independent).toHaveLength(18);
    expect(await checkFunctions(catalogue.id, [...catalogue.chain, ...catalogue.independent])).toEqual([]);
  });

  it('are checked for real: a wrong expected value is caught', async () => {
    const [first] = CATALOGUES.math.independent;
    const broken = { ...first!, tests: [['of two multiples', 'assert.equal(gcd(12, 18), 7);'] as [string, string]] };
    expect(await checkFunctions('math', [broken])).toEqual([{ fn: 'tests/task-1.test.js::of two multiples', problem: 'reference fails: expected 7, got 6' }]);
    const harmless = { ...first!, bugs: [{ mistake: 'renames a variable', from: 'let x', to: 'let x ' }] };
    expect(await checkFunctions('math', [harmless])).toEqual([{ fn: 'gcd', problem: 'the mistake "renames a variable" passes every test' }]);
  });
});

describe('the jobs the suite makes', () => {
  it('the paper\'s nine (three domains × p = 0.2, 0.5, 0.9)', async () => {
    for (const job of codingJobs({}, 9, 1)) expect(await referenceAndBugs(job), job.id).toEqual([]);
  }, 120_000);

  it.each(['chain', 'fan-out', 'fan-in', 'layered'] as const)('synthetic %s jobs in every domain', async (shape) => {
    for (const job of codingJobs({ shape, subtasks: 16, p: [0.75], synthetic: true }, 3, 7)) expect(await referenceAndBugs(job), job.id).toEqual([]);
  }, 120_000);

  it('a long synthetic chain and a deep layered job stay quick to test', async () => {
    for (const job of [...codingJobs({ subtasks: 48, criticalPath: [40] }, 3, 3), ...codingJobs({ subtasks: 60, criticalPath: [30], shape: 'layered', domains: ['math'] }, 1, 3)]) {
      const result = await runJobTests({ job, files: job.solutions! });
      expect(result.returncode, `${job.id}: ${result.output.slice(0, 300)}`).toBe(0);
      // Each function calls its dependencies on a smaller input, so even a straightforward implementation costs a few levels of calls.
      expect(result.tests.every((t) => t.seconds < 1)).toBe(true);
    }
  }, 120_000);
});
