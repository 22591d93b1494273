/**
 * A Python job's tests (a task directory in the paper's format with its
 * test_suite.py): pytest in a subprocess, in a fresh temporary directory
 * holding only the team's files and the tests, with a clean environment, a
 * wall-clock limit (the process group is killed), and where the system has
 * them, prlimit's address-space and CPU limits and a network namespace with
 * no network. This is NOT the WebAssembly boundary: the team's Python runs on
 * this computer as this user and could read or write files it can reach.
 * That is why a spec has to opt in (tasks.allowHostPython) and the job
 * carries the consent (CodingJob.hostPython).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findHostPython } from './host-python';
import { cleanPath } from './module-resolution';
import { internalError, truncate, type TestSelection } from './outcome';
import type { SandboxLimits, TestOutcome, TestReturnCode, TestRunRequest, TestRunResult } from './types';

/** Python needs far more address space than one QuickJS test: at least this much. */
const MIN_PYTHON_ADDRESS_SPACE = 1024 * 1024 * 1024;

export const HOST_PYTHON_REFUSAL =
  "this job's tests would run the team's Python on this computer, outside the WebAssembly sandbox, and its spec did not allow that (set tasks.allowHostPython to true to run them; docs/sandbox.md says what isolation they get)";

async function writeTree(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const clean = cleanPath(path);
    if (clean === '' || clean.startsWith('..')) continue;
    const target = join(root, clean);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

function commandFor(python: { python: string; prlimit: boolean; noNetwork: boolean }, limits: SandboxLimits, args: string[]): [string, string[]] {
  let command: [string, string[]] = [python.python, ['-m', 'pytest', ...args]];
  if (python.prlimit) {
    const bytes = Math.max(MIN_PYTHON_ADDRESS_SPACE, limits.memoryBytes);
    const cpu = Math.max(1, Math.ceil(limits.runMs / 1000));
    command = ['prlimit', [`--as=${bytes}`, `--cpu=${cpu}`, '--', command[0], ...command[1]]];
  }
  if (python.noNetwork) command = ['unshare', ['-rn', command[0], ...command[1]]];
  return command;
}

interface Finished {
  code: number | null;
  output: string;
  timedOut: boolean;
}

function runProcess(command: [string, string[]], cwd: string, limitMs: number): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command[1], {
      cwd,
      detached: true,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0', LANG: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      if (output.length < 1_000_000) output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: `${output}\n${error.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}

/** pytest's "-rA" summary lines: "PASSED path::name", "FAILED path::name - message", "ERROR path - message". */
export function parsePytestSummary(output: string): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  for (const line of output.split('\n')) {
    const match = /^(PASSED|FAILED|ERROR) (\S+)(?: - (.*))?$/.exec(line.trim());
    if (!match) continue;
    const kind = match[1] === 'PASSED' ? 'passed' : match[1] === 'FAILED' ? 'failed' : 'error';
    outcomes.push({ name: match[2]!, subtask: null, outcome: kind, message: match[3] ?? '', seconds: 0 });
  }
  return outcomes;
}

function returnCodeOf(code: number | null): TestReturnCode {
  return code === 0 || code === 1 || code === 2 || code === 5 ? code : 3;
}

export async function runPythonTests(request: TestRunRequest, selection: TestSelection, limits: SandboxLimits): Promise<TestRunResult> {
  if (request.job.hostPython !== true) return internalError(HOST_PYTHON_REFUSAL, limits);
  const python = await findHostPython();
  if (!python.available || python.python === undefined) return internalError(`the tests cannot run: ${python.reason ?? 'python3 with pytest was not found'}`, limits);
  const started = Date.now();
  const root = await mkdtemp(join(tmpdir(), 'quorum-pytest-'));
  try {
    await writeTree(root, request.files);
    await writeTree(root, Object.fromEntries(selection.files.map((file) => [file.path, file.content])));
    const args = ['-q', '-rA', '--tb=line', '--color=no', '-p', 'no:cacheprovider', ...(selection.names ?? [])];
    const finished = await runProcess(commandFor({ python: python.python, prlimit: python.prlimit, noNetwork: python.noNetwork }, limits, args), root, limits.runMs);
    const seconds = (Date.now() - started) / 1000;
    const tests = parsePytestSummary(finished.output);
    const passed = tests.filter((t) => t.outcome === 'passed').length;
    if (finished.timedOut) {
      const output = truncate(`the test run was stopped after ${limits.runMs / 1000} s (its time limit)\n${finished.output.trim()}`, limits.outputChars);
      return { returncode: 2, passed, failed: tests.length - passed, tests, output, seconds };
    }
    // pytest prints failures first and the summary last: keep the end, which is what an agent needs.
    const text = finished.output.trim();
    const output = text.length <= limits.outputChars ? text : `… (${text.length - limits.outputChars} characters cut)\n${text.slice(-limits.outputChars)}`;
    return { returncode: returnCodeOf(finished.code), passed, failed: tests.length - passed, tests, output, seconds };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
