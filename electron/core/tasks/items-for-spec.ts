/**
 * The items an experiment spec asks for, made once when the experiment is
 * created: generated from a suite, or read from the user's file and checked
 * row by row. Either way they are stored with the experiment, so the
 * database stays self-contained and a moved or edited file changes nothing.
 */
import { readFile, stat } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Issue } from '../../../shared/contract/schema';
import { expandCells, MAX_TRIALS, taskFileFormat, type ExperimentSpec, type TaskSpec } from '../../../shared/domain/spec';
import { LabFailure } from '../lab-errors';
import { readRows } from './file-rows';
import { itemsFromRows, type FileColumns } from './file-items';
import { generatedItems } from './index';
import { paperTaskItems, PaperTasksProblem } from './coding/paper-items';
import type { TaskItem } from './types';

/** Past this, say so rather than read a file that is surely not a task list. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Bad rows listed in one error; past it, how many more there are. */
export const MAX_LISTED_PROBLEMS = 20;

export interface ItemSource {
  /** The createExperiment source: a spec file's path (CLI), an example's id (the app), "designer", or none. */
  source?: string | null;
  /** The examples folder, where an example's files are looked up. */
  examplesDir?: string;
  /** Where relative paths start when the source names no file (default: the process's working directory). */
  cwd?: string;
}

export interface SpecItems {
  items: TaskItem[];
  /** The spec with `tasks.count` set to the number of items, as it is stored and planned. */
  spec: ExperimentSpec;
}

function invalid(message: string, issues: Issue[]): LabFailure {
  return new LabFailure('invalid_spec', `${message}\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`, issues);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a relative path may be: beside the spec file when the source is one,
 * in the examples folder for an example; otherwise (the Designer, an API call
 * without a source) the working directory, then the examples folder.
 */
export function candidatePaths(file: string, where: ItemSource): string[] {
  if (isAbsolute(file)) return [file];
  const cwd = where.cwd ?? process.cwd();
  const bases: string[] = [];
  if (where.source) {
    const specPath = resolve(cwd, where.source);
    if (isFile(specPath)) bases.push(dirname(specPath));
    else if (where.examplesDir && isFile(join(where.examplesDir, `${where.source}.json`))) bases.push(where.examplesDir);
  }
  if (bases.length === 0) bases.push(cwd, ...(where.examplesDir ? [where.examplesDir] : []));
  return [...new Set(bases.map((base) => resolve(base, file)))];
}

async function readTaskFile(file: string, where: ItemSource): Promise<string> {
  const candidates = candidatePaths(file, where);
  const path = candidates.find(isFile);
  if (path === undefined) {
    const looked = candidates.length === 1 ? candidates[0]! : `${candidates.slice(0, -1).join(', ')} and ${candidates[candidates.length - 1]!}`;
    throw invalid('The task file cannot be found.', [
      { path: 'tasks.file', message: `${JSON.stringify(file)} was not found (looked for ${looked}); give a path relative to the spec file's folder, or an absolute path` },
    ]);
  }
  try {
    const size = (await stat(path)).size;
    if (size > MAX_FILE_BYTES) throw new Error(`it is ${Math.round(size / 1e6)} MB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB a task file may have`);
    return await readFile(path, 'utf8');
  } catch (error) {
    throw invalid('The task file cannot be read.', [{ path: 'tasks.file', message: `${path} cannot be read: ${(error as Error).message}` }]);
  }
}

function columnsOf(tasks: TaskSpec): FileColumns {
  const columns = tasks.columns ?? {};
  return { question: columns.question ?? 'question', answer: columns.answer ?? 'answer', choices: columns.choices ?? 'choices', choicesExplicit: columns.choices !== undefined };
}

async function fileItems(spec: ExperimentSpec, file: string, where: ItemSource): Promise<TaskItem[]> {
  const { tasks } = spec;
  const format = taskFileFormat(file, tasks.format);
  if (format === null) throw invalid('The task file\'s format is unknown.', [{ path: 'tasks.format', message: 'is required: say "jsonl" or "csv"' }]);
  const read = readRows(await readTaskFile(file, where), format);
  const { items, problems } = itemsFromRows(read, columnsOf(tasks), { seed: tasks.seed, difficulty: tasks.difficulty, hardness: tasks.hardness });
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ path: 'tasks.file', message: `${file} line ${p.line}: ${p.problem}` }));
    const more = problems.length - listed.length;
    if (more > 0) listed.push({ path: 'tasks.file', message: `${file}: ${more} more bad row${more === 1 ? '' : 's'} not listed` });
    throw invalid(`${file} has ${problems.length} bad row${problems.length === 1 ? '' : 's'}; fix ${problems.length === 1 ? 'it' : 'them'} and create the experiment again (no row is skipped):`, listed);
  }
  if (items.length === 0) throw invalid('The task file holds no items.', [{ path: 'tasks.file', message: `${file} has no rows; add one ${format === 'csv' ? 'line per item after the header' : 'JSON object per line'}` }]);
  const offset = tasks.offset ?? 0;
  if (offset >= items.length) {
    throw invalid('The task file is shorter than the spec asks.', [
      { path: 'tasks.offset', message: `skips ${offset} rows but ${file} has ${items.length} row${items.length === 1 ? '' : 's'}; lower tasks.offset` },
    ]);
  }
  if (tasks.count !== undefined && offset + tasks.count > items.length) {
    const after = offset > 0 ? ` after skipping ${offset}` : '';
    throw invalid('The task file is shorter than the spec asks.', [
      { path: 'tasks.count', message: `asks for ${tasks.count} items${after} but ${file} has ${items.length} row${items.length === 1 ? '' : 's'}; lower tasks.count or leave it out to use every row` },
    ]);
  }
  const kept = items.slice(offset, tasks.count === undefined ? undefined : offset + tasks.count);
  return offset === 0 ? kept : kept.map((item, index) => ({ ...item, index }));
}

/** Jobs from task files in the paper's format, with `count` and `offset` applied as to a file's rows. */
async function paperItems(tasks: TaskSpec, path: string, where: ItemSource): Promise<TaskItem[]> {
  const candidates = candidatePaths(path, where);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw invalid('The task files cannot be found.', [{ path: 'tasks.paperTasks', message: `${JSON.stringify(path)} was not found (looked for ${candidates.join(', ')}); give a folder or .json file relative to the spec file's folder, or an absolute path` }]);
  }
  let items: TaskItem[];
  try {
    items = await paperTaskItems(found, tasks);
  } catch (error) {
    if (error instanceof PaperTasksProblem) throw invalid(error.message, error.issues);
    throw error;
  }
  const offset = tasks.offset ?? 0;
  const end = tasks.count === undefined ? undefined : offset + tasks.count;
  if (offset >= items.length || (end !== undefined && end > items.length)) {
    throw invalid('There are fewer task files than the spec asks.', [{ path: 'tasks.count', message: `asks for items ${offset + 1} to ${end ?? items.length} but ${found} holds ${items.length} task file${items.length === 1 ? '' : 's'}` }]);
  }
  return items.slice(offset, end).map((item, index) => ({ ...item, index }));
}

/**
 * The spec's items, and the spec as planned (with its item count). Throws a
 * LabFailure('invalid_spec') naming the file, the line and the problem when
 * the file cannot be used, and when its rows make the grid too large.
 */
export async function itemsForSpec(spec: ExperimentSpec, where: ItemSource = {}): Promise<SpecItems> {
  const file = spec.tasks.file;
  const paperTasks = spec.tasks.paperTasks;
  if (file === undefined && paperTasks === undefined) return { items: generatedItems(spec.tasks), spec };
  const items = file !== undefined ? await fileItems(spec, file, where) : await paperItems(spec.tasks, paperTasks!, where);
  const planned: ExperimentSpec = { ...spec, tasks: { ...spec.tasks, count: items.length } };
  // The spec was checked without knowing the file's length: check the grid's size again with it.
  const trials = expandCells(planned).length * items.length * planned.repetitions;
  if (trials > MAX_TRIALS) {
    throw invalid('The experiment is too large.', [{ path: '(root)', message: `plans ${trials} trials, more than the ${MAX_TRIALS} allowed; lower tasks.count or repetitions` }]);
  }
  return { items, spec: planned };
}
