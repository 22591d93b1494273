/**
 * Pilot → predict → recommend → verify: the types the lab, the CLI and the
 * app share. A recommendation is made from a pilot (a small experiment on a
 * sample of items at a few sizes) or from any finished experiment, predicts
 * every candidate cell of a grid, and is checked by a verification run on
 * items the pilot did not use. All three are stored and linked in the
 * database, so a shared file carries the reasoning with the numbers.
 */
import type { CellParams } from './structures';

/**
 * What "best" means.
 * - `accuracy`: the cheapest cell (tokens per trial) whose predicted accuracy is within `tolerance` of the best predicted.
 * - `accuracy-per-token`: the cell with the most predicted accuracy per token.
 */
export const OBJECTIVES = ['accuracy', 'accuracy-per-token'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** Within this much accuracy of the best, the cheaper cell wins (objective "accuracy"). */
export const DEFAULT_TOLERANCE = 0.01;

/** The pilot's share of the full sweep's calls may not exceed this. */
export const PILOT_MAX_FRACTION = 0.1;

/** Where a recommendation's models were fitted: a pilot planned for a candidate grid, or any finished experiment (its own cells the candidates). */
export type RecommendationSource = 'pilot' | 'experiment';

export interface Prediction {
  accuracy: number;
  /** 95% interval for the cell's expected accuracy. */
  low: number;
  high: number;
  /** Mean tokens per trial. */
  tokens: number;
  /** Mean critical-path latency per trial, ms. */
  latencyMs: number;
}

/** A cell of the candidate grid with what the fitted models predict for it. */
export interface CandidateCell {
  /** Position in the candidate grid (the cells of the candidate spec in order, then any single agent the grid lacked). */
  candidateIndex: number;
  structure: string;
  /** Agents in the team. */
  size: number;
  params: CellParams;
  label: string;
  /** The team's one model, or "mixed". */
  model: string;
  /** Model calls and messages between agents per trial, from the structure registry's formulas (for a quorum vote, the most it can take). */
  calls: number;
  messages: number;
  predicted: Prediction;
  /**
   * 1 = recommended. Objective "accuracy": the cells within the tolerance of
   * the best by tokens, then the rest by accuracy; "accuracy-per-token": by
   * accuracy per token. Cells over the budget come last.
   */
  rank: number;
  /** Predicted to fit the token budget per trial (true when there is none). */
  withinBudget: boolean;
  /** True for a single agent the candidate grid did not list: it is always a candidate, since the first question is whether a team is worth it. */
  added: boolean;
  /** How the prediction was made, e.g. "Condorcet with ρ = 0.31 from the pilot's vote answers". */
  basis: string;
  /** Measured in the pilot (or the experiment) at this exact cell, when it was; the interval by resampling items. */
  measured: { accuracy: number; low: number; high: number; trials: number } | null;
}

/** The pilot's cost against the full sweep it stands in for. */
export interface PilotCost {
  /** The experiment that was measured (the pilot, or the experiment asked about). */
  experimentId: string;
  /** Model calls the pilot made. */
  calls: number;
  tokens: number;
  /** Calls the full sweep would make: the candidate grid over every item and repetition, counted with the registry's formulas. */
  fullSweepCalls: number;
  /** Pilot calls / the full sweep's calls. */
  fractionOfFullSweep: number;
  /** Items the pilot met (each once). */
  items: number;
  /** The pilot's cells, by label. */
  cells: string[];
}

/** One of the three questions, answered in words with its effect size and interval. */
export interface Answer {
  question: 'team-or-single' | 'how-many' | 'which-structure';
  /** The answer in plain words, e.g. "Yes: a vote of 7 is 9.5 points (4.1 to 14.8) more accurate than one agent." */
  words: string;
  /** The effect behind it: a difference in accuracy, in points of accuracy (0.095 = 9.5 points). */
  effect: number | null;
  low: number | null;
  high: number | null;
}

/** A stored verification of a prediction: where it ran and its verdict once judged. */
export interface VerificationRef {
  verificationId: string;
  experimentId: string;
  createdAt: number;
  /** Predictions that held, and how many were judged; null until the verification's experiment has completed and been judged. */
  held: number | null;
  total: number | null;
}

export interface Recommendation {
  predictionId: string;
  /** The experiment the models were fitted on (the pilot, or any finished experiment). */
  experimentId: string;
  source: RecommendationSource;
  objective: Objective;
  /** Tokens per trial a cell may spend, or null for no limit. */
  budgetTokens: number | null;
  /** Objective "accuracy": a cell this close to the best predicted accuracy counts as good as the best. */
  tolerance: number;
  /** What the intervals are and how they were drawn (resamples, seed), for captions. */
  method: string;
  recommended: CandidateCell;
  /** Every candidate, ranked (the recommended one first). */
  candidates: CandidateCell[];
  pilot: PilotCost;
  answers: Answer[];
  /** Why this cell, in a sentence or two. */
  reason: string;
  createdAt: number;
  /** Every verification of this prediction, oldest first: a shared database keeps the checks with the claim. */
  verifications: VerificationRef[];
}

/** One cell of a verification run against what was predicted for it. */
export interface VerifiedCell {
  structure: string;
  size: number;
  params: CellParams;
  label: string;
  /** Why it was run: the recommended cell, a neighbour (n ± 2), or the single agent. */
  role: 'recommended' | 'neighbour' | 'single';
  /** The candidate it checks (CandidateCell.candidateIndex). */
  candidateIndex: number;
  predicted: Prediction;
  /** Null until the verification's experiment has finished. */
  measured: { accuracy: number; low: number; high: number; trials: number; tokens: number; latencyMs: number } | null;
  /**
   * The predicted interval widened by the verification's own sampling error:
   * each side's half-width h becomes √(h² + (1.96·SE)²), SE the measured
   * accuracy's item-clustered standard error. Null until measured.
   */
  accepted: { low: number; high: number } | null;
  /** The measured accuracy fell inside `accepted`; null until measured. */
  held: boolean | null;
}

export interface Verification {
  verificationId: string;
  predictionId: string;
  /** The experiment that ran the check, on items the pilot did not use. */
  experimentId: string;
  status: 'running' | 'completed' | 'failed';
  /** Items the verification met: the task's items from `itemOffset` on, none of which the pilot used. */
  items: number;
  itemOffset: number;
  cells: VerifiedCell[];
  /** Cells whose prediction held, of those measured. */
  held: number;
  total: number;
  /** In words: which predictions held, and what that says. */
  summary: string;
  /** How "held" is judged, for captions. */
  method: string;
  createdAt: number;
}
