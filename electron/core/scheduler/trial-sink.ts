/**
 * Where finished trials go. The store is the real sink; the benchmark swaps
 * in a sink that keeps nothing to measure what persistence costs.
 */
import type { TrialOutcome } from '../trial-record';

export interface TrialSink {
  saveOutcome(trialId: number, outcome: TrialOutcome): void;
  markFailed(trialId: number, error: string, finishedAtMs: number): void;
}
