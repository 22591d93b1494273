/** An experiment's runs of coding jobs, read from the store and measured. */
import type { RunMetrics } from '../../../../shared/domain/job-metrics';
import type { LabStore } from '../../store/lab-store';
import { measureRun } from './run-metrics';

export interface MeasuredRuns {
  runs: RunMetrics[];
  /** What was left out, in words. */
  notes: string[];
}

export function measureExperimentRuns(store: LabStore, experimentId: string): MeasuredRuns {
  const rows = store.jobRunRows(experimentId);
  if (rows.length === 0) return { runs: [], notes: [] };
  const events = store.jobEventsByTrial(experimentId);
  const runs: RunMetrics[] = [];
  const unknownModes = new Map<string, number>();
  const unreadableJobs = new Set<number>();
  for (const row of rows) {
    const measured = measureRun(row, events.get(row.trialId) ?? []);
    if (measured) runs.push(measured);
    else if (row.job === null) unreadableJobs.add(row.itemIndex);
    else unknownModes.set(String(row.params.mode), (unknownModes.get(String(row.params.mode)) ?? 0) + 1);
  }
  const notes = [...unknownModes].map(
    ([mode, count]) => `Experiment "${experimentId}": ${count} run(s) of mode "${mode}", which this version of Quorum does not know, are left out.`,
  );
  if (unreadableJobs.size > 0) {
    const items = [...unreadableJobs].sort((a, b) => a - b).join(', ');
    notes.push(`Experiment "${experimentId}": the runs of item(s) ${items} are left out: their items.job_json cannot be read as a coding job (edited by hand?). Restore it from a copy of the file.`);
  }
  return { runs, notes };
}
