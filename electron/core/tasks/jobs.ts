/**
 * The "jobs" suite: decomposable jobs, an aggregate over k independent parts
 * (add up the totals of k orders; count the numbers meeting a condition across
 * k lists). The natural work of leader–worker and hierarchical teams: the
 * prompt lists the parts as "Part 1: …" lines a leader's split can follow,
 * `item.parts` holds each part's own answer so a worker's result is graded
 * against its part (`gradePart`), and the whole is graded on the final answer
 * with partial credit for a total that is off by exactly one part (`score`).
 * Knobs: `parts` (k, 2–16) and difficulty (lines per order, or 3 + 2·difficulty
 * numbers per list). docs/task-suites.md describes it.
 */
import { createRng, deriveSeed } from '../util/random';
import { canonicalNumber, extractNumber, numbersClose } from './extract';
import { checkGenerateOptions, itemHardness } from './hardness';
import { JOB_FAMILIES, type Job } from './jobs-families';
import type { GenerateOptions, TaskItem, TaskSuite } from './types';
import { fromHundredths } from './word-templates';

export const JOBS_SUITE_ID = 'jobs';
export const DEFAULT_JOB_PARTS = 4;
export const MIN_JOB_PARTS = 2;
export const MAX_JOB_PARTS = 16;
/** Half a cent: money totals are exact to the cent, counts are whole. */
export const JOBS_TOLERANCE = 0.005;

const INSTRUCTION = 'Show your working briefly, then end your reply with a line of the form "Answer: <number>".';

function buildPrompt(job: Job): string {
  const k = job.parts.length;
  return [
    `${job.intro} This job has ${k} independent parts: work out each part, then combine the parts' results.`,
    '',
    ...job.parts.map((part, i) => `Part ${i + 1}: ${part.prompt}`),
    '',
    `${job.question} ${INSTRUCTION}`,
  ].join('\n');
}

/**
 * Wrong totals, most tempting first: the last part left out (the commonest
 * slip on a long list), a lost carry (±$1 or ±1), the first part counted
 * twice or left out. All are distinct, non-negative and differ from the total.
 */
function distractors(job: Job, total: number): string[] {
  const first = job.parts[0]!.value;
  const last = job.parts[job.parts.length - 1]!.value;
  const unit = 100; // one dollar, or a count of one
  const candidates = [total - last, total + unit, total - unit, total + first, total - first, total + 10 * unit, total + 2 * unit];
  const chosen: string[] = [];
  for (const candidate of candidates) {
    const text = fromHundredths(candidate);
    if (candidate >= 0 && candidate !== total && !chosen.includes(text) && chosen.length < 5) chosen.push(text);
  }
  return chosen;
}

/**
 * Hardness logit before noise: −2.0 + 0.2·(k − 1) + 0.15·(difficulty − 1) + 0.3·[money].
 * Every part must be right for the total to be, so more parts and longer
 * parts make a job harder; adding money to the cent is harder than counting.
 */
export function jobLogit(k: number, difficulty: number, money: boolean): number {
  return -2.0 + 0.2 * (k - 1) + 0.15 * (difficulty - 1) + (money ? 0.3 : 0);
}

function generateItem(index: number, options: GenerateOptions, k: number): TaskItem {
  const { seed, difficulty } = options;
  // k is part of the stream's key: a job of 4 parts is not the first 4 parts of a job of 8.
  const rng = createRng(deriveSeed(seed, JOBS_SUITE_ID, difficulty, k, index));
  const family = JOB_FAMILIES[rng.int(0, JOB_FAMILIES.length - 1)]!;
  const job = family(rng, k, difficulty);
  const total = job.parts.reduce((sum, part) => sum + part.value, 0);
  return {
    index,
    suite: JOBS_SUITE_ID,
    prompt: buildPrompt(job),
    answer: fromHundredths(total),
    difficulty,
    hardness: itemHardness({ suite: JOBS_SUITE_ID, index, seed, difficulty, hardness: options.hardness }, jobLogit(k, difficulty, job.money), rng),
    distractors: distractors(job, total),
    parts: job.parts.map((part) => ({ prompt: part.prompt, answer: fromHundredths(part.value) })),
  };
}

function grade(item: TaskItem, extracted: string | null): boolean {
  return numbersClose(item.answer, extracted, JOBS_TOLERANCE);
}

/**
 * Credit for a total: 1 when right. A total that is the right one minus one
 * part's value (a part left out) or plus it (a part counted twice) earns
 * (k − 1)/k: every other part was worked out and added correctly, and only
 * one part's worth is missing or extra. Anything else earns 0, since a wrong
 * number does not say which parts were right. (A count off by one matches a
 * part whose count is 1: the rule cannot tell those apart.)
 */
function score(item: TaskItem, extracted: string | null): number {
  if (grade(item, extracted)) return 1;
  const parts = item.parts ?? [];
  const said = extracted === null ? null : canonicalNumber(extracted);
  if (said === null || parts.length === 0) return 0;
  const total = Number(item.answer);
  for (const part of parts) {
    const value = Number(part.answer);
    if (value === 0) continue;
    for (const near of [total - value, total + value]) {
      if (Math.abs(Number(said) - near) <= JOBS_TOLERANCE + 1e-9 * Math.max(1, Math.abs(near))) return (parts.length - 1) / parts.length;
    }
  }
  return 0;
}

export const jobsSuite: TaskSuite = {
  id: JOBS_SUITE_ID,
  generate(options: GenerateOptions): TaskItem[] {
    checkGenerateOptions(JOBS_SUITE_ID, options, { min: 1, max: 10, knob: 'lines per order, or 3 + 2·difficulty numbers per list' });
    const k = options.parts ?? DEFAULT_JOB_PARTS;
    if (!Number.isInteger(k) || k < MIN_JOB_PARTS || k > MAX_JOB_PARTS) throw new RangeError(`jobs parts must be an integer from ${MIN_JOB_PARTS} to ${MAX_JOB_PARTS}, got ${k}`);
    return Array.from({ length: options.count }, (_, index) => generateItem(index, options, k));
  },
  extract: (reply) => extractNumber(reply, { unitsMayFollow: true }),
  grade,
  score,
  gradePart: (item, part, extracted) => {
    const expected = item.parts?.[part]?.answer;
    return expected !== undefined && numbersClose(expected, extracted, JOBS_TOLERANCE);
  },
};
