/**
 * Where finished trials go. The store is the real sink; the benchmark swaps
 * in a sink that keeps nothing to measure what persistence costs.
 */
import type { TrialResultToSave } from '../store/types';

export interface TrialSink {
  /** Writes a batch of finished trials (outcomes and failures) in one transaction: all of it or, on a throw, none. */
  saveResults(batch: readonly TrialResultToSave[]): void;
}
