/**
 * Where finished trials go. The store is the real sink; the benchmark swaps
 * in a sink that keeps nothing to measure what persistence costs.
 */
import type { TrialOutcome } from '../trial-record';

export interface FinishedTrial {
  trialId: number;
  outcome: TrialOutcome;
}

export interface TrialSink {
  /** Writes a batch of finished trials in one transaction. */
  saveOutcomes(batch: readonly FinishedTrial[]): void;
  markFailed(trialId: number, error: string, finishedAtMs: number): void;
}
