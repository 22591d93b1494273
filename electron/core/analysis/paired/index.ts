/** Paired comparisons between cells, cost-matched baselines and failure flags for an experiment. */
import type { CostMatchedBaseline, FailureFlag, PairedComparison } from '../../../../shared/domain/analysis';
import type { AnalysisInput } from '../analysis-input';

export interface CellComparisons {
  comparisons: PairedComparison[];
  costMatched: CostMatchedBaseline[];
  failureFlags: FailureFlag[];
}

export function compareExperimentCells(_input: AnalysisInput): CellComparisons {
  return { comparisons: [], costMatched: [], failureFlags: [] };
}
