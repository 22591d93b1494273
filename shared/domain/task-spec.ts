/**
 * The `tasks` section of an experiment spec: a generated suite, or the user's
 * own file of items. `docs/experiment-spec.md` ("tasks") explains every field;
 * the lab reads a file only when the experiment is created
 * (electron/core/tasks/items-for-spec.ts), so validation here checks the shape.
 */
import * as s from '../contract/schema';
import { z } from '../contract/schema';

export const TASK_SUITES = ['arithmetic', 'choice', 'word', 'jobs'] as const;

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

/** Fields that only mean something with `file`, and with `suite`. */
const FILE_ONLY = ['columns', 'format'] as const;

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
    },
    { description: 'The task items every team is asked to solve: a generated suite, or your own file.' },
  )
  .superRefine((tasks, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (tasks.suite === undefined && tasks.file === undefined) issue('suite', 'is required (or give a "file" to read items from)');
    if (tasks.suite !== undefined && tasks.file !== undefined) issue('file', 'give either tasks.suite or tasks.file, not both');
    if (tasks.suite !== undefined && tasks.count === undefined) issue('count', 'is required');
    if (tasks.parts !== undefined && tasks.suite !== 'jobs') issue('parts', 'only applies to the "jobs" suite');
    if (tasks.file === undefined) {
      for (const field of FILE_ONLY) if (tasks[field] !== undefined) issue(field, 'only applies to a file (tasks.file)');
    } else if (taskFileFormat(tasks.file, tasks.format) === null) {
      issue('format', `is required: the extension of ${JSON.stringify(tasks.file)} does not say whether it is "jsonl" or "csv"`);
    }
  })
  // The same rules for editors (the refinement above is what the lab checks): a suite or a file, and a suite's count.
  .meta({ oneOf: [{ required: ['suite'] }, { required: ['file'] }], if: { required: ['suite'] }, then: { required: ['count'] } });
