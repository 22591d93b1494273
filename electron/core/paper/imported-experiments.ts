/** Experiments whose runs were imported from released data: a record to analyse, never a plan to run. */
import { LabFailure } from '../lab-errors';
import type { LabStore } from '../store/lab-store';

/** Throws, with what to do instead, when the experiment holds imported runs. */
export function refuseToRunImported(store: LabStore, experimentId: string, name: string): void {
  const source = store.importedFrom(experimentId);
  if (source === null) return;
  throw new LabFailure(
    'unsupported',
    `Experiment "${name}" holds runs imported from released data (${source}); they are a record of someone else's runs, not a plan Quorum can run. ` +
      'Its results and report show as they are. To run the same design yourself, start from examples/paper-amdahl-sim.json (or a spec with structure "coding-team" and a model Quorum can call).',
  );
}
