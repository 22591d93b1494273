import type { ExperimentStatus } from '../../../shared/domain/results';

export type ExperimentAction = 'start' | 'pause' | 'resume' | 'cancel' | 'retryFailed';

export const TERMINAL_STATUSES: readonly ExperimentStatus[] = ['completed', 'cancelled', 'failed'];

export function isTerminal(status: ExperimentStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Statuses from which failed trials may be run again (the lab refuses the others). */
const RETRYABLE: readonly ExperimentStatus[] = ['paused', 'interrupted', 'completed', 'failed'];

/** Which controls make sense in each status; `failed` trials add "retry failed" once nothing runs. */
export function allowedActions(status: ExperimentStatus | null, failed = 0): ReadonlySet<ExperimentAction> {
  const actions = new Set<ExperimentAction>();
  switch (status) {
    case 'planned':
      actions.add('start').add('cancel');
      break;
    case 'running':
      actions.add('pause').add('cancel');
      break;
    case 'paused':
    case 'interrupted':
      actions.add('resume').add('cancel');
      break;
  }
  if (failed > 0 && status !== null && RETRYABLE.includes(status)) actions.add('retryFailed');
  return actions;
}

export const STATUS_LABELS: Record<ExperimentStatus, string> = {
  planning: 'Planning',
  planned: 'Planned',
  running: 'Running',
  paused: 'Paused',
  interrupted: 'Interrupted',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};
