/** The task suites Quorum knows, by id. */
import type { TaskSpec } from '../../../shared/domain/spec';
import { arithmeticSuite } from './arithmetic';
import { CODING_SUITE_ID, codingSuite } from './coding';
import { choiceSuite } from './choice';
import { FILE_SUITE_ID } from './file-items';
import { fileSuite } from './file-suite';
import { jobsSuite } from './jobs';
import type { TaskItem, TaskSuite } from './types';
import { wordSuite } from './word';

export type { GenerateOptions, TaskItem, TaskSuite } from './types';
export { arithmeticSuite, ARITHMETIC_SUITE_ID, MAX_DIFFICULTY, MIN_DIFFICULTY } from './arithmetic';
export { choiceSuite, CHOICE_SUITE_ID } from './choice';
export { wordSuite, WORD_SUITE_ID } from './word';
export { jobsSuite, JOBS_SUITE_ID } from './jobs';
export { codingSuite, CODING_SUITE_ID } from './coding';
export { fileSuite } from './file-suite';
export { FILE_SUITE_ID } from './file-items';
export { canonicalNumber, extractNumber, numbersClose, numbersMatch } from './extract';
export { extractChoice } from './choice-extract';

/** Generated suites first, in the order the spec lists them; "file" grades items read from a user's file. */
const SUITES: ReadonlyMap<string, TaskSuite> = new Map([arithmeticSuite, choiceSuite, wordSuite, jobsSuite, codingSuite, fileSuite].map((suite) => [suite.id, suite]));

/** Ids of every registered suite, in registration order. */
export function knownTaskSuites(): string[] {
  return [...SUITES.keys()];
}

export function getTaskSuite(id: string): TaskSuite {
  const suite = SUITES.get(id);
  if (!suite) {
    const known = knownTaskSuites().map((k) => `"${k}"`).join(', ');
    throw new Error(`Unknown task suite "${id}". Known suites: ${known}.`);
  }
  return suite;
}

/** The suite that reads and grades a spec's items: its generated suite, "file" for items read from a file, "coding" for task files in the paper's format. */
export function suiteForTasks(tasks: Pick<TaskSpec, 'suite' | 'file'> & Partial<Pick<TaskSpec, 'paperTasks'>>): TaskSuite {
  if (tasks.paperTasks !== undefined) return getTaskSuite(CODING_SUITE_ID);
  return getTaskSuite(tasks.file !== undefined ? FILE_SUITE_ID : (tasks.suite ?? ''));
}

/** A generated suite's items, as the spec asks for them (a file's are read by itemsForSpec). */
export function generatedItems(tasks: TaskSpec): TaskItem[] {
  if (tasks.suite === undefined || tasks.count === undefined) throw new Error('generatedItems needs tasks.suite and tasks.count (a file\'s items are read by itemsForSpec)');
  const offset = tasks.offset ?? 0;
  const items = getTaskSuite(tasks.suite).generate({
    count: offset + tasks.count,
    seed: tasks.seed,
    difficulty: tasks.difficulty,
    ...(tasks.hardness ? { hardness: tasks.hardness } : {}),
    ...(tasks.parts !== undefined ? { parts: tasks.parts } : {}),
    ...(tasks.suite === CODING_SUITE_ID ? { coding: tasks } : {}),
  });
  // Each item is made from its own index, so skipping the first `offset` leaves the rest as they were; positions restart at 0.
  return offset === 0 ? items : items.slice(offset).map((item, index) => ({ ...item, index }));
}
