/**
 * Turns a list of functions (written or synthetic) into a CodingJob: one
 * subtask, one file and one test file per function, the board's dependencies
 * from what each function imports, reference solutions and buggy variants.
 */
import type { CodingJob, JobBug, JobShape, JobSubtask } from '../../../../shared/domain/jobs';
import type { CatalogueFunction } from './catalogue';
import { criticalPathLength, parallelFraction } from './graph';

export interface JobDraft {
  id: string;
  project: string;
  intro: string;
  domain: string;
  shape: JobShape;
  /** In board order: task-1 is the first. Every function's `uses` names a function earlier in the list. */
  functions: readonly CatalogueFunction[];
}

export const fileOf = (name: string): string => `${name}.js`;
export const testFileOf = (taskId: string): string => `tests/${taskId}.test.js`;

/** A test file for one function: it imports the harness and the function, and registers each test. */
export function testFileContent(fn: Pick<CatalogueFunction, 'name' | 'tests'>): string {
  const tests = fn.tests.map(([name, body]) => `test(${JSON.stringify(name)}, () => {\n  ${body}\n});`).join('\n\n');
  return `import { test, assert } from 'quorum:test';\nimport { ${fn.name} } from '../${fileOf(fn.name)}';\n\n${tests}\n`;
}

/** The buggy file: the reference with the mistake's text replaced; throws when the text is not there exactly once. */
export function applyBug(code: string, bug: { from: string; to: string; mistake: string }, where: string): string {
  const first = code.indexOf(bug.from);
  if (first < 0 || code.indexOf(bug.from, first + 1) >= 0) throw new Error(`${where}: the mistake "${bug.mistake}" must replace text found exactly once`);
  return code.slice(0, first) + bug.to + code.slice(first + bug.from.length);
}

function describeSubtask(fn: CatalogueFunction, taskOf: ReadonlyMap<string, string>): string {
  const file = fileOf(fn.name);
  const deps = fn.uses.map((dep) => `${dep} from ./${fileOf(dep)} (${taskOf.get(dep)})`);
  const needs = deps.length === 0 ? 'It imports nothing from the other tasks.' : `It imports ${deps.join(' and ')}: those tasks must be done first.`;
  return `Create ${file} exporting ${fn.summary} ${needs}`;
}

export function buildJob(draft: JobDraft): CodingJob {
  const taskOf = new Map(draft.functions.map((fn, i) => [fn.name, `task-${i + 1}`]));
  const subtasks: JobSubtask[] = draft.functions.map((fn, i) => {
    const missing = fn.uses.filter((dep) => !taskOf.has(dep));
    if (missing.length > 0) throw new Error(`job ${draft.id}: ${fn.name} uses ${missing.join(', ')}, which the job does not have`);
    return { id: `task-${i + 1}`, title: `Implement ${fn.name}`, description: describeSubtask(fn, taskOf), dependencies: fn.uses.map((dep) => taskOf.get(dep)!), files: [fileOf(fn.name)] };
  });
  const tests = draft.functions.map((fn, i) => ({ path: testFileOf(`task-${i + 1}`), content: testFileContent(fn) }));
  const testsBySubtask = Object.fromEntries(draft.functions.map((fn, i) => [`task-${i + 1}`, fn.tests.map(([name]) => `${testFileOf(`task-${i + 1}`)}::${name}`)]));
  const solutions = Object.fromEntries(draft.functions.map((fn) => [fileOf(fn.name), fn.code]));
  const bugs: Record<string, JobBug[]> = Object.fromEntries(
    draft.functions.map((fn) => [fileOf(fn.name), fn.bugs.map((bug) => ({ mistake: bug.mistake, content: applyBug(fn.code, bug, `${draft.id} ${fn.name}`) }))]),
  );
  const criticalPath = criticalPathLength(subtasks);
  return {
    id: draft.id,
    project: draft.project,
    description: projectDescription(draft, subtasks.length, criticalPath),
    domain: draft.domain,
    language: 'javascript',
    shape: draft.shape,
    subtasks,
    criticalPath,
    p: parallelFraction(subtasks.length, criticalPath),
    tests,
    testsBySubtask,
    solutions,
    bugs,
  };
}

function projectDescription(draft: JobDraft, n: number, c: number): string {
  return [
    `${draft.project}: ${draft.intro}`,
    `The job has ${n} tasks; its longest chain of dependencies is ${c} task${c === 1 ? '' : 's'} long.`,
    'Each task creates one JavaScript file at the root of the repository, an ES module exporting one function: write `export function name(…) { … }`, and import what a task uses from the other files with `import { name } from \'./name.js\'`. There is no Node.js: no file system, network, process, timers or packages — only plain JavaScript.',
    'Each task has its own tests, which import its file; a task is finished when its file is written and its tests pass.',
  ].join('\n\n');
}
