/**
 * An experiment's Results, built from the store, and a small cache of them:
 * the app asks again on every refresh while a run goes on and whenever a view
 * opens, but the figures only change when a trial finishes, so they are built
 * once per state of the experiment's trials.
 */
import type { ExperimentDetail, Results } from '../../../shared/domain/results';
import { hardwareUse } from '../models/hardware-use';
import type { LabStore } from '../store/lab-store';
import { lazyCalls } from './analysis-input';
import { accuracyByFaults } from './fault-sweep';
import { compareExperimentCells } from './paired';
import { accuracyBySize, costFrontier, latencyBySize, summarizeCells, summaryMethod } from './summary';
import { theoryFits } from './theory';
import { experimentJobFigures } from './jobs';

export function buildResults(store: LabStore, detail: ExperimentDetail): Results {
  const id = detail.id;
  const specs = store.getCells(id);
  const trials = store.trialResults(id);
  const cells = summarizeCells(specs, trials);
  const input = { cells: specs, summaries: cells, trials, calls: lazyCalls(() => store.callsForAnalysis(id)) };
  return {
    experimentId: id,
    name: detail.name,
    status: detail.status,
    cells,
    accuracyBySize: accuracyBySize(cells),
    costFrontier: costFrontier(cells),
    latencyBySize: latencyBySize(cells),
    accuracyByFaults: accuracyByFaults(cells),
    method: summaryMethod(cells),
    hardware: hardwareUse(store, detail.spec, id),
    ...compareExperimentCells(input),
    theory: theoryFits(input),
    // The paper's figures and ours, for experiments of coding jobs (docs/job-metrics.md).
    jobs: experimentJobFigures(store, id),
  };
}

/** How many experiments' results are kept: the ones open in the app's views. */
const KEPT = 8;

export class ResultsCache {
  private readonly entries = new Map<string, { state: string; results: Results }>();

  constructor(private readonly store: LabStore) {}

  /**
   * The experiment's results, rebuilt only when its status or its finished
   * trials changed since last asked. Hardware use is read fresh each time:
   * a calibration made since changes it without any trial changing.
   */
  get(detail: ExperimentDetail): Results {
    const counts = this.store.countTrials(detail.id);
    const state = `${detail.status}:${counts.total}:${counts.done}:${counts.failed}:${counts.running}`;
    const kept = this.entries.get(detail.id);
    if (kept && kept.state === state) return { ...kept.results, hardware: hardwareUse(this.store, detail.spec, detail.id) };
    const results = buildResults(this.store, detail);
    this.entries.delete(detail.id);
    this.entries.set(detail.id, { state, results });
    if (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value as string);
    return results;
  }
}
