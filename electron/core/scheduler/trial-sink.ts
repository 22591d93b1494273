/**
 * Where finished trials go. The store is the real sink; the benchmark swaps
 * in a sink that keeps nothing to measure what persistence costs.
 */
import type { TrialOutcomeToSave } from '../store/types';

export interface TrialSink {
  /** Writes a batch of finished trials in one transaction. */
  saveOutcomes(batch: readonly TrialOutcomeToSave[]): void;
  markFailed(trialId: number, error: string, finishedAtMs: number): void;
}
