/**
 * Measurements by team size and item, as the Amdahl and USL fits resample
 * them: one mean per (size, item) over its repetitions, laid out so that a
 * bootstrap over items is a weighted sum.
 */

export interface SizeItemTable {
  /** Distinct sizes, ascending. */
  sizes: number[];
  /** Distinct items, ascending: the units a bootstrap resamples. */
  items: number[];
  /** values[s][i]: the mean at sizes[s] on items[i] over its repetitions; NaN where the size never met the item. */
  values: Float64Array[];
}

export function sizeItemTable<T extends { n: number; itemIndex: number }>(points: readonly T[], value: (point: T) => number): SizeItemTable {
  const sums = new Map<number, Map<number, { sum: number; count: number }>>();
  for (const point of points) {
    const v = value(point);
    if (!Number.isFinite(v)) continue;
    const bySize = sums.get(point.n) ?? new Map<number, { sum: number; count: number }>();
    const cell = bySize.get(point.itemIndex) ?? { sum: 0, count: 0 };
    cell.sum += v;
    cell.count += 1;
    bySize.set(point.itemIndex, cell);
    sums.set(point.n, bySize);
  }
  const sizes = [...sums.keys()].sort((a, b) => a - b);
  const items = [...new Set([...sums.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const column = new Map(items.map((item, i) => [item, i]));
  const values = sizes.map((n) => {
    const row = new Float64Array(items.length).fill(Number.NaN);
    for (const [item, cell] of sums.get(n)!) row[column.get(item)!] = cell.sum / cell.count;
    return row;
  });
  return { sizes, items, values };
}

/**
 * Each item's weight in one bootstrap resample: how many times it was drawn
 * (all 1 for the data as measured). Pass `into` to reuse a buffer across resamples.
 */
export function drawWeights(count: number, next: () => number, into?: Float64Array): Float64Array {
  const weights = into ?? new Float64Array(count);
  weights.fill(0);
  for (let i = 0; i < count; i++) weights[Math.floor(next() * count)]! += 1;
  return weights;
}

/** Weighted mean of a row over the items it has; NaN when it has none of weight. */
export function weightedMean(row: Float64Array, weights: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    const w = weights[i]!;
    if (w === 0 || Number.isNaN(v)) continue;
    sum += w * v;
    total += w;
  }
  return total === 0 ? Number.NaN : sum / total;
}

/**
 * Per item, the row at size 1 over each size's row (e.g. the single agent's
 * latency over the team's: the item's speedup), times n when `perAgent`
 * (e.g. n × the single agent's tokens over the team's). NaN where either is
 * missing or the denominator is not positive. Null without a size-1 row.
 */
export function ratioToSingle(table: SizeItemTable, perAgent = false): SizeItemTable | null {
  const base = table.sizes.indexOf(1);
  if (base < 0) return null;
  const single = table.values[base]!;
  const values = table.values.map((row, s) =>
    row.map((v, i) => {
      const one = single[i]!;
      if (Number.isNaN(one) || Number.isNaN(v) || v <= 0) return Number.NaN;
      return ((perAgent ? table.sizes[s]! : 1) * one) / v;
    }),
  );
  return { sizes: table.sizes, items: table.items, values };
}
