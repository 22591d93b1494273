/**
 * Which tests a request selects, and how outcomes become the answer an agent
 * reads: pytest's return codes, a summary line, the failures, the output.
 */
import type { JobTestFile } from '../../../shared/domain/jobs';
import type { SandboxLimits, TestOutcome, TestReturnCode, TestRunRequest, TestRunResult } from './types';

export interface TestSelection {
  files: JobTestFile[];
  /** Test names to keep; null keeps every test of `files`. */
  names: string[] | null;
}

/** The test file a JavaScript test name lives in: "tests/task-3.test.js::name" → "tests/task-3.test.js". */
export function testFileOf(name: string): string {
  const at = name.indexOf('::');
  return at < 0 ? name : name.slice(0, at);
}

/**
 * The tests of the asked subtasks. A job whose tests are not mapped to its
 * subtasks (an imported Python suite) runs all of them, since nothing says
 * which ones check what.
 */
export function selectTests(job: TestRunRequest['job'], subtasks: readonly string[] | undefined): TestSelection {
  if (!subtasks || subtasks.length === 0) return { files: [...job.tests], names: null };
  const mapped = Object.values(job.testsBySubtask).some((names) => names.length > 0);
  if (!mapped) return { files: [...job.tests], names: null };
  const names = subtasks.flatMap((id) => job.testsBySubtask[id] ?? []);
  const paths = new Set(names.map(testFileOf));
  return { files: job.tests.filter((file) => paths.has(file.path)), names };
}

/** The subtask each test checks, from the job's map. */
export function subtaskByTest(testsBySubtask: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const bySubtask = new Map<string, string>();
  for (const [subtask, names] of Object.entries(testsBySubtask)) for (const name of names) bySubtask.set(name, subtask);
  return bySubtask;
}

export function returnCodeOf(tests: readonly TestOutcome[], collectionError: boolean): TestReturnCode {
  if (collectionError) return 2;
  if (tests.length === 0) return 5;
  return tests.every((t) => t.outcome === 'passed') ? 0 : 1;
}

function round(seconds: number): string {
  return seconds < 0.01 ? seconds.toFixed(3) : seconds.toFixed(2);
}

/** Cuts text to `limit` characters, saying how much was cut. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = `\n… (${text.length - limit} more characters cut)`;
  return text.slice(0, Math.max(0, limit - note.length)) + note;
}

export function summaryLine(tests: readonly TestOutcome[], seconds: number): string {
  const count = (kind: TestOutcome['outcome']) => tests.filter((t) => t.outcome === kind).length;
  const parts = [`${count('passed')} passed`];
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  if (count('error') > 0) parts.push(`${count('error')} error${count('error') === 1 ? '' : 's'}`);
  return `${parts.join(', ')} in ${round(seconds)}s`;
}

/** One line per failure; the tests of a file that could not load share one line. */
function failureLines(tests: readonly TestOutcome[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < tests.length; i++) {
    const test = tests[i]!;
    if (test.outcome === 'passed') continue;
    if (test.outcome === 'failed') {
      lines.push(`FAILED ${test.name} - ${test.message}`);
      continue;
    }
    let j = i + 1;
    while (j < tests.length && tests[j]!.outcome === 'error' && tests[j]!.message === test.message) j++;
    const count = j - i;
    lines.push(count === 1 ? `ERROR ${test.name} - ${test.message}` : `ERROR ${testFileOf(test.name)} (${count} tests) - ${test.message}`);
    i = j - 1;
  }
  return lines;
}

/** The answer to a run: counts, return code, and the text an agent reads (failures first, then what the code printed). */
export function resultOf(
  tests: TestOutcome[],
  options: { collectionError: boolean; seconds: number; printed: string; notes?: string[]; limits: SandboxLimits },
): TestRunResult {
  const returncode = returnCodeOf(tests, options.collectionError);
  const lines = [summaryLine(tests, options.seconds), ...(options.notes ?? [])];
  lines.push(...failureLines(tests));
  if (options.printed.length > 0) lines.push('--- output ---', options.printed);
  const passed = tests.filter((t) => t.outcome === 'passed').length;
  return { returncode, passed, failed: tests.length - passed, tests, output: truncate(lines.join('\n'), options.limits.outputChars), seconds: options.seconds };
}

export function noTests(job: TestRunRequest['job'], subtasks: readonly string[] | undefined): TestRunResult {
  const what = subtasks && subtasks.length > 0 ? `for ${subtasks.join(', ')}` : `in job ${job.id}`;
  return { returncode: 5, passed: 0, failed: 0, tests: [], output: `no tests ran: there are no tests ${what}`, seconds: 0 };
}

export function internalError(message: string, limits: SandboxLimits, seconds = 0): TestRunResult {
  return { returncode: 3, passed: 0, failed: 0, tests: [], output: truncate(`INTERNALERROR ${message}`, limits.outputChars), seconds };
}
