/**
 * Runs a coding job's tests against a team's repository (docs/sandbox.md).
 *
 * JavaScript jobs run inside QuickJS compiled to WebAssembly, in a pool of
 * worker threads: the team's code has no file system, network, process or
 * timers, and every test has a time and a memory limit. A runaway or hostile
 * function fails its test; the worker, and the app, carry on. Python jobs
 * (imported in the paper's format) run with pytest in a subprocess, and only
 * when the spec opted in (CodingJob.hostPython).
 *
 * Usage (the coding-team environment):
 *
 *   const result = await runJobTests({ job, files: repository, subtasks: ['task-3'] });
 *   result.returncode   // 0 passed, 1 failures, 2 import/collection error, 3 internal error, 5 no tests
 *   result.output       // what the agent who asked reads
 */
import { runPythonTests } from './python-runner';
import { sandboxPool } from './pool';
import { resolveLimits } from './limits';
import type { TestRunRequest, TestRunResult } from './types';
import { internalError, noTests, selectTests } from './outcome';

export type { SandboxLimits, TestOutcome, TestOutcomeKind, TestReturnCode, TestRunRequest, TestRunResult } from './types';
export { DEFAULT_LIMITS } from './limits';
export { findHostPython, type HostPython } from './host-python';

/**
 * Runs the job's tests (all of them, or those of `subtasks`) against `files`.
 * Never throws for anything the team wrote: a test that hangs, eats memory or
 * reaches for the host fails with a message, and a sandbox that breaks
 * answers returncode 3 and is replaced for the next run.
 */
export async function runJobTests(request: TestRunRequest): Promise<TestRunResult> {
  const limits = resolveLimits(request.limits);
  const selection = selectTests(request.job, request.subtasks);
  if (selection.files.length === 0) return noTests(request.job, request.subtasks);
  try {
    if (request.job.language === 'python') return await runPythonTests(request, selection, limits);
    return await sandboxPool().run({ files: request.files, tests: selection.files, only: selection.names, testsBySubtask: request.job.testsBySubtask, limits });
  } catch (error) {
    return internalError(`The test runner failed: ${(error as Error).message}`, limits);
  }
}

/** Stops the sandbox's worker threads (they are started again on the next run). For shutdown and tests. */
export async function closeSandbox(): Promise<void> {
  await sandboxPool().close();
}
