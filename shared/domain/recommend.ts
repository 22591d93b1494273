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
  structure: string;
  size: number;
  params: CellParams;
  label: string;
  predicted: Prediction;
  /** 1 = recommended; ties and near-ties ranked by tokens. */
  rank: number;
  /** How the prediction was made, e.g. "Condorcet with ρ = 0.31 from the pilot's vote answers". */
  basis: string;
  /** Measured in the pilot (or the experiment) at this exact cell, when it was. */
  measured: { accuracy: number; low: number; high: number; trials: number } | null;
}

/** The pilot's cost against the full sweep it stands in for. */
export interface PilotCost {
  calls: number;
  tokens: number;
  /** Pilot calls / the full sweep's calls (its grid over every item and repetition). */
  fractionOfFullSweep: number;
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

export interface Recommendation {
  predictionId: string;
  /** The experiment the models were fitted on (the pilot, or any finished experiment). */
  experimentId: string;
  objective: Objective;
  /** Tokens per trial a cell may spend, or null for no limit. */
  budgetTokens: number | null;
  recommended: CandidateCell;
  /** Every candidate, ranked (the recommended one first). */
  candidates: CandidateCell[];
  pilot: PilotCost;
  answers: Answer[];
  /** Why this cell, in a sentence or two. */
  reason: string;
  createdAt: number;
}

/** One cell of a verification run against what was predicted for it. */
export interface VerifiedCell {
  structure: string;
  size: number;
  params: CellParams;
  label: string;
  /** Why it was run: the recommended cell, a neighbour (n ± 2), or the single agent. */
  role: 'recommended' | 'neighbour' | 'single';
  predicted: Prediction;
  measured: { accuracy: number; low: number; high: number; trials: number; tokens: number; latencyMs: number };
  /** The measured accuracy fell inside the predicted interval, widened by the verification's own sampling error. */
  held: boolean;
}

export interface Verification {
  verificationId: string;
  predictionId: string;
  /** The experiment that ran the check, on items the pilot did not use. */
  experimentId: string;
  status: 'running' | 'completed' | 'failed';
  cells: VerifiedCell[];
  held: number;
  total: number;
  /** In words: which predictions held, and what that says. */
  summary: string;
}
