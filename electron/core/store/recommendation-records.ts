/** Pilots, predictions and verifications as the store writes and reads them (migration 004, docs/database.md). */
import type { Answer, CandidateCell, Objective, RecommendationSource, VerifiedCell } from '../../../shared/domain/recommend';
import type { ExperimentSpec } from '../../../shared/domain/spec';

/** Why a cell is in a pilot: the single agent, the vote whose answers feed Condorcet, or an anchor of a structure without a closed form. */
export type PilotCellRole = 'single' | 'pool' | 'anchor';

export interface PilotCellRecord {
  cellIndex: number;
  candidateIndex: number;
  role: PilotCellRole;
}

export interface PilotRecord {
  experimentId: string;
  candidateSpec: ExperimentSpec;
  candidateCells: number;
  candidateItems: number;
  candidateRepetitions: number;
  fullSweepCalls: number;
  plannedCalls: number;
  plannedFraction: number;
  items: number;
  itemOffset: number;
  objective: Objective;
  budgetTokens: number | null;
  design: string;
  createdAt: number;
  cells: PilotCellRecord[];
}

/** A prediction as stored: the recommendation's own fields, and what it was computed with. */
export interface PredictionRecord {
  predictionId: string;
  experimentId: string;
  source: RecommendationSource;
  objective: Objective;
  budgetTokens: number | null;
  tolerance: number;
  recommendedIndex: number;
  reason: string;
  pilotCalls: number;
  pilotTokens: number;
  pilotItems: number;
  fullSweepCalls: number;
  fractionOfFullSweep: number;
  seed: number;
  resamples: number;
  methodVersion: number;
  method: string;
  quorumVersion: string | null;
  createdAt: number;
  candidates: CandidateCell[];
  answers: Answer[];
}

export interface VerificationCellRecord {
  cellIndex: number;
  candidateIndex: number;
  role: VerifiedCell['role'];
}

export interface VerificationRecord {
  verificationId: string;
  predictionId: string;
  experimentId: string;
  itemOffset: number;
  items: number;
  createdAt: number;
  cells: VerificationCellRecord[];
  /** Null until the verification's experiment has finished and been evaluated. */
  evaluation: VerificationEvaluation | null;
}

/** What a finished verification found, cell by cell. */
export interface VerificationEvaluation {
  held: number;
  total: number;
  summary: string;
  evaluatedAt: number;
  cells: Array<{
    cellIndex: number;
    measured: NonNullable<VerifiedCell['measured']>;
    standardError: number;
    accepted: { low: number; high: number };
    held: boolean;
  }>;
}

/** A voter's first answer in a pool cell, with what the call took. */
export interface VoterCall {
  itemIndex: number;
  repetition: number;
  agentIndex: number;
  /** ok, error, timeout, crashed or cancelled. */
  status: string;
  tokens: number;
  /** Service time on the trial's logical timeline (the latency for rows without one). */
  durationMs: number;
  answer: string | null;
  correct: boolean;
}

/** Calls an experiment's finished trials made, and their tokens. */
export interface CallTotals {
  calls: number;
  tokens: number;
}

