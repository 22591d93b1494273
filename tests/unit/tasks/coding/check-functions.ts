/** Runs a list of catalogue functions' tests through the sandbox: each reference passes, each documented mistake fails one of its tests. */
import { runJobTests } from '../../../../electron/core/sandbox';
import type { CatalogueFunction } from '../../../../electron/core/tasks/coding/catalogue';
import { buildJob, fileOf } from '../../../../electron/core/tasks/coding/job-builder';

export interface FunctionProblem {
  fn: string;
  problem: string;
}

export async function checkFunctions(domain: string, functions: readonly CatalogueFunction[]): Promise<FunctionProblem[]> {
  const job = buildJob({ id: `check-${domain}`, project: domain, intro: '', domain, shape: 'chain', functions });
  const problems: FunctionProblem[] = [];
  const reference = await runJobTests({ job, files: job.solutions! });
  for (const test of reference.tests) if (test.outcome !== 'passed') problems.push({ fn: test.name, problem: `reference fails: ${test.message}` });
  for (const [i, fn] of functions.entries()) {
    const subtask = `task-${i + 1}`;
    for (const bug of job.bugs![fileOf(fn.name)]!) {
      const result = await runJobTests({ job, files: { ...job.solutions!, [fileOf(fn.name)]: bug.content }, subtasks: [subtask] });
      if (result.returncode === 0) problems.push({ fn: fn.name, problem: `the mistake "${bug.mistake}" passes every test` });
    }
  }
  return problems;
}
