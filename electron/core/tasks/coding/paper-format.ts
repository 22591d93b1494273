/**
 * Task files in the paper's JSON format (project, description, repository,
 * tasks[{id, title, description, dependencies, files, …}]) read as coding
 * jobs: Python files, its tests the test_suite.py (and conftest.py) beside
 * the file when there is one. Only what a job needs is read; the paper's
 * other fields (status, owner, priority, success_criteria) are ignored.
 */
import { z } from '../../../../shared/contract/schema';
import type { CodingJob, JobSubtask, JobTestFile } from '../../../../shared/domain/jobs';
import { criticalPathLength, parallelFraction, topologicalOrder } from './graph';

const paperTaskSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  description: z.string(),
  dependencies: z.array(z.string()).default([]),
  files: z.array(z.string()).default([]),
});

const paperFileSchema = z.object({
  project: z.string().min(1),
  description: z.string().default(''),
  repository: z.string().default('repo'),
  tasks: z.array(paperTaskSchema).min(1),
});

/** The test files a task file's folder holds, by their names in the paper's layout. */
export const PAPER_TEST_FILES = ['test_suite.py', 'conftest.py'] as const;

export interface PaperJobSource {
  /** Where the job says it came from, e.g. "amdahl_mathutilities20/p09". */
  name: string;
  /** The folder name it sits in, used as the job's domain (e.g. "amdahl_mathutilities20"). */
  domain: string;
  json: string;
  /** test_suite.py and conftest.py when they are there (empty when the tests are not wanted). */
  tests: JobTestFile[];
  /** Set when the spec allowed running the tests' Python on this computer. */
  hostPython: boolean;
}

/** A file path of the task, relative to the repository (the paper writes some as "repo/x.py"). */
function repositoryPath(path: string, repository: string): string {
  const root = repository.replace(/\/+$/, '');
  const clean = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return root !== '' && clean.startsWith(`${root}/`) ? clean.slice(root.length + 1) : clean;
}

/** The job, or what is wrong with the file in words (with the task's id where one is to blame). */
export function paperJob(source: PaperJobSource): { job: CodingJob } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(source.json);
  } catch (error) {
    return { problem: `is not JSON: ${(error as Error).message}` };
  }
  const parsed = paperFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { problem: `is not a task file in the paper's format: ${first.path.join('.') || '(root)'}: ${first.message}` };
  }
  const file = parsed.data;
  const ids = new Set<string>();
  for (const task of file.tasks) {
    if (ids.has(task.id)) return { problem: `lists task "${task.id}" twice` };
    ids.add(task.id);
  }
  for (const task of file.tasks) {
    const unknown = task.dependencies.find((dep) => !ids.has(dep));
    if (unknown !== undefined) return { problem: `task "${task.id}" depends on "${unknown}", which the file does not have` };
  }
  const subtasks: JobSubtask[] = file.tasks.map((task) => ({
    id: task.id,
    title: task.title,
    description: task.description,
    dependencies: task.dependencies,
    files: task.files.map((path) => repositoryPath(path, file.repository)),
  }));
  if (topologicalOrder(subtasks) === null) return { problem: 'has a cycle among its tasks\' dependencies' };
  const criticalPath = criticalPathLength(subtasks);
  return {
    job: {
      id: source.name,
      project: file.project,
      description: file.description,
      domain: source.domain,
      language: 'python',
      shape: 'chain',
      subtasks,
      criticalPath,
      p: parallelFraction(subtasks.length, criticalPath),
      tests: source.tests,
      // Which pytest test checks which task is not written anywhere: every test counts for the whole job.
      testsBySubtask: Object.fromEntries(subtasks.map((t) => [t.id, []])),
      ...(source.hostPython && source.tests.length > 0 ? { hostPython: true as const } : {}),
    },
  };
}
