/**
 * Items from task files in the paper's format (tasks.paperTasks): read once
 * when the experiment is created, checked, and stored with it. Whether their
 * Python tests may run is settled here, before anything runs: a folder with a
 * test_suite.py needs tasks.allowHostPython (and python3 with pytest) or
 * tasks.withoutTests; a folder without one needs tasks.withoutTests, which
 * says out loud that the final test-pass figure will stay empty; a mix of
 * the two is refused unless run without tests, so that every run's figures
 * are alike.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Issue } from '../../../../shared/contract/schema';
import type { TaskSpec } from '../../../../shared/domain/spec';
import { findHostPython } from '../../sandbox/host-python';
import type { TaskItem } from '../types';
import { jobItem } from './index';
import { paperJob, PAPER_TEST_FILES } from './paper-format';

/** Folders deep enough for the paper's layout (tasks/<domain>/pXX.json) and a little more. */
const MAX_DEPTH = 3;
const MAX_FILES = 1000;
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export class PaperTasksProblem extends Error {
  constructor(
    message: string,
    readonly issues: Issue[],
  ) {
    super(message);
  }
}

const issue = (message: string): Issue => ({ path: 'tasks.paperTasks', message });

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path)).isDirectory();
}

async function jsonFiles(dir: string, depth: number, found: string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (found.length >= MAX_FILES) return;
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) found.push(path);
    else if (entry.isDirectory() && depth < MAX_DEPTH && !entry.name.startsWith('.')) await jsonFiles(path, depth + 1, found);
  }
}

async function readIfThere(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** The task files at `path` (a file, or a folder searched for *.json), each with the folder's tests. */
async function taskFiles(path: string): Promise<{ file: string; name: string; domain: string; json: string; tests: { path: string; content: string }[] }[]> {
  const directory = await isDirectory(path);
  const files: string[] = [];
  if (directory) await jsonFiles(path, 0, files);
  else files.push(path);
  const base = directory ? path : dirname(dirname(path));
  const read = [];
  for (const file of files) {
    const size = (await stat(file)).size;
    if (size > MAX_FILE_BYTES) throw new PaperTasksProblem('A task file is too large.', [issue(`${file} is ${Math.round(size / 1e6)} MB; a task file in the paper's format is a few kilobytes`)]);
    const folder = dirname(file);
    const tests = [];
    for (const name of PAPER_TEST_FILES) {
      const content = await readIfThere(join(folder, name));
      if (content !== null) tests.push({ path: name, content });
    }
    read.push({ file, name: relative(base, file).replace(/\\/g, '/').replace(/\.json$/i, ''), domain: basename(folder), json: await readFile(file, 'utf8'), tests });
  }
  return read;
}

const TESTS_NEED_CONSENT =
  "the jobs' tests (test_suite.py) would run the team's Python with pytest on this computer, outside the WebAssembly sandbox (a subprocess in a temporary folder with time and memory limits; docs/sandbox.md). Set tasks.allowHostPython to true to run them, or tasks.withoutTests to true to run the jobs without tests";
const NO_TESTS =
  'there is no test_suite.py beside the task files, so the jobs have no tests: every run\'s final test-pass figure (trials.score) stays empty, and success means only that every subtask was marked done, as in the paper. Set tasks.withoutTests to true to run them so, or put a test_suite.py (and conftest.py) beside the task files';

/** Why a mix of task files with and without tests is refused: their runs' figures would not be alike. */
function someWithoutTests(files: readonly string[], total: number): string {
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? `, and ${files.length - 5} more` : '');
  return `${files.length} of ${total} task files have no test_suite.py beside them (${shown}): their runs' final test-pass figure (trials.score) would stay empty while the others' is measured. Put a test_suite.py beside them, point tasks.paperTasks at the files that have one, or set tasks.withoutTests to true to run every job without tests`;
}

/** The paper-format jobs `path` holds, as items; throws a PaperTasksProblem saying what to change. */
export async function paperTaskItems(path: string, tasks: TaskSpec): Promise<TaskItem[]> {
  let found;
  try {
    found = await taskFiles(path);
  } catch (error) {
    if (error instanceof PaperTasksProblem) throw error;
    throw new PaperTasksProblem('The task files cannot be read.', [issue(`${path} cannot be read: ${(error as Error).message}`)]);
  }
  if (found.length === 0) throw new PaperTasksProblem('No task files were found.', [issue(`${path} holds no .json task files (searched ${MAX_DEPTH} folders deep)`)]);
  // conftest.py alone tests nothing: a file's tests are there when its folder's test_suite.py is.
  const hasSuite = (file: (typeof found)[number]) => file.tests.some((t) => t.path === 'test_suite.py');
  const lacking = found.filter((file) => !hasSuite(file));
  const withoutTests = tasks.withoutTests === true;
  if (!withoutTests) {
    if (lacking.length === found.length) throw new PaperTasksProblem('The task files come without tests.', [issue(NO_TESTS)]);
    if (tasks.allowHostPython !== true) throw new PaperTasksProblem('The task files come with Python tests.', [issue(TESTS_NEED_CONSENT)]);
    if (lacking.length > 0) throw new PaperTasksProblem('Some task files come without tests.', [issue(someWithoutTests(lacking.map((f) => f.file), found.length))]);
    const python = await findHostPython();
    if (!python.available) {
      throw new PaperTasksProblem('The jobs\' Python tests cannot run here.', [issue(`their tests need python3 with pytest: ${python.reason ?? 'not found'}; or set tasks.withoutTests to true to run the jobs without tests`)]);
    }
  }
  const problems: Issue[] = [];
  const items: TaskItem[] = [];
  for (const file of found) {
    const read = paperJob({ name: file.name, domain: file.domain, json: file.json, tests: withoutTests ? [] : file.tests, hostPython: !withoutTests });
    if ('problem' in read) problems.push(issue(`${file.file} ${read.problem}`));
    else items.push(jobItem(read.job, items.length, tasks.difficulty));
  }
  if (problems.length > 0) throw new PaperTasksProblem(`${problems.length} task file${problems.length === 1 ? '' : 's'} cannot be used; fix or remove ${problems.length === 1 ? 'it' : 'them'}:`, problems);
  return items;
}
