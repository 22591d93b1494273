/**
 * The words of a sim reply: an opening, a sentence saying why (for intents
 * other than solve), a few sentences of working, then the final answer in one
 * of several styles, so that extractors meet the variety real models produce.
 * Which answer to give is decided in sim/behaviour.ts; this file only dresses
 * it. docs/sim-backend.md lists the styles.
 */
import { canonicalNumber } from '../tasks/extract';
import type { TaskItem } from '../tasks/types';
import type { Rng } from '../util/random';

const OPENINGS = [
  'Let me work through this step by step.',
  "Let's evaluate this carefully, following the order of operations.",
  'Okay, I will break this down.',
  'I will go in the usual order: brackets, then multiplication, then left to right.',
];

/** Working sentences never say "answer", "result" or "total", so an extractor cannot mistake them for the final line. */
const FIRST_STEPS = [
  (n: string) => `First, the innermost part gives ${n}.`,
  (n: string) => `Starting with the multiplications, I get ${n}.`,
  (n: string) => `The first step gives ${n}.`,
];
const LATER_STEPS = [
  (n: string) => `Next, going from left to right, that becomes ${n}.`,
  (n: string) => `Then I bring in the next term, which gives ${n}.`,
  (n: string) => `After that step the running value is ${n}.`,
  (n: string) => `Carrying on, I now have ${n}.`,
  (n: string) => `Applying the next operation gives ${n}.`,
];

/** One sentence per intermediate value, in order, reusing a phrasing only after all others were used. */
function workingSentences(values: readonly string[], rng: Rng): string[] {
  let pool: Array<(n: string) => string> = [];
  return values.map((value, i) => {
    if (i === 0) return rng.pick(FIRST_STEPS)(value);
    if (pool.length === 0) pool = [...LATER_STEPS];
    const [phrase] = pool.splice(rng.int(0, pool.length - 1), 1);
    return phrase!(value);
  });
}

/** The requested format comes first; a profile's `formatCompliance` is its probability. */
export const FINAL_STYLES: ReadonlyArray<(n: string) => string> = [
  (n) => `Answer: ${n}`,
  (n) => `So the result is **${n}**.`,
  (n) => `The final answer is $\\boxed{${n}}$.`,
  (n) => `The final answer is ${n}.`,
  (n) => `**Answer:** ${n}`,
  (n) => `Putting it all together, the expression = ${n}`,
  (n) => `Therefore, the value of the expression is ${n}.`,
];

/**
 * Final lines for a choice letter: the requested format first, then the forms
 * models use (bold, brackets, "correct option", JSON), each of which the
 * choice extractor reads.
 */
export const LETTER_STYLES: ReadonlyArray<(n: string) => string> = [
  (n) => `Answer: ${n}`,
  (n) => `So the answer is **(${n})**.`,
  (n) => `The correct option is ${n}.`,
  (n) => `**Answer:** ${n}`,
  (n) => `{"answer": "${n}"}`,
  (n) => `The final answer is $\\boxed{${n}}$.`,
];

/** Final lines for a free-text answer: each states it explicitly, since text is never guessed from the last words. */
export const TEXT_STYLES: ReadonlyArray<(n: string) => string> = [
  (n) => `Answer: ${n}`,
  (n) => `The final answer is ${n}.`,
  (n) => `**Answer:** ${n}`,
  (n) => `{"answer": "${n}"}`,
];

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+\.\d+$/;

/** Replies that give up: half trail off mid-working, half contain no number at all. */
const TRAILING_OFF = 'Hmm, wait, that does not look right. Let me recheck the';
const NO_NUMBER = [
  "I'm not able to work this out reliably, sorry.",
  'This expression is ambiguous to me; I would rather not guess.',
  'I keep getting different values for this, so I cannot give a confident figure.',
];

export interface ReplyPlan {
  /** The answer the agent means to give, as canonical text. */
  claimed: string;
  /** How many working sentences to write (the sim passes the item's difficulty). */
  steps: number;
  /** True for a reply without a clear final answer. */
  garbled: boolean;
  /** Probability of the requested "Answer: N" style. */
  formatCompliance: number;
  /** Why the reply gives this answer (sim/frames.ts), after the opening. */
  lead?: string | null;
  /** 0–100: a "Confidence: N" line just before the final line. */
  confidence?: number | null;
  /** What kind of answer the item takes, so the final line is one its extractor reads (default: a number). */
  answerKind?: AnswerKind;
}

/** An item's kind of answer: an option letter, a number, or free text (some file items). */
export type AnswerKind = 'letter' | 'number' | 'text';

export function answerKindOf(item: Pick<TaskItem, 'answer' | 'choices'>): AnswerKind {
  if (item.choices) return 'letter';
  return canonicalNumber(item.answer) !== null ? 'number' : 'text';
}

/** Writes an integer the way models vary it: sometimes with thousands separators, sometimes with a Unicode minus. */
function styleNumber(claimed: string, rng: Rng): string {
  if (!/^-?\d+$/.test(claimed)) return claimed;
  let text = claimed;
  if (Math.abs(Number(claimed)) >= 1000 && rng.next() < 0.25) text = text.replace(/\B(?=(\d{3})+$)/g, ',');
  if (text.startsWith('-') && rng.next() < 0.1) text = `\u2212${text.slice(1)}`;
  return text;
}

/** Plausible intermediate values around the claimed number (at its own decimals); none for non-numeric answers. */
function intermediateValues(claimed: string, count: number, rng: Rng): string[] {
  const decimal = DECIMAL.test(claimed);
  if (!INTEGER.test(claimed) && !decimal) return [];
  const target = Number(claimed);
  const spread = Math.max(10, Math.abs(target) * 0.6);
  if (!decimal) return Array.from({ length: count }, () => String(Math.round(target + rng.normal() * spread)));
  const decimals = claimed.split('.')[1]!.length;
  return Array.from({ length: count }, () => Math.abs(target + rng.normal() * spread).toFixed(decimals));
}

/** The styles the item's extractor reads: a choice letter's, free text's (explicit markers only), else the numeric ones. */
function stylesFor(kind: AnswerKind): ReadonlyArray<(n: string) => string> {
  if (kind === 'letter') return LETTER_STYLES;
  return kind === 'text' ? TEXT_STYLES : FINAL_STYLES;
}

function pickFinalStyle(formatCompliance: number, rng: Rng, styles: ReadonlyArray<(n: string) => string>): (n: string) => string {
  if (rng.next() < formatCompliance) return styles[0]!;
  return rng.pick(styles.slice(1));
}

export function composeReply(plan: ReplyPlan, rng: Rng): string {
  const steps = Math.max(1, Math.min(10, Math.round(plan.steps)));
  const lines = [rng.pick(OPENINGS), ...(plan.lead ? [plan.lead] : [])];
  const working = workingSentences(intermediateValues(plan.claimed, Math.max(0, steps - 1), rng), rng);
  if (plan.garbled) {
    if (rng.next() < 0.5) return [...lines, ...working, TRAILING_OFF].join(' ');
    return [...lines, rng.pick(NO_NUMBER)].join(' ');
  }
  const shown = styleNumber(plan.claimed, rng);
  working.push(INTEGER.test(plan.claimed) || DECIMAL.test(plan.claimed) ? `That leaves ${shown}.` : plan.answerKind === 'letter' ? `That matches option ${shown}.` : `That gives ${shown}.`);
  // Before the final line, so an extractor that falls back on the last number still reads the answer.
  const confidence = plan.confidence === null || plan.confidence === undefined ? '' : `Confidence: ${plan.confidence}\n`;
  return `${[...lines, ...working].join(' ')}\n\n${confidence}${pickFinalStyle(plan.formatCompliance, rng, stylesFor(plan.answerKind ?? 'number'))(shown)}`;
}
