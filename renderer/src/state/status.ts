import type { ExperimentStatus } from '../../../shared/domain/results';

export type ExperimentAction = 'start' | 'pause' | 'resume' | 'cancel';

export const TERMINAL_STATUSES: readonly ExperimentStatus[] = ['completed', 'cancelled', 'failed'];

export function isTerminal(status: ExperimentStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Which controls make sense in each status. */
export function allowedActions(status: ExperimentStatus | null): ReadonlySet<ExperimentAction> {
  switch (status) {
    case 'planned':
      return new Set(['start', 'cancel']);
    case 'running':
      return new Set(['pause', 'cancel']);
    case 'paused':
    case 'interrupted':
      return new Set(['resume', 'cancel']);
    default:
      return new Set();
  }
}

export const STATUS_LABELS: Record<ExperimentStatus, string> = {
  planned: 'Planned',
  running: 'Running',
  paused: 'Paused',
  interrupted: 'Interrupted',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};
