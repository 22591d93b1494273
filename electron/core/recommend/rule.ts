/**
 * The recommendation rule (docs/recommend.md, "The rule"), on predicted
 * values only:
 *
 * - "accuracy": the best predicted accuracy among the cells within the
 *   budget; of the cells within `tolerance` of it, the one with the fewest
 *   predicted tokens per trial (ties: the more accurate, then the smaller).
 *   The rest follow by accuracy.
 * - "accuracy-per-token": the most predicted accuracy per token.
 * - A budget leaves out every cell predicted to spend more tokens per trial;
 *   they are ranked last, by accuracy.
 *
 * The bench applies the same rule to a full sweep's measured values.
 */
import type { Objective } from '../../../shared/domain/recommend';

export interface RuleCell {
  candidateIndex: number;
  accuracy: number;
  tokens: number;
  size: number;
}

export interface Ranking {
  /** Candidate indexes, best first. */
  order: number[];
  recommended: number;
  /** The most accurate cell within the budget. */
  best: number;
  withinBudget: Set<number>;
}

/** No cell is predicted to fit the budget; the message says what would. */
export class BudgetTooSmall extends Error {
  constructor(
    readonly budgetTokens: number,
    readonly cheapestTokens: number,
    readonly cheapestIndex: number,
  ) {
    super(`No candidate is predicted to spend at most ${budgetTokens} tokens per trial; the cheapest is predicted at ${Math.ceil(cheapestTokens)}.`);
  }
}

/** Slack for floating-point ties ("within 1 point" includes exactly 1 point). */
const EPSILON = 1e-9;

const byAccuracy = (a: RuleCell, b: RuleCell) => b.accuracy - a.accuracy || a.tokens - b.tokens || a.size - b.size || a.candidateIndex - b.candidateIndex;
const byTokens = (a: RuleCell, b: RuleCell) => a.tokens - b.tokens || b.accuracy - a.accuracy || a.size - b.size || a.candidateIndex - b.candidateIndex;
const perToken = (c: RuleCell) => c.accuracy / Math.max(c.tokens, EPSILON);

export function rankCells(cells: readonly RuleCell[], objective: Objective, budgetTokens: number | null, tolerance: number): Ranking {
  if (cells.length === 0) throw new Error('internal: no cells to rank');
  const fits = (c: RuleCell) => budgetTokens === null || c.tokens <= budgetTokens + EPSILON;
  const eligible = cells.filter(fits);
  const over = cells.filter((c) => !fits(c)).sort(byAccuracy);
  if (eligible.length === 0) {
    const cheapest = [...cells].sort(byTokens)[0]!;
    throw new BudgetTooSmall(budgetTokens!, cheapest.tokens, cheapest.candidateIndex);
  }
  const best = [...eligible].sort(byAccuracy)[0]!;
  let ranked: RuleCell[];
  if (objective === 'accuracy') {
    const close = eligible.filter((c) => c.accuracy >= best.accuracy - tolerance - EPSILON).sort(byTokens);
    const rest = eligible.filter((c) => !close.includes(c)).sort(byAccuracy);
    ranked = [...close, ...rest];
  } else {
    ranked = [...eligible].sort((a, b) => perToken(b) - perToken(a) || byTokens(a, b));
  }
  const order = [...ranked, ...over].map((c) => c.candidateIndex);
  return { order, recommended: order[0]!, best: best.candidateIndex, withinBudget: new Set(eligible.map((c) => c.candidateIndex)) };
}
