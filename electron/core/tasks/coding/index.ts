/**
 * The "coding" suite: each item is a coding job (TaskItem.job) that a
 * coding-team builds; its prompt is the project description every agent
 * reads first, and its answer "done" — the run is graded by whether every
 * subtask was marked done, its tests by the sandbox (docs/task-suites.md,
 * "coding"). Items are the jobs of every domain × chain length the spec
 * asks for, in that order, then again with other picks of functions.
 */
import type { CodingJob } from '../../../../shared/domain/jobs';
import { CODING_DEFAULTS, CODING_DOMAINS, codingChainLengths, type CodingDomain } from '../../../../shared/domain/task-spec';
import type { TaskItem, TaskSuite } from '../types';
import { generateCodingJob } from './generator';

export const CODING_SUITE_ID = 'coding';
/** A successful run's final answer. */
export const CODING_ANSWER = 'done';
/** The sim reads an item's hardness; a job's difficulty lies in its graph and its functions, so every job gets the middle. */
const JOB_HARDNESS = 0.5;

/** The coding suite's fields of a task spec, as the suite reads them (defaults filled in by codingJobs). */
export interface CodingSpec {
  p?: readonly number[] | undefined;
  criticalPath?: readonly number[] | undefined;
  domains?: readonly CodingDomain[] | undefined;
  subtasks?: number | undefined;
  shape?: CodingJob['shape'] | undefined;
  synthetic?: boolean | undefined;
}

/** The jobs a spec asks for: item k is combination k mod (domains × chains), replica k div that. */
export function codingJobs(spec: CodingSpec, count: number, seed: number): CodingJob[] {
  const domains = spec.domains ?? CODING_DOMAINS;
  const chains = codingChainLengths(spec);
  const combos = domains.flatMap((domain) => chains.map((criticalPath) => ({ domain, criticalPath })));
  return Array.from({ length: count }, (_, k) => {
    const combo = combos[k % combos.length]!;
    return generateCodingJob({
      ...combo,
      subtasks: spec.subtasks ?? CODING_DEFAULTS.subtasks,
      shape: spec.shape ?? CODING_DEFAULTS.shape,
      synthetic: spec.synthetic ?? CODING_DEFAULTS.synthetic,
      seed,
      replica: Math.floor(k / combos.length),
    });
  });
}

/** A job as a task item. */
export function jobItem(job: CodingJob, index: number, difficulty: number): TaskItem {
  return { index, suite: CODING_SUITE_ID, prompt: job.description, answer: CODING_ANSWER, difficulty, hardness: JOB_HARDNESS, distractors: [], job };
}

export const codingSuite: TaskSuite = {
  id: CODING_SUITE_ID,
  generate(options) {
    return codingJobs(options.coding ?? {}, options.count, options.seed).map((job, index) => jobItem(job, index, options.difficulty));
  },
  extract(reply) {
    return /\bdone\b/i.test(reply) ? CODING_ANSWER : null;
  },
  grade(_item, extracted) {
    return extracted === CODING_ANSWER;
  },
};
