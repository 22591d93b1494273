/** One paired comparison of a cell with a baseline cell, and the Holm correction across a family of them. */
import type { ComparisonKind, PairedComparison } from '../../../../shared/domain/analysis';
import type { CellSpec } from '../../../../shared/domain/spec';
import type { TrialResultRow } from '../../store/types';
import { holm } from '../holm';
import { itemClusteredDifference, pairedTest } from './difference';
import { pairTrials } from './pairing';

export interface ComparisonRequest {
  kind: ComparisonKind;
  cell: CellSpec;
  baseline: CellSpec;
  reason: string;
}

/** Null when the two cells share no trial (item, repetition). pAdjusted is the raw p-value until `holm` adjusts it. */
export function compareCells(request: ComparisonRequest, cellRows: readonly TrialResultRow[], baselineRows: readonly TrialResultRow[]): PairedComparison | null {
  const pairs = pairTrials(cellRows, baselineRows);
  if (pairs.strict.length === 0) return null;
  const result = pairedTest(pairs.strict);
  const completed = pairs.completed.length === 0 ? null : itemClusteredDifference(pairs.completed);
  return {
    kind: request.kind,
    cellIndex: request.cell.index,
    baselineCellIndex: request.baseline.index,
    label: request.cell.label,
    baselineLabel: request.baseline.label,
    baselineReason: request.reason,
    items: result.items,
    pairs: result.pairs,
    accuracy: result.cellMean,
    baselineAccuracy: result.baselineMean,
    difference: result.difference,
    low: result.low,
    high: result.high,
    cellOnlyCorrect: result.cellAhead,
    baselineOnlyCorrect: result.baselineAhead,
    test: result.test,
    pValue: result.pValue,
    pAdjusted: result.pValue,
    significant: result.pValue < 0.05,
    completed: completed === null ? null : { pairs: completed.pairs, items: completed.items, difference: completed.difference, low: completed.low, high: completed.high },
  };
}

/** Each comparison's p-value adjusted (Holm) within its kind. */
export function adjustWithinKinds(comparisons: readonly PairedComparison[]): PairedComparison[] {
  const adjusted = comparisons.map((c) => ({ ...c }));
  for (const kind of new Set(comparisons.map((c) => c.kind))) {
    const family = adjusted.filter((c) => c.kind === kind);
    holm(family.map((c) => c.pValue)).forEach((p, i) => {
      family[i]!.pAdjusted = p;
      family[i]!.significant = p < 0.05;
    });
  }
  return adjusted;
}
