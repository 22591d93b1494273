/**
 * The rows of the paired-differences figure: for each team, its difference in
 * accuracy against a baseline the lab paired it with (the single agent, or
 * the next smaller size of the same team) and against the single agent given
 * the same tokens. Only arranges and words what the lab computed; every
 * number here is the lab's.
 */
import type { ComparisonKind, CostMatchedBaseline, PairedComparison, PairedTest } from '../../../shared/domain/analysis';
import type { CellSummary } from '../../../shared/domain/results';
import { formatDifference, formatP } from '../format';

/** What the figure measures each team against (the cost-matched baseline is drawn beside either). */
export type DifferenceMode = Extract<ComparisonKind, 'vs-single' | 'vs-smaller'>;

export const DIFFERENCE_MODES: readonly { mode: DifferenceMode; label: string }[] = [
  { mode: 'vs-single', label: 'the single agent' },
  { mode: 'vs-smaller', label: 'the next smaller size' },
];

export interface ForestRow {
  cellIndex: number;
  /** The team and its size, e.g. "vote (majority), n=5". */
  label: string;
  comparison: PairedComparison | null;
  /** The comparison's baseline cell named with its size (the lab's label leaves the size out). */
  baselineName: string | null;
  costMatched: CostMatchedBaseline | null;
}

/** A cell named with its size, as the figure's rows and the picker's options read. */
export function cellName(cell: Pick<CellSummary, 'label' | 'size'>): string {
  return `${cell.label}, n=${cell.size}`;
}

/**
 * One row per cell that has something to draw in this mode (a comparison of
 * that kind, or a cost-matched baseline), in the experiment's cell order.
 */
export function forestRows(cells: readonly CellSummary[], comparisons: readonly PairedComparison[], costMatched: readonly CostMatchedBaseline[], mode: DifferenceMode): ForestRow[] {
  const names = new Map(cells.map((cell) => [cell.cellIndex, cellName(cell)]));
  return cells.flatMap((cell) => {
    const comparison = comparisons.find((c) => c.kind === mode && c.cellIndex === cell.cellIndex) ?? null;
    const matched = costMatched.find((c) => c.cellIndex === cell.cellIndex) ?? null;
    const baselineName = comparison ? (names.get(comparison.baselineCellIndex) ?? comparison.baselineLabel) : null;
    return comparison || matched ? [{ cellIndex: cell.cellIndex, label: cellName(cell), comparison, baselineName, costMatched: matched }] : [];
  });
}

const TEST_WORDS: Record<PairedTest, string> = {
  'mcnemar-exact': "exact McNemar test",
  'paired-t-items': "paired t-test on the items' mean differences",
  'sign-test-items': "exact sign test on the items' mean differences",
};

export function testWords(test: PairedTest): string {
  return TEST_WORDS[test];
}

/** Whether a difference survives the correction for the many comparisons of the figure, in words. */
export function holmVerdict(estimate: { significant: boolean; pAdjusted: number }): string {
  return estimate.significant ? `holds after Holm's correction (p = ${formatP(estimate.pAdjusted)})` : `not after Holm's correction (p = ${formatP(estimate.pAdjusted)})`;
}

/** "+3.8 points (−6.1 to +13.6) against single, n=1, not after Holm's correction (p = 0.89)". */
export function comparisonWords(comparison: PairedComparison, baselineName: string): string {
  return `${formatDifference(comparison.difference, comparison.low, comparison.high)} against ${baselineName}, ${holmVerdict(comparison)}`;
}

/** The cost-matched baseline's difference in words: "−6.4 points (−13.0 to +0.1) against the single agent with 3 samples at the same tokens, …". */
export function costMatchedWords(baseline: CostMatchedBaseline): string {
  return `${formatDifference(baseline.difference, baseline.differenceLow, baseline.differenceHigh)} against the single agent given the same tokens (a vote of ${baseline.samples} of its answers), ${holmVerdict(baseline)}`;
}

/**
 * The reading of a picked comparison, with the cells named by the caller (the
 * lab's labels leave the size out). It is one question asked on its own, so
 * its p-value is not corrected.
 */
export function pickedWords(comparison: PairedComparison, name: string, baselineName: string): string {
  return `${name} minus ${baselineName}: ${formatDifference(comparison.difference, comparison.low, comparison.high)} on ${comparison.pairs} paired trials over ${comparison.items} items (${testWords(comparison.test)}, p = ${formatP(comparison.pValue)}, not corrected: one question asked on its own).`;
}
