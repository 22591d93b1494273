/**
 * Checking a prediction on items the pilot did not use (docs/recommend.md,
 * "Verification"): which cells to run, and whether each prediction held.
 *
 * The verification runs the recommended cell, its neighbours in its family
 * (n − 2 and n + 2 when they are candidates, else the nearest candidate
 * size on that side) and the single agent of its model. When the single
 * agent is the recommendation, the best-ranked team stands in for the
 * neighbours: the check is then that the team is not better.
 *
 * A prediction's interval is for the cell's expected accuracy; a
 * verification on K fresh items measures it with its own sampling error.
 * The measured accuracy is accepted when it lies in the predicted interval
 * widened by that error: each side's half-width h becomes √(h² + (z·SE)²),
 * SE the item-clustered standard error of the measured accuracy (the
 * standard deviation of its per-item accuracies over √K), z = 1.96. Two
 * independent errors add in quadrature; the result is a 95% prediction
 * interval for what the verification measures.
 */
import type { Prediction, VerifiedCell } from '../../../shared/domain/recommend';
import { bootstrapMeans, percentile } from '../analysis/theory/resample';
import { Z95 } from '../analysis/intervals';
import type { Candidate, CandidateGrid } from './candidates';
import { percent } from './words';

export interface VerificationChoice {
  candidate: Candidate;
  role: VerifiedCell['role'];
}

/** Items a verification meets at the least: fewer would make "held" say little. */
export const MIN_VERIFICATION_ITEMS = 100;
const RESAMPLES = 1000;

function mainModel(candidate: Candidate): string {
  const counts = new Map<string, number>();
  for (const agent of candidate.cell.agents) counts.set(agent.model, (counts.get(agent.model) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? candidate.cell.model;
}

/** The cells to run, recommended first. `ranked` is every candidate index in rank order. */
export function verificationCells(grid: CandidateGrid, recommendedIndex: number, ranked: readonly number[]): VerificationChoice[] {
  const recommended = grid.candidates[recommendedIndex];
  if (!recommended) throw new Error(`internal: no candidate ${recommendedIndex}`);
  const chosen: VerificationChoice[] = [{ candidate: recommended, role: 'recommended' }];
  const add = (candidate: Candidate | undefined, role: VerifiedCell['role']) => {
    if (candidate && !chosen.some((c) => c.candidate.candidateIndex === candidate.candidateIndex)) chosen.push({ candidate, role });
  };
  if (recommended.cell.structure === 'single') {
    const team = ranked.map((i) => grid.candidates[i]).find((c) => c !== undefined && c.cell.structure !== 'single');
    add(team, 'neighbour');
    return chosen;
  }
  const family = grid.families.find((f) => f.key === recommended.familyKey)!.members;
  const n = recommended.cell.size;
  const below = family.filter((m) => m.cell.size < n);
  const above = family.filter((m) => m.cell.size > n);
  add(below.find((m) => m.cell.size === n - 2) ?? below[below.length - 1], 'neighbour');
  add(above.find((m) => m.cell.size === n + 2) ?? above[0], 'neighbour');
  const model = mainModel(recommended);
  const singles = grid.candidates.filter((c) => c.cell.structure === 'single');
  add(singles.find((s) => s.cell.model === model) ?? singles[0], 'single');
  return chosen;
}

export interface CellJudgement {
  measured: NonNullable<VerifiedCell['measured']>;
  standardError: number;
  accepted: { low: number; high: number };
  held: boolean;
}

export interface MeasuredCell {
  /** Accuracy per item met (repetitions averaged), failed trials counted as not correct. */
  perItem: readonly number[];
  trials: number;
  tokens: number;
  latencyMs: number;
}

/** Whether the measurement fell in the predicted interval widened by the measurement's own error. */
export function judge(predicted: Prediction, measured: MeasuredCell, seed: number): CellJudgement {
  const k = measured.perItem.length;
  const accuracy = k === 0 ? 0 : measured.perItem.reduce((a, b) => a + b, 0) / k;
  const variance = k < 2 ? 0 : measured.perItem.reduce((s, v) => s + (v - accuracy) ** 2, 0) / (k - 1);
  const standardError = k === 0 ? 0 : Math.sqrt(variance / k);
  const widen = (halfWidth: number) => Math.sqrt(halfWidth ** 2 + (Z95 * standardError) ** 2);
  const accepted = {
    low: Math.max(0, predicted.accuracy - widen(predicted.accuracy - predicted.low)),
    high: Math.min(1, predicted.accuracy + widen(predicted.high - predicted.accuracy)),
  };
  const draws = bootstrapMeans(measured.perItem.map((v) => [v]), seed, RESAMPLES)[0] ?? new Float64Array(0);
  const interval = draws.length > 0 && k > 0 ? { low: Math.min(accuracy, percentile(draws, 0.025)), high: Math.max(accuracy, percentile(draws, 0.975)) } : { low: accuracy, high: accuracy };
  return {
    measured: { accuracy, ...interval, trials: measured.trials, tokens: measured.tokens, latencyMs: measured.latencyMs },
    standardError,
    accepted,
    held: accuracy >= accepted.low - 1e-12 && accuracy <= accepted.high + 1e-12,
  };
}

export const HELD_METHOD =
  'A prediction held when the verification measured the cell\'s accuracy inside the predicted 95% interval widened by the verification\'s own sampling error: each side\'s half-width h became √(h² + (1.96·SE)²), SE the measured accuracy\'s standard error with items as the unit. Measured intervals: percentile bootstrap over the verification\'s items.';

export function summaryOf(cells: ReadonlyArray<{ label: string; size: number; role: VerifiedCell['role']; predicted: Prediction; judgement: CellJudgement }>, items: number): string {
  const held = cells.filter((c) => c.judgement.held).length;
  const misses = cells
    .filter((c) => !c.judgement.held)
    .map((c) => `${c.label} of ${c.size} measured ${percent(c.judgement.measured.accuracy)}, outside the accepted ${percent(c.judgement.accepted.low)} to ${percent(c.judgement.accepted.high)} (predicted ${percent(c.predicted.accuracy)})`);
  const head = held === cells.length ? `All ${cells.length} predictions held` : `${held} of ${cells.length} predictions held`;
  const recommended = cells.find((c) => c.role === 'recommended');
  const tail = recommended ? ` The recommended ${recommended.label} of ${recommended.size} measured ${percent(recommended.judgement.measured.accuracy)} against ${percent(recommended.predicted.accuracy)} predicted.` : '';
  return `${head} on ${items} items the pilot did not use.${misses.length > 0 ? ` Not held: ${misses.join('; ')}.` : ''}${tail}`;
}
