/**
 * The `tasks` section of an experiment spec: a generated suite, or the user's
 * own file of items. `docs/experiment-spec.md` ("tasks") explains every field;
 * the lab reads a file only when the experiment is created
 * (electron/core/tasks/items-for-spec.ts), so validation here checks the shape.
 */
import * as s from '../contract/schema';
import { z } from '../contract/schema';
import { JOB_SHAPES } from './jobs';

export const TASK_SUITES = ['arithmetic', 'choice', 'word', 'jobs', 'coding'] as const;

/** The domains Quorum's coding jobs are written in (docs/task-suites.md, "coding"). */
export const CODING_DOMAINS = ['math', 'text', 'geometry'] as const;
export type CodingDomain = (typeof CODING_DOMAINS)[number];

/** The coding suite's defaults: the paper's jobs (N = 20; p = 0.2, 0.5, 0.9) in every domain. */
export const CODING_DEFAULTS = { p: [0.2, 0.5, 0.9], subtasks: 20, shape: 'chain', synthetic: false } as const;

/** The longest chain C a parallel fraction p asks for: round(N × (1 − p)), at least 1 (so p = 0.2, 0.5, 0.9 give 16, 10, 2 at N = 20). */
export function chainLengthFor(subtasks: number, p: number): number {
  return Math.min(subtasks, Math.max(1, Math.round(subtasks * (1 - p))));
}

/** The chain lengths a coding spec asks for, in order: `criticalPath` as given, or one per `p`. */
export function codingChainLengths(tasks: { p?: readonly number[] | undefined; criticalPath?: readonly number[] | undefined; subtasks?: number | undefined }): number[] {
  const n = tasks.subtasks ?? CODING_DEFAULTS.subtasks;
  return tasks.criticalPath ? [...tasks.criticalPath] : (tasks.p ?? CODING_DEFAULTS.p).map((p) => chainLengthFor(n, p));
}

/** How many jobs a coding spec makes without `count`: one per domain and chain length. */
export function defaultCodingCount(tasks: Parameters<typeof codingChainLengths>[0] & { domains?: readonly string[] | undefined }): number {
  return (tasks.domains ?? CODING_DOMAINS).length * codingChainLengths(tasks).length;
}

/** One kind of item in a hardness mixture. */
const hardnessComponentSchema = s.object(
  {
    share: s.number({ min: 0, max: 1, description: 'Fraction of the items of this kind; the shares add up to 1.' }),
    mean: s.number({ min: 0.001, max: 0.999, description: 'Typical hardness of this kind, 0–1: its logit is the centre of the kind\'s hardness logits (a sim model\'s skill is its log-odds of a right answer at 0.5).' }),
    sd: s.number({ min: 0, max: 3, description: 'Spread of the hardness logit within this kind (default 0.6, the suite\'s own).' }).optional(),
  },
  { description: 'A kind of item: its share and its hardness.' },
);

/** A mix of easy and hard items instead of the suite's own hardness (which is one bump per difficulty). */
const hardnessSpecSchema = s
  .object(
    {
      mixture: z.array(hardnessComponentSchema).min(1).max(8).meta({ description: 'Kinds of items, e.g. 70% easy (mean 0.2) and 30% very hard (mean 0.85).' }),
    },
    { description: 'Item hardness drawn from a mixture of kinds instead of from the item\'s features: the sim reads it; the items themselves do not change.' },
  )
  .superRefine((hardness, ctx) => {
    const total = hardness.mixture.reduce((sum, c) => sum + c.share, 0);
    if (Math.abs(total - 1) > 0.001) ctx.addIssue({ code: 'custom', path: ['mixture'], message: `shares must add up to 1, got ${Math.round(total * 1000) / 1000}` });
  });

/** Formats a task file may be in; without `format`, the file's extension says which. */
export const TASK_FILE_FORMATS = ['jsonl', 'csv'] as const;
export type TaskFileFormatName = (typeof TASK_FILE_FORMATS)[number];

/** The format of a task file: `format` when given, else from the extension (.jsonl, .ndjson, .csv); null when neither says. */
export function taskFileFormat(file: string, format?: TaskFileFormatName): TaskFileFormatName | null {
  if (format) return format;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase();
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'csv') return 'csv';
  return null;
}

const columnName = (what: string, fallback: string) =>
  s.string({ minLength: 1, maxLength: 200, description: `The column (CSV) or key (JSONL) holding ${what} (default: ${fallback}).` });

const taskColumnsSchema = s.object(
  {
    question: columnName('the question', '"question"').optional(),
    answer: columnName('the answer', '"answer"').optional(),
    choices: columnName('the options of a multiple-choice row, as a JSON list or "|"-separated text', 'a "choices" column in the rows that have one').optional(),
  },
  { description: 'Which columns of the file hold the question, the answer and the (optional) choices.' },
);

/** Most items an experiment may skip with `tasks.offset`; a suite generates the skipped ones, so the cap keeps that quick. */
export const MAX_TASK_OFFSET = 100_000;

/** Fields that only mean something with `file`, with the coding suite, and with `paperTasks`. */
const FILE_ONLY = ['columns', 'format'] as const;
const CODING_ONLY = ['p', 'criticalPath', 'domains', 'subtasks', 'shape', 'synthetic'] as const;
const PAPER_ONLY = ['allowHostPython', 'withoutTests'] as const;

export const taskSpecSchema = s
  .object(
    {
      suite: s.oneOf(TASK_SUITES, { description: 'Which generated task suite to draw items from (or give `file` instead).' }).optional(),
      file: s
        .string({ minLength: 1, maxLength: 1000, description: 'Read the items from your own JSONL or CSV file instead of generating them: a path relative to the spec file\'s folder, or absolute. The rows are stored with the experiment.' })
        .optional(),
      count: s.integer({ min: 1, max: 100_000, description: 'How many items: required for a suite; for a file, the first `count` rows (default: every row).' }).optional(),
      offset: s
        .integer({
          min: 0,
          max: MAX_TASK_OFFSET,
          description:
            'Skip this many items first: a suite\'s items `offset` to `offset + count − 1` of the sequence its seed generates, or a file\'s rows after the first `offset` (default 0). A pilot and its verification use it to meet different items of the same task.',
        })
        .optional(),
      seed: s.integer({ min: 0, description: 'Seed for item generation; the same seed gives the same items.' }).default(1),
      difficulty: s
        .integer({ min: 1, max: 10, description: 'The suite\'s difficulty knob: arithmetic operations; choice: the question\'s; word: legs, products, machines or days; jobs: lines per order or list length.' })
        .default(3),
      hardness: hardnessSpecSchema.optional(),
      parts: s.integer({ min: 2, max: 16, description: 'The "jobs" suite: independent parts per item (default 4).' }).optional(),
      columns: taskColumnsSchema.optional(),
      format: s.oneOf(TASK_FILE_FORMATS, { description: 'The file\'s format; by default its extension says (.jsonl or .ndjson, .csv).' }).optional(),
      p: z
        .array(s.number({ min: 0, max: 0.99 }))
        .min(1)
        .max(20)
        .optional()
        .meta({ description: 'The "coding" suite: parallel fractions p = (N − C)/N of the jobs; each gives a longest chain C = round(N × (1 − p)) (default [0.2, 0.5, 0.9], the paper\'s).' }),
      criticalPath: z
        .array(s.integer({ min: 1, max: 200 }))
        .min(1)
        .max(20)
        .optional()
        .meta({ description: 'The "coding" suite: the longest dependency chains C of the jobs, instead of `p`.' }),
      domains: z
        .array(s.oneOf(CODING_DOMAINS))
        .min(1)
        .max(CODING_DOMAINS.length)
        .optional()
        .meta({ description: 'The "coding" suite: which domains to write jobs in (default all: math, text, geometry).' }),
      subtasks: s.integer({ min: 1, max: 200, description: 'The "coding" suite: subtasks per job, N (default 20).' }).optional(),
      shape: s.oneOf(JOB_SHAPES, { description: 'The "coding" suite: the dependency graph\'s shape: chain (the paper\'s: one chain plus independent subtasks), fan-out, fan-in or layered (default chain).' }).optional(),
      synthetic: z
        .boolean()
        .optional()
        .meta({ description: 'The "coding" suite: true makes every job of synthetic functions built from small operations, so jobs of every size and shape are alike; false (default) uses the domain\'s written functions where the job fits them (chain shape, C ≤ 16, N − C ≤ 18).' }),
      paperTasks: s
        .string({ minLength: 1, maxLength: 1000, description: 'Coding jobs from task files in the paper\'s JSON format: a .json file, or a folder searched for them (relative to the spec file\'s folder, or absolute). A test_suite.py beside a file holds its tests.' })
        .optional(),
      allowHostPython: z
        .boolean()
        .optional()
        .meta({ description: 'With `paperTasks`: run the jobs\' Python tests (test_suite.py) with pytest on this computer. The team\'s Python then runs outside the WebAssembly sandbox, in a subprocess with time and memory limits only (docs/sandbox.md).' }),
      withoutTests: z
        .boolean()
        .optional()
        .meta({ description: 'With `paperTasks`: import the jobs without running any tests, as the paper did: success is "every subtask marked done" and the final test-pass figure stays empty.' }),
    },
    { description: 'The task items every team is asked to solve: a generated suite, or your own file.' },
  )
  .superRefine((tasks, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const sources = (['suite', 'file', 'paperTasks'] as const).filter((field) => tasks[field] !== undefined);
    if (sources.length === 0) issue('suite', 'is required (or give a "file" to read items from, or "paperTasks")');
    if (sources.length > 1) issue(sources[1]!, `give one of tasks.suite, tasks.file and tasks.paperTasks, not ${sources.map((f) => `tasks.${f}`).join(' and ')}`);
    if (tasks.suite !== undefined && tasks.suite !== 'coding' && tasks.count === undefined) issue('count', 'is required');
    if (tasks.parts !== undefined && tasks.suite !== 'jobs') issue('parts', 'only applies to the "jobs" suite');
    if (tasks.suite !== 'coding') {
      for (const field of CODING_ONLY) if (tasks[field] !== undefined) issue(field, 'only applies to the "coding" suite');
    } else {
      codingIssues(tasks, issue);
    }
    if (tasks.paperTasks === undefined) {
      for (const field of PAPER_ONLY) if (tasks[field] !== undefined) issue(field, 'only applies to task files in the paper\'s format (tasks.paperTasks)');
    } else if (tasks.allowHostPython === true && tasks.withoutTests === true) {
      issue('withoutTests', 'give either allowHostPython (run the tests) or withoutTests (run none), not both');
    }
    if (tasks.file === undefined) {
      for (const field of FILE_ONLY) if (tasks[field] !== undefined) issue(field, 'only applies to a file (tasks.file)');
    } else if (taskFileFormat(tasks.file, tasks.format) === null) {
      issue('format', `is required: the extension of ${JSON.stringify(tasks.file)} does not say whether it is "jsonl" or "csv"`);
    }
  })
  // The same rules for editors (the refinement above is what the lab checks): a suite, a file or paper tasks, and a suite's count (the coding suite counts its own).
  .meta({
    oneOf: [{ required: ['suite'] }, { required: ['file'] }, { required: ['paperTasks'] }],
    if: { required: ['suite'], properties: { suite: { not: { const: 'coding' } } } },
    then: { required: ['count'] },
  })
  // The coding suite makes one job per domain and chain length unless told how many.
  .transform((tasks) => (tasks.suite === 'coding' && tasks.count === undefined ? { ...tasks, count: defaultCodingCount(tasks) } : tasks));

type CodingFields = { p?: number[] | undefined; criticalPath?: number[] | undefined; domains?: CodingDomain[] | undefined; subtasks?: number | undefined; shape?: (typeof JOB_SHAPES)[number] | undefined };

/** What the coding suite's fields cannot ask for together: a chain longer than the job, a fan with no fan, two domains alike. */
function codingIssues(tasks: CodingFields, issue: (path: string, message: string) => void): void {
  if (tasks.p !== undefined && tasks.criticalPath !== undefined) issue('criticalPath', 'give either tasks.p or tasks.criticalPath, not both');
  if (tasks.domains && new Set(tasks.domains).size !== tasks.domains.length) issue('domains', 'lists a domain twice');
  const n = tasks.subtasks ?? CODING_DEFAULTS.subtasks;
  const shape = tasks.shape ?? CODING_DEFAULTS.shape;
  const field = tasks.criticalPath ? 'criticalPath' : 'p';
  for (const c of codingChainLengths(tasks)) {
    if (c > n) issue(field, `asks for a chain of ${c} subtasks in a job of ${n}; lower it or raise tasks.subtasks`);
    else if ((shape === 'fan-out' || shape === 'fan-in') && (c < 2 || c === n)) {
      const fix = field === 'p' ? (c < 2 ? 'lower p' : 'raise p') : c < 2 ? 'raise it' : 'lower it';
      issue(field, `gives a chain of ${c} in a job of ${n} subtasks, but a ${shape} job needs a chain of at least 2 and shorter than the job; ${fix}, or use shape "chain"`);
    }
  }
}
