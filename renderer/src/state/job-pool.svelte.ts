import type { LabError } from '../../../shared/contract/api';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { JobFigures } from '../../../shared/domain/job-metrics';
import type { ExperimentRow } from '../../../shared/domain/results';

/**
 * An experiment's coding-job figures pooled with other experiments' (the
 * paper's imported runs, one experiment per model and mode, beside a sim
 * run): the lab draws them over all the chosen runs at once. Which other
 * experiments hold coding jobs only the lab knows; it says in its notes which
 * it left out and why.
 */
export class JobPoolState {
  /** Every other experiment in the database, once asked for. */
  candidates = $state.raw<ExperimentRow[]>([]);
  candidatesLoaded = $state(false);
  chosen = $state<string[]>([]);
  /** The pooled figures and the experiments they are over, or null while the view shows this experiment alone. */
  pooled = $state.raw<{ figures: JobFigures; ids: string[] } | null>(null);
  problem = $state.raw<LabError | null>(null);
  pending = $state(false);

  readonly #lab: LabBridge;
  readonly #experimentId: string;

  constructor(lab: LabBridge, experimentId: string) {
    this.#lab = lab;
    this.#experimentId = experimentId;
  }

  async loadCandidates(): Promise<void> {
    if (this.candidatesLoaded) return;
    const reply = await this.#lab.listExperiments({});
    if (!reply.ok) {
      this.problem = reply.error;
      return;
    }
    this.candidates = reply.value.filter((row) => row.id !== this.#experimentId);
    this.candidatesLoaded = true;
  }

  /** Names of the experiments pooled beside this one. */
  pooledNames(): string[] {
    const ids = this.pooled?.ids ?? [];
    return ids.filter((id) => id !== this.#experimentId).map((id) => this.candidates.find((row) => row.id === id)?.name ?? id);
  }

  async pool(): Promise<void> {
    if (this.chosen.length === 0 || this.pending) return;
    this.pending = true;
    const ids = [this.#experimentId, ...this.chosen];
    try {
      const reply = await this.#lab.getJobFigures({ ids });
      if (reply.ok) {
        this.pooled = { figures: reply.value, ids };
        this.problem = null;
      } else {
        this.problem = reply.error;
      }
    } finally {
      this.pending = false;
    }
  }

  /** Back to this experiment's own figures (the choice is kept). */
  alone(): void {
    this.pooled = null;
  }
}
