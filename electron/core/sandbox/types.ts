/**
 * What a test run is asked to do and what it answers. The answer mimics
 * pytest's, so the paper's Python jobs and Quorum's JavaScript jobs are
 * measured alike (docs/sandbox.md).
 */
import type { CodingJob } from '../../../shared/domain/jobs';

/** pytest's exit codes: 0 all passed, 1 some failed, 2 collection/import error, 3 internal error, 5 no tests. */
export type TestReturnCode = 0 | 1 | 2 | 3 | 5;

export interface SandboxLimits {
  /** Most time one test may take, module loading included (ms). */
  testMs: number;
  /** Most time a whole test run may take (ms); tests not started by then fail as "not run". */
  runMs: number;
  /** Most memory the JavaScript engine of one test may allocate (bytes). */
  memoryBytes: number;
  /** Most stack the JavaScript engine may use (bytes): deep recursion fails with a RangeError. */
  stackBytes: number;
  /** Longest output text kept (characters); the rest is cut with a note. */
  outputChars: number;
}

export interface TestRunRequest {
  /** The job whose tests run (its language, tests and testsBySubtask). */
  job: Pick<CodingJob, 'id' | 'language' | 'tests' | 'testsBySubtask'> & Partial<Pick<CodingJob, 'hostPython'>>;
  /** The team's repository: path (relative, "/"-separated) → file content. The job's test files are laid over it. */
  files: Readonly<Record<string, string>>;
  /** Run only the tests of these subtasks (ids as on the board); all tests when absent or empty. */
  subtasks?: readonly string[];
  /** Tighter or looser limits than the defaults (DEFAULT_LIMITS). */
  limits?: Partial<SandboxLimits>;
}

export type TestOutcomeKind = 'passed' | 'failed' | 'error';

export interface TestOutcome {
  /** "tests/task-3.test.js::keeps a value inside the range" (JavaScript) or pytest's node id (Python). */
  name: string;
  /** The subtask the test checks, when the job says (testsBySubtask). */
  subtask: string | null;
  /** passed; failed (an assertion or an exception in the test); error (the test file could not be loaded, or the run was cut short). */
  outcome: TestOutcomeKind;
  /** Why it did not pass, in one or two short lines; empty when it passed. */
  message: string;
  seconds: number;
}

export interface TestRunResult {
  returncode: TestReturnCode;
  passed: number;
  /** Tests that did not pass: failed and errors together. */
  failed: number;
  tests: TestOutcome[];
  /** What an agent reads: a summary line, each failure with its message, and the captured console output; cut to `limits.outputChars`. */
  output: string;
  seconds: number;
}
