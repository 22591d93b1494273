/**
 * Words and numbers for the trial screens: filter and outcome labels, page
 * ranges, agent and call names, cell parameters. Pure; no statistics.
 */
import type { CellParams } from '../../../shared/domain/structures';
import { TRIAL_OUTCOMES, type CallStatus, type TrialOutcome, type TrialPage } from '../../../shared/domain/trials';

/** Trials per page of a cell's list. */
export const TRIAL_PAGE_SIZE = 50;

/** The list's filters: every trial (null), or one outcome. */
export const TRIAL_FILTERS: readonly (TrialOutcome | null)[] = [null, ...TRIAL_OUTCOMES];
export type FilterKey = TrialOutcome | 'all';

export function filterKey(filter: TrialOutcome | null): FilterKey {
  return filter ?? 'all';
}

export const FILTER_LABELS: Record<FilterKey, string> = {
  all: 'All',
  correct: 'Correct',
  wrong: 'Wrong',
  no_answer: 'No answer',
  failed: 'Failed',
};

/** An outcome as a badge says it; null is a trial that has not finished. */
export function outcomeLabel(outcome: TrialOutcome | null): string {
  return outcome === null ? 'Not run' : FILTER_LABELS[outcome];
}

/** A mark that carries the outcome without its colour. */
export function outcomeMark(outcome: TrialOutcome | null): string {
  switch (outcome) {
    case 'correct':
      return '✓';
    case 'wrong':
      return '✗';
    case 'no_answer':
      return '∅';
    case 'failed':
      return '!';
    default:
      return '·';
  }
}

export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  ok: 'ok',
  error: 'error',
  timeout: 'timed out',
  crashed: 'crashed',
  cancelled: 'cancelled',
};

/** "Trials 51–100 of 320"; "No trials" when the filter holds none. */
export function pageRangeText(page: Pick<TrialPage, 'total' | 'offset'>, shown: number): string {
  const count = (n: number): string => n.toLocaleString('en-US');
  if (page.total === 0) return 'No trials';
  if (shown === 0) return `No trials on this page (${count(page.total)} in all)`;
  return `Trials ${count(page.offset + 1)}–${count(page.offset + shown)} of ${count(page.total)}`;
}

/** Pages a list of `total` needs at `pageSize` per page (at least one, even when empty). */
export function pageCount(total: number, pageSize = TRIAL_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Agents go by their index, from 0, as the lab's own texts name them (a
 * decision "from calls 0, 1", "the judge (agent 3)") and as the database stores them.
 */
export function agentName(agentIndex: number): string {
  return `Agent ${agentIndex}`;
}

/** A cell's parameters as short "name value" pairs, the size first. */
export function paramPairs(params: CellParams): Array<{ name: string; value: string }> {
  const entries = Object.entries(params).sort(([a], [b]) => (a === 'size' ? -1 : b === 'size' ? 1 : 0));
  return entries.map(([name, value]) => ({ name, value: String(value) }));
}

/** A logical time in ms as the diagram's axis reads it: "0 ms", "750 ms", "1.25 s", "2 min 5 s". */
export function formatLogicalMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) {
    const s = ms / 1000;
    return `${Number.isInteger(s) ? s : s < 10 ? s.toFixed(2).replace(/0$/, '') : s.toFixed(1).replace(/\.0$/, '')} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}
