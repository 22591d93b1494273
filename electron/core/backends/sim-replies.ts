/**
 * The words of a sim reply: an opening, a sentence saying why (for intents
 * other than solve), a few sentences of working, then the final answer in one
 * of several styles, so that extractors meet the variety real models produce.
 * Which answer to give is decided in sim/behaviour.ts; this file only dresses
 * it. docs/sim-backend.md lists the styles.
 */
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
}

/** Writes an integer the way models vary it: sometimes with thousands separators, sometimes with a Unicode minus. */
function styleNumber(claimed: string, rng: Rng): string {
  if (!/^-?\d+$/.test(claimed)) return claimed;
  let text = claimed;
  if (Math.abs(Number(claimed)) >= 1000 && rng.next() < 0.25) text = text.replace(/\B(?=(\d{3})+$)/g, ',');
  if (text.startsWith('-') && rng.next() < 0.1) text = `\u2212${text.slice(1)}`;
  return text;
}

/** Plausible intermediate values around the claimed integer; none for non-numeric answers. */
function intermediateValues(claimed: string, count: number, rng: Rng): string[] {
  if (!/^-?\d+$/.test(claimed)) return [];
  const target = Number(claimed);
  const spread = Math.max(10, Math.abs(target) * 0.6);
  return Array.from({ length: count }, () => String(Math.round(target + rng.normal() * spread)));
}

function pickFinalStyle(formatCompliance: number, rng: Rng): (n: string) => string {
  if (rng.next() < formatCompliance) return FINAL_STYLES[0]!;
  return rng.pick(FINAL_STYLES.slice(1));
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
  working.push(/^-?\d+$/.test(plan.claimed) ? `That leaves ${shown}.` : `That gives ${shown}.`);
  // Before the final line, so an extractor that falls back on the last number still reads the answer.
  const confidence = plan.confidence === null || plan.confidence === undefined ? '' : `Confidence: ${plan.confidence}\n`;
  return `${[...lines, ...working].join(' ')}\n\n${confidence}${pickFinalStyle(plan.formatCompliance, rng)(shown)}`;
}
