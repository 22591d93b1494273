/**
 * A coding-job run in words: each recorded action, each turn, the whole run.
 * What the model wrote is never shown as markup: these are plain strings the
 * views put into text nodes. Pure.
 */
import type { JobEvent } from '../../../shared/domain/jobs';
import { plural } from '../format';
import type { FinalTests, JobRunReading, RunTurn, TurnTally } from './job-run';
import { agentName, formatLogicalMs } from './trial-text';

const subtask = (event: JobEvent): string => event.taskId ?? 'a subtask';
const because = (event: JobEvent): string => (event.detail ? `: ${event.detail}` : '');

function testOutcome(returncode: number | undefined): string {
  if (returncode === undefined) return 'no result recorded';
  if (returncode === 0) return 'passed';
  if (returncode === 5) return 'no tests collected';
  return `failed (return code ${returncode})`;
}

/** One recorded action in words; null for one that only restates another (a granted lock comes with its edit). */
export function actionWords(event: JobEvent): string | null {
  switch (event.kind) {
    case 'edit_file':
      return `edited ${event.path ?? 'a file'}${event.detail ? ` (${event.detail})` : ''}`;
    case 'lock_attempt':
      return event.ok === false ? `was refused the lock on ${event.path ?? 'a file'}${because(event)}` : null;
    case 'claim_task':
      return event.ok === false ? `claim on ${subtask(event)} refused${because(event)}` : `claimed ${subtask(event)}`;
    case 'claim_blocked':
      return `claim on ${subtask(event)} blocked${event.detail ? `: ${event.detail}` : ': a dependency was not done'}`;
    case 'complete_task':
      return event.ok === false ? `completion of ${subtask(event)} refused${because(event)}` : `completed ${subtask(event)}`;
    case 'run_tests':
      return `ran tests${event.detail ? ` (${event.detail})` : ''}: ${testOutcome(event.returncode)}`;
    case 'assign_task':
      return event.ok === false ? `assignment of ${subtask(event)} refused${because(event)}` : `assigned ${subtask(event)}${event.detail ? ` ${event.detail}` : ''}`;
    case 'steal_task':
      return `took ${subtask(event)}${event.detail ? ` ${event.detail}` : ''}`;
    default:
      return `${event.kind.replace(/_/g, ' ')}${because(event)}`;
  }
}

/** A tally in words: "2 edits, 1 claim, 1 blocked claim, 1 test run (1 failed)"; "nothing on the board" for an empty one. */
export function tallyWords(tally: TurnTally): string {
  const parts = [
    tally.edits > 0 ? plural(tally.edits, 'edit') : null,
    tally.locksDenied > 0 ? `${plural(tally.locksDenied, 'lock')} refused` : null,
    tally.claims > 0 ? plural(tally.claims, 'claim') : null,
    tally.claimsBlocked > 0 ? plural(tally.claimsBlocked, 'blocked claim') : null,
    tally.claimsRefused > 0 ? plural(tally.claimsRefused, 'refused claim') : null,
    tally.completions > 0 ? plural(tally.completions, 'completion') : null,
    tally.completionsRefused > 0 ? plural(tally.completionsRefused, 'refused completion') : null,
    tally.testRuns > 0 ? `${plural(tally.testRuns, 'test run')}${tally.testFailures > 0 ? ` (${tally.testFailures} failed)` : ''}` : null,
    tally.assigns > 0 ? plural(tally.assigns, 'assignment') : null,
    tally.steals > 0 ? plural(tally.steals, 'subtask stolen', 'subtasks stolen') : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'nothing on the board';
}

export function turnName(turn: Pick<RunTurn, 'agent' | 'round'>, execution: JobRunReading['execution']): string {
  const which = turn.round === null ? '' : execution === 'rounds' ? `, round ${turn.round}` : `, turn ${turn.round}`;
  return `${agentName(turn.agent)}${which}`;
}

/** A turn for a screen reader and a tooltip: who, when, how it ended, what it did. */
export function turnWords(turn: RunTurn, execution: JobRunReading['execution']): string {
  const span = turn.replyMissing ? `at ${formatLogicalMs(turn.endMs)} (no reply recorded)` : `${formatLogicalMs(turn.startMs)} to ${formatLogicalMs(turn.endMs)}`;
  const reply = turn.replied ? '' : `, the call failed (${turn.problem ?? 'no reply'})`;
  return `${turnName(turn, execution)}, ${span}${reply}: ${tallyWords(turn.tally)}.`;
}

export function finalTestsWords(final: FinalTests | null): string {
  if (!final) return 'No final test run was recorded.';
  return `Final tests at ${formatLogicalMs(final.atMs)}: ${final.passed ? 'passed' : testOutcome(final.returncode ?? undefined)}${final.detail ? ` (${final.detail})` : ''}.`;
}

/** The whole run in a few sentences, the text equivalent of the drawing. */
export function runSummary(run: JobRunReading): string {
  const failedReplies = run.turns.filter((t) => !t.replied).length;
  const shape =
    run.execution === 'rounds'
      ? `${plural(run.rounds.length, 'round')} with a barrier`
      : 'asynchronous: no barrier, each agent starts its next turn when its last one ends';
  const turns = `${plural(run.agents, 'agent')}, ${plural(run.turns.length, 'turn')}${failedReplies > 0 ? ` (${failedReplies} failed)` : ''}`;
  const end = run.end ? ` Run ended at ${formatLogicalMs(run.end.atMs)}${run.end.detail ? `: ${run.end.detail}` : ''}.` : '';
  return `${shape}; ${turns}. On the board: ${tallyWords(run.totals)}. ${finalTestsWords(run.finalTests)}${end}`;
}
