/**
 * The "word" suite: word problems from templates with quantities, units and
 * rates (word-templates.ts), generated from a seed, with exact numeric answers
 * of at most two decimals. The difficulty knob is how many legs, products,
 * machines or days a question chains (1..10). Replies are graded numerically
 * with a tolerance of half a cent, so "12.75", "12.750" and "$12.75" are right
 * and "12.8" (rounded) is not. docs/task-suites.md describes it.
 */
import { createRng, deriveSeed, type Rng } from '../util/random';
import { extractNumber, numbersClose } from './extract';
import { checkGenerateOptions, itemHardness } from './hardness';
import type { GenerateOptions, TaskItem, TaskSuite } from './types';
import { WORD_TEMPLATES, type WordProblem } from './word-templates';

export const WORD_SUITE_ID = 'word';
/** Half a hundredth: answers are exact to two decimals, so this accepts only what rounds to them. */
export const WORD_TOLERANCE = 0.005;
export const WORD_MIN_DIFFICULTY = 1;
export const WORD_MAX_DIFFICULTY = 10;

export const WORD_INSTRUCTION = 'Give the exact value (it has at most two decimal places). Show your working briefly, then end your reply with a line of the form "Answer: <number>".';

/** One problem from a template drawn uniformly; `difficulty` is its size. */
export function drawWordProblem(rng: Rng, difficulty: number): WordProblem & { template: string } {
  const template = rng.pick(WORD_TEMPLATES);
  return { ...template.build(rng, difficulty), template: template.id };
}

/**
 * The logit of a problem's hardness before noise:
 * −1.6 + 0.25·(steps − 1) + 0.4·[converts a unit] + 0.2·[decimal answer].
 * Reading the problem and keeping units straight is work arithmetic does not
 * ask for, hence a higher offset than arithmetic's −1.9 and a term per conversion.
 */
export function wordLogit(problem: WordProblem): number {
  return -1.6 + 0.25 * (problem.steps - 1) + (problem.converts ? 0.4 : 0) + (problem.answer.includes('.') ? 0.2 : 0);
}

function generateItem(index: number, options: GenerateOptions): TaskItem {
  const { seed, difficulty } = options;
  const rng = createRng(deriveSeed(seed, WORD_SUITE_ID, difficulty, index));
  const problem = drawWordProblem(rng, difficulty);
  return {
    index,
    suite: WORD_SUITE_ID,
    prompt: `${problem.question}\n\n${WORD_INSTRUCTION}`,
    answer: problem.answer,
    difficulty,
    hardness: itemHardness({ suite: WORD_SUITE_ID, index, seed, difficulty, hardness: options.hardness }, wordLogit(problem), rng),
    distractors: problem.distractors,
  };
}

export const wordSuite: TaskSuite = {
  id: WORD_SUITE_ID,
  generate(options: GenerateOptions): TaskItem[] {
    checkGenerateOptions(WORD_SUITE_ID, options, { min: WORD_MIN_DIFFICULTY, max: WORD_MAX_DIFFICULTY, knob: 'legs, products, machines or days per problem' });
    return Array.from({ length: options.count }, (_, index) => generateItem(index, options));
  },
  extract: (reply) => extractNumber(reply, { unitsMayFollow: true }),
  grade: (item, extracted) => numbersClose(item.answer, extracted, WORD_TOLERANCE),
};
