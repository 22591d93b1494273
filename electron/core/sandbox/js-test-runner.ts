/**
 * A JavaScript job's test run, inside the worker: every test in a fresh
 * QuickJS runtime (so nothing a test or the team's code does carries over to
 * the next), files in order, each test with its own deadline and the whole
 * run with one too.
 */
import type { JobTestFile } from '../../../shared/domain/jobs';
import { discardEngine, loadEngine, runGuest, type GuestAction, type GuestOutcome } from './quickjs-engine';
import { cleanPath, type ModuleSources } from './module-resolution';
import { resultOf, subtaskByTest, testFileOf } from './outcome';
import type { SandboxLimits, TestOutcome, TestRunResult } from './types';

export interface JsRunPayload {
  files: Readonly<Record<string, string>>;
  tests: readonly JobTestFile[];
  /** Full test names ("path::name") to run; null runs every test of `tests`. */
  only: readonly string[] | null;
  testsBySubtask: Readonly<Record<string, readonly string[]>>;
  limits: SandboxLimits;
}

/** Console output kept across the run, capped so that a flood of printing costs nothing but its time. */
class Printed {
  private text = '';
  private dropped = 0;
  constructor(private readonly cap: number) {}
  write(prefix: string, line: string): void {
    const entry = `${prefix}${line}\n`;
    const room = this.cap - this.text.length;
    if (room <= 0) {
      this.dropped += entry.length;
      return;
    }
    this.text += entry.slice(0, room);
    this.dropped += Math.max(0, entry.length - room);
  }
  toString(): string {
    return this.dropped > 0 ? `${this.text}… (${this.dropped} more characters of output dropped)` : this.text.replace(/\n$/, '');
  }
}

function repositoryOf(files: Readonly<Record<string, string>>): Record<string, string> {
  const repository: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [path, content] of Object.entries(files)) if (typeof content === 'string') repository[cleanPath(path)] = content;
  return repository;
}

export async function runJsTests(payload: JsRunPayload): Promise<TestRunResult> {
  const started = Date.now();
  const { limits } = payload;
  const runDeadline = started + limits.runMs;
  const sources: ModuleSources = { tests: new Map(payload.tests.map((t) => [cleanPath(t.path), t.content])), repository: repositoryOf(payload.files) };
  const subtaskOf = subtaskByTest(payload.testsBySubtask);
  const printed = new Printed(limits.outputChars);
  const outcomes: TestOutcome[] = [];
  let collectionError = false;

  const guest = async (testPath: string, action: GuestAction, label: string): Promise<GuestOutcome> => {
    const qjs = await loadEngine();
    const deadline = Math.min(Date.now() + limits.testMs, runDeadline);
    const { outcome, engineBroken } = runGuest(qjs, { sources, testPath, action, limits, deadline, write: (line) => printed.write(`[${label}] `, line) });
    if (engineBroken) discardEngine();
    return outcome;
  };
  const record = (name: string, outcome: TestOutcome['outcome'], message: string, since: number) =>
    outcomes.push({ name, subtask: subtaskOf.get(name) ?? null, outcome, message, seconds: (Date.now() - since) / 1000 });

  for (const file of payload.tests) {
    const path = cleanPath(file.path);
    const known = [...subtaskOf.keys()].filter((name) => testFileOf(name) === path);
    let names: string[];
    if (payload.only !== null) {
      names = payload.only.filter((name) => testFileOf(name) === path);
    } else {
      const since = Date.now();
      if (since >= runDeadline) {
        record(path, 'error', `not run: the test run's time limit (${limits.runMs / 1000} s) was reached`, since);
        continue;
      }
      const listed = await guest(path, { kind: 'list' }, path);
      if (listed.kind !== 'loaded') {
        collectionError = true;
        for (const name of known.length > 0 ? known : [path]) record(name, 'error', `cannot load ${path}: ${listed.message}`, since);
        continue;
      }
      names = listed.listed.map((name) => `${path}::${name}`);
    }
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const since = Date.now();
      if (since >= runDeadline) {
        record(name, 'error', `not run: the test run's time limit (${limits.runMs / 1000} s) was reached`, since);
        continue;
      }
      const result = await guest(path, { kind: 'run', name: name.slice(path.length + 2) }, name);
      if (result.kind === 'load-error') {
        // Loading is the same for every test of the file: the rest fail alike without being tried.
        collectionError = true;
        for (const rest of names.slice(i)) record(rest, 'error', `cannot load ${path}: ${result.message}`, since);
        break;
      }
      if (result.kind === 'stopped') {
        record(name, 'failed', result.message, since);
        continue;
      }
      const report = result.reports.find((r) => `${path}::${r.name}` === name);
      if (report === undefined) record(name, 'failed', 'the test reported nothing', since);
      else record(name, report.passed ? 'passed' : 'failed', report.message, since);
    }
  }
  return resultOf(outcomes, { collectionError, seconds: (Date.now() - started) / 1000, printed: printed.toString(), limits });
}
