/**
 * Intervals for every prediction and every paired difference between
 * candidates, from one percentile bootstrap over the measured items: each
 * resample draws the items with replacement and averages every candidate's
 * per-item predictions over the same draw, so the differences between
 * candidates are paired (the pilot's cells met the same items, with common
 * random numbers). Seeded, so the same evidence always gives the same
 * intervals. The resampling is the theory module's (bootstrapMeans).
 */
import { bootstrapMeans, percentile } from '../analysis/theory/resample';
import type { CandidatePrediction } from './predict';

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export class ItemBootstrap {
  private readonly predicted = new Map<number, { value: number; draws: Float64Array }>();
  private readonly measured = new Map<number, { value: number; draws: Float64Array }>();

  constructor(predictions: readonly CandidatePrediction[], seed: number, readonly resamples: number) {
    const columns: Array<{ kind: 'predicted' | 'measured'; candidateIndex: number; values: Float64Array }> = [];
    for (const p of predictions) {
      columns.push({ kind: 'predicted', candidateIndex: p.candidate.candidateIndex, values: p.rows });
      if (p.measured) columns.push({ kind: 'measured', candidateIndex: p.candidate.candidateIndex, values: p.measured.perItem.map((v) => (Number.isNaN(v) ? 0 : v)) });
    }
    const items = columns[0]?.values.length ?? 0;
    const rows = Array.from({ length: items }, (_, i) => columns.map((c) => c.values[i]!));
    const draws = bootstrapMeans(rows, seed, resamples);
    columns.forEach((column, c) => {
      const value = column.values.reduce((a, b) => a + b, 0) / Math.max(1, items);
      (column.kind === 'predicted' ? this.predicted : this.measured).set(column.candidateIndex, { value, draws: draws[c]! });
    });
  }

  /** A candidate's predicted accuracy with its 95% interval. */
  prediction(candidateIndex: number): Estimate {
    return estimate(this.require(this.predicted, candidateIndex).value, this.require(this.predicted, candidateIndex).draws);
  }

  /** What the experiment measured at a candidate's own cell, with its 95% interval; null when it did not run it. */
  measurement(candidateIndex: number): Estimate | null {
    const entry = this.measured.get(candidateIndex);
    return entry ? estimate(entry.value, entry.draws) : null;
  }

  /** Predicted accuracy of a minus b, paired over the same resampled items. */
  difference(a: number, b: number): Estimate {
    const first = this.require(this.predicted, a);
    const second = this.require(this.predicted, b);
    const draws = first.draws.map((v, r) => v - second.draws[r]!);
    return estimate(first.value - second.value, draws);
  }

  private require(map: Map<number, { value: number; draws: Float64Array }>, candidateIndex: number): { value: number; draws: Float64Array } {
    const entry = map.get(candidateIndex);
    if (!entry) throw new Error(`internal: no prediction for candidate ${candidateIndex}`);
    return entry;
  }
}

function estimate(value: number, draws: Float64Array): Estimate {
  if (draws.length === 0) return { value, low: value, high: value };
  return { value, low: Math.min(value, percentile(draws, 0.025)), high: Math.max(value, percentile(draws, 0.975)) };
}
