/** The task suites Quorum knows, by id. */
import { arithmeticSuite } from './arithmetic';
import type { TaskSuite } from './types';

export type { GenerateOptions, TaskItem, TaskSuite } from './types';
export { arithmeticSuite, ARITHMETIC_SUITE_ID, MAX_DIFFICULTY, MIN_DIFFICULTY } from './arithmetic';
export { canonicalNumber, extractNumber, numbersMatch } from './extract';

const SUITES: ReadonlyMap<string, TaskSuite> = new Map([[arithmeticSuite.id, arithmeticSuite]]);

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
