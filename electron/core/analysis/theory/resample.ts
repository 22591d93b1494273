/**
 * The percentile bootstrap over items, seeded so that a result is the same on
 * every read. Items are the unit: repetitions of one item, and the answers of
 * one item's trials, are not independent, so they are resampled together.
 */
import { createRng, deriveSeed, type Rng } from '../../util/random';

/** A generator for one named use of a seed, so two uses of the same seed draw apart. */
export function seededRng(seed: number, purpose: string): Rng {
  return createRng(deriveSeed(seed, 'theory', purpose));
}

/** `count` indices drawn with replacement from 0…count − 1. */
export function resampleIndices(count: number, rng: Rng): Uint32Array {
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = Math.floor(rng.next() * count);
  return indices;
}

/**
 * For per-item rows of values (one row per item, one column per quantity),
 * the mean of each column over `resamples` bootstrap resamples of the rows.
 * Returns one array of resampled means per column.
 */
export function bootstrapMeans(rows: readonly (readonly number[])[], seed: number, resamples: number): Float64Array[] {
  const columns = rows[0]?.length ?? 0;
  const out = Array.from({ length: columns }, () => new Float64Array(resamples));
  if (rows.length === 0) return out;
  const rng = seededRng(seed, 'items');
  const sums = new Float64Array(columns);
  for (let r = 0; r < resamples; r++) {
    sums.fill(0);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[Math.floor(rng.next() * rows.length)]!;
      for (let c = 0; c < columns; c++) sums[c]! += row[c]!;
    }
    for (let c = 0; c < columns; c++) out[c]![r] = sums[c]! / rows.length;
  }
  return out;
}

/** The q-quantile (0…1) by linear interpolation between order statistics (R's type 7); NaN of an empty set. Infinite values sort last. */
export function percentile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const weight = position - below;
  if (weight === 0) return sorted[below]!;
  return sorted[below]! * (1 - weight) + sorted[above]! * weight;
}
