/**
 * Entry points of the job analysis: the report (every metric per cell, or
 * pooled over experiments and grouped by axes) and the figures, for one
 * experiment (Results.jobs) or several pooled.
 */
import type { JobFigures, RunAxis, RunMetrics, RunReport } from '../../../../shared/domain/job-metrics';
import type { LabStore } from '../../store/lab-store';
import { jobFigures } from './figures';
import { groupRuns } from './group-metrics';
import { measureExperimentRuns } from './measured-runs';
import { REPORT_METHOD } from './method-text';

interface Pooled {
  runs: RunMetrics[];
  notes: string[];
}

function pool(store: LabStore, experimentIds: readonly string[]): Pooled {
  const runs: RunMetrics[] = [];
  const notes: string[] = [];
  for (const id of experimentIds) {
    if (!store.holdsJobs(id)) {
      notes.push(`Experiment "${id}" has no coding jobs; it is left out.`);
      continue;
    }
    const measured = measureExperimentRuns(store, id);
    runs.push(...measured.runs);
    notes.push(...measured.notes);
  }
  return { runs, notes };
}

export function jobReport(store: LabStore, experimentIds: readonly string[], by: readonly RunAxis[]): RunReport {
  const { runs, notes } = pool(store, experimentIds);
  return { by: [...by], experiments: [...experimentIds], groups: groupRuns(runs, by), method: REPORT_METHOD, notes };
}

/** The figures of one experiment's coding-job runs; null for an experiment of other tasks. */
export function experimentJobFigures(store: LabStore, experimentId: string): JobFigures | null {
  if (!store.holdsJobs(experimentId)) return null;
  const { runs, notes } = measureExperimentRuns(store, experimentId);
  return jobFigures(runs, notes);
}

/** The figures of several experiments pooled (the paper's runs beside the user's, say). */
export function pooledJobFigures(store: LabStore, experimentIds: readonly string[]): JobFigures {
  const { runs, notes } = pool(store, experimentIds);
  return jobFigures(runs, notes);
}
