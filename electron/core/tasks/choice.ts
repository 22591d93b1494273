/**
 * The "choice" suite: multiple choice with four options, A–D. Each item asks
 * an arithmetic question or a word problem (half each, drawn per item) and
 * offers the right value among three wrong ones, which are the question's own
 * distractors: the value read left to right, a lost carry, minutes read as
 * decimal hours… So the wrong options are the mistakes a solver really makes,
 * and `distractors` lists the wrong letters in that order of temptation: the
 * sim's wrong answers then pile onto the same letters, as real models' do.
 * The difficulty knob is the question's (operations, or legs/products of a
 * word problem). docs/task-suites.md describes it.
 */
import { createRng, deriveSeed, type Rng } from '../util/random';
import { ARITHMETIC_QUESTION, drawArithmetic } from './arithmetic';
import { extractChoice, labelsFor } from './choice-extract';
import { checkGenerateOptions, itemHardness, mixtureHardness } from './hardness';
import type { GenerateOptions, TaskItem, TaskSuite } from './types';
import { drawWordProblem, wordLogit } from './word';
import { dollars } from './word-templates';

export const CHOICE_SUITE_ID = 'choice';
export const CHOICE_OPTIONS = 4;
export const CHOICE_MIN_DIFFICULTY = 1;
export const CHOICE_MAX_DIFFICULTY = 10;

interface Question {
  text: string;
  /** Option texts: the right one, then the wrong ones most tempting first. */
  right: string;
  wrong: string[];
  hardness: number;
}

function arithmeticQuestion(rng: Rng, options: GenerateOptions, index: number): Question {
  const drawn = drawArithmetic(rng, options.difficulty);
  const hardness = options.hardness ? mixtureHardness(options.hardness, CHOICE_SUITE_ID, index, options.seed, options.difficulty) : drawn.ownHardness;
  return { text: `${ARITHMETIC_QUESTION}\n\n${drawn.expression}`, right: String(drawn.answer), wrong: drawn.distractors, hardness };
}

function wordQuestion(rng: Rng, options: GenerateOptions, index: number): Question {
  const problem = drawWordProblem(rng, options.difficulty);
  // Money is shown as money ("$12.50"): an option reading "12.5" would look wrong to a reader.
  const show = (value: string): string => (problem.money ? dollars(Math.round(Number(value) * 100)) : value);
  const hardness = itemHardness({ suite: CHOICE_SUITE_ID, index, seed: options.seed, difficulty: options.difficulty, hardness: options.hardness }, wordLogit(problem), rng);
  return { text: problem.question, right: show(problem.answer), wrong: problem.distractors.map(show), hardness };
}

/** Fisher–Yates, so every order of the options is equally likely. */
function shuffled<T>(values: readonly T[], rng: Rng): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function choicePrompt(question: string, choices: readonly string[]): string {
  const labels = labelsFor(choices.length);
  const options = choices.map((choice, i) => `${labels[i]}) ${choice}`).join('\n');
  const letters = `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
  return `${question}\n\n${options}\n\nShow your working briefly, then end your reply with a line of the form "Answer: <letter>" (${letters}).`;
}

function generateItem(index: number, options: GenerateOptions): TaskItem {
  const rng = createRng(deriveSeed(options.seed, CHOICE_SUITE_ID, options.difficulty, index));
  const question = rng.next() < 0.5 ? arithmeticQuestion(rng, options, index) : wordQuestion(rng, options, index);
  const wrong = question.wrong.slice(0, CHOICE_OPTIONS - 1);
  const choices = shuffled([question.right, ...wrong], rng);
  const labels = labelsFor(choices.length);
  const labelOf = (text: string): string => labels[choices.indexOf(text)]!;
  return {
    index,
    suite: CHOICE_SUITE_ID,
    prompt: choicePrompt(question.text, choices),
    answer: labelOf(question.right),
    difficulty: options.difficulty,
    hardness: question.hardness,
    distractors: wrong.map(labelOf),
    choices,
  };
}

export const choiceSuite: TaskSuite = {
  id: CHOICE_SUITE_ID,
  generate(options: GenerateOptions): TaskItem[] {
    checkGenerateOptions(CHOICE_SUITE_ID, options, { min: CHOICE_MIN_DIFFICULTY, max: CHOICE_MAX_DIFFICULTY, knob: 'operations or quantities in the question' });
    return Array.from({ length: options.count }, (_, index) => generateItem(index, options));
  },
  // Without the item only the letters A–D can be read (no option texts): the engine always passes it.
  extract: (reply, item) => extractChoice(reply, item?.choices ?? Array<string>(CHOICE_OPTIONS).fill('')),
  grade: (item, extracted) => extracted !== null && extracted === item.answer,
};
