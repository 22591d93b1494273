/**
 * Test runs of the team's repository, through the sandbox (electron/core/
 * sandbox, docs/sandbox.md), and how long each lasts on the run's timeline.
 *
 * Real models: the run's own measured time. The sim (virtual time): a
 * documented logical duration, TEST_RUN_BASE_SECONDS plus
 * TEST_RUN_SECONDS_PER_TEST for each test run, so the timeline never depends
 * on how busy this computer is. On virtual time results are also cached per
 * subtask: a subtask's tests depend only on the files its test file imports,
 * directly or through other files, so each is keyed by its tests and
 * exactly those files' contents. Sim teams write the same few versions of
 * each file, and most runs (the final one too) are answered from the cache.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { CodingJob, JobTestFile } from '../../../../shared/domain/jobs';
import { DEFAULT_LIMITS, runJobTests, type TestOutcome, type TestRunRequest, type TestRunResult } from '../../sandbox';
import { resultOf } from '../../sandbox/outcome';

export const TEST_RUN_BASE_SECONDS = 1;
export const TEST_RUN_SECONDS_PER_TEST = 0.02;

/** Runs a job's tests (J's sandbox API); swappable in tests. */
export type TestRunner = (request: TestRunRequest) => Promise<TestRunResult>;

export interface TimedTestRun {
  result: TestRunResult;
  /** Its length on the run's timeline. */
  seconds: number;
}

const CACHE_LIMIT = 20_000;
/** One subtask's tests against exactly the files they import: their outcomes. */
const cache = new Map<string, { tests: TestOutcome[]; collectionError: boolean }>();

const IMPORT_SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"'\n]+)\1/g;

function resolveImport(files: Readonly<Record<string, string>>, importer: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const base = posix.normalize(posix.join(posix.dirname(importer), specifier)).replace(/^\/+/, '');
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}/index.js`]) if (Object.hasOwn(files, candidate)) return candidate;
  return null;
}

/** The repository files `entries` import, directly or through one another (ES modules). */
export function importClosure(entries: ReadonlyArray<{ path: string; content: string }>, files: Readonly<Record<string, string>>): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const { path, content } = queue.pop()!;
    for (const match of content.matchAll(IMPORT_SPECIFIERS)) {
      const target = resolveImport(files, path, match[2]!);
      if (target === null || seen.has(target)) continue;
      seen.add(target);
      queue.push({ path: target, content: files[target]! });
    }
  }
  return [...seen].sort();
}

const testFilesOfJob = new WeakMap<CodingJob, Map<string, JobTestFile[]> | null>();

/** Each subtask's test files, when every test file of the job checks exactly one subtask; null otherwise. */
function testFilesBySubtask(job: CodingJob): Map<string, JobTestFile[]> | null {
  if (!testFilesOfJob.has(job)) testFilesOfJob.set(job, mapTestFiles(job));
  return testFilesOfJob.get(job)!;
}

function mapTestFiles(job: CodingJob): Map<string, JobTestFile[]> | null {
  if (job.language !== 'javascript') return null;
  const owner = new Map<string, string>();
  for (const [subtask, names] of Object.entries(job.testsBySubtask)) {
    for (const name of names) {
      const path = name.slice(0, Math.max(0, name.indexOf('::')));
      if (owner.has(path) && owner.get(path) !== subtask) return null;
      owner.set(path, subtask);
    }
  }
  const bySubtask = new Map<string, JobTestFile[]>();
  for (const test of job.tests) {
    const subtask = owner.get(test.path);
    if (subtask === undefined) return null;
    bySubtask.set(subtask, [...(bySubtask.get(subtask) ?? []), test]);
  }
  return bySubtask;
}

function cacheKey(job: CodingJob, subtask: string, tests: readonly JobTestFile[], files: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([job.id, subtask, job.testsBySubtask[subtask] ?? []]));
  for (const test of tests) hash.update(`\u0000${test.path}\u0000${test.content}`);
  for (const path of importClosure(tests, files)) hash.update(`\u0001${path}\u0000${files[path]}`);
  return hash.digest('hex');
}

export interface TestRunOptions {
  job: CodingJob;
  files: Readonly<Record<string, string>>;
  subtasks: readonly string[];
  virtualTime: boolean;
  runner: TestRunner;
}

/**
 * On virtual time: each subtask's tests answered from the cache where its
 * test files and the files they import are unchanged, the rest run in one
 * sandbox call, and the answer put together as the sandbox writes it.
 */
async function cachedRun(options: TestRunOptions, bySubtask: ReadonlyMap<string, JobTestFile[]>): Promise<TestRunResult> {
  const { job, files, runner } = options;
  const wanted = options.subtasks.length > 0 ? options.subtasks.filter((id) => bySubtask.has(id)) : [...bySubtask.keys()];
  if (wanted.length === 0) return runner({ job, files, ...(options.subtasks.length > 0 ? { subtasks: options.subtasks } : {}) });
  const keys = new Map(wanted.map((id) => [id, cacheKey(job, id, bySubtask.get(id)!, files)]));
  const missing = wanted.filter((id) => !cache.has(keys.get(id)!));
  if (missing.length > 0) {
    const fresh = await runner({ job, files, subtasks: missing });
    // A broken sandbox (return code 3) is not the team's doing: answered as it is, never cached.
    if (fresh.returncode === 3) return fresh;
    for (const id of missing) {
      const tests = fresh.tests.filter((t) => t.subtask === id);
      const collectionError = tests.some((t) => t.outcome === 'error') && fresh.returncode === 2;
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(keys.get(id)!, { tests, collectionError });
    }
  }
  const parts = wanted.map((id) => cache.get(keys.get(id)!)!);
  const tests = parts.flatMap((part) => part.tests);
  // The output an agent reads names the run's length on the timeline, as a real run names its own.
  const seconds = TEST_RUN_BASE_SECONDS + TEST_RUN_SECONDS_PER_TEST * tests.length;
  return resultOf(tests, { collectionError: parts.some((part) => part.collectionError), seconds, printed: '', limits: DEFAULT_LIMITS });
}

/** Runs the tests and says how long the run lasts on the timeline. */
export async function timedTestRun(options: TestRunOptions): Promise<TimedTestRun> {
  const { job, files, subtasks, virtualTime, runner } = options;
  if (!virtualTime) {
    const started = performance.now();
    const result = await runner({ job, files, ...(subtasks.length > 0 ? { subtasks } : {}) });
    return { result, seconds: (performance.now() - started) / 1000 };
  }
  const bySubtask = testFilesBySubtask(job);
  const result = bySubtask ? await cachedRun(options, bySubtask) : await runner({ job, files, ...(subtasks.length > 0 ? { subtasks } : {}) });
  return { result, seconds: TEST_RUN_BASE_SECONDS + TEST_RUN_SECONDS_PER_TEST * result.tests.length };
}

export const sandboxRunner: TestRunner = runJobTests;
