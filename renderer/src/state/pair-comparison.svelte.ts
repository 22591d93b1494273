import type { LabError } from '../../../shared/contract/api';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { PairedComparison } from '../../../shared/domain/analysis';

/**
 * Any two cells of an experiment, compared by the lab on the trials they
 * share. The lab's refusal (no trials in common, the same cell twice) is
 * shown where the user asked, in its words.
 */
export class PairComparisonState {
  cellIndex = $state<number | null>(null);
  baselineCellIndex = $state<number | null>(null);
  result = $state.raw<PairedComparison | null>(null);
  problem = $state.raw<LabError | null>(null);
  pending = $state(false);

  canCompare = $derived(this.cellIndex !== null && this.baselineCellIndex !== null && this.cellIndex !== this.baselineCellIndex && !this.pending);

  readonly #lab: LabBridge;
  readonly #experimentId: string;

  constructor(lab: LabBridge, experimentId: string) {
    this.#lab = lab;
    this.#experimentId = experimentId;
  }

  /** Picks a sensible first pair: the largest cell against the first one (usually the single agent). */
  preset(cellIndexes: readonly number[]): void {
    if (this.cellIndex !== null || cellIndexes.length < 2) return;
    this.baselineCellIndex = cellIndexes[0] ?? null;
    this.cellIndex = cellIndexes[cellIndexes.length - 1] ?? null;
  }

  async compare(): Promise<void> {
    if (!this.canCompare || this.cellIndex === null || this.baselineCellIndex === null) return;
    this.pending = true;
    try {
      const reply = await this.#lab.compareCells({ id: this.#experimentId, cellIndex: this.cellIndex, baselineCellIndex: this.baselineCellIndex });
      if (reply.ok) {
        this.result = reply.value;
        this.problem = null;
      } else {
        this.result = null;
        this.problem = reply.error;
      }
    } finally {
      this.pending = false;
    }
  }
}
