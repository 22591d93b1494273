/**
 * The lab's job-analysis methods (getJobReport, getJobFigures): the
 * experiments asked for are checked first, so a typo is named rather than
 * silently left out of a pooled figure.
 */
import type { LabReply, LabRequest } from '../../../../shared/contract/api';
import { LabFailure } from '../../lab-errors';
import type { LabStore } from '../../store/lab-store';
import { jobReport, pooledJobFigures } from './job-report';

export function answerJobReport(store: LabStore, request: LabRequest<'getJobReport'>): LabReply<'getJobReport'> {
  const ids = request.all ? store.listExperiments().map((e) => e.id).filter((id) => store.holdsJobs(id)) : request.ids;
  if (!request.all && ids.length === 0) {
    throw new LabFailure('invalid_request', 'Name the experiments to report on, or ask for all of them (--all).');
  }
  if (!request.all) requireExperiments(store, ids);
  return jobReport(store, ids, request.by);
}

export function answerJobFigures(store: LabStore, request: LabRequest<'getJobFigures'>): LabReply<'getJobFigures'> {
  requireExperiments(store, request.ids);
  return pooledJobFigures(store, request.ids);
}

function requireExperiments(store: LabStore, ids: readonly string[]): void {
  const known = new Set(store.listExperiments().map((e) => e.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new LabFailure('not_found', `No experiment with id ${missing.map((id) => `"${id}"`).join(', ')} in this database. List experiments to see the ids it holds.`);
  }
}
