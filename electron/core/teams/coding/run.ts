/** What both executions of a coding run share: their inputs and how a run ends. */
import type { TrialEnvironment } from '../../engine/environment';
import type { CallOutcome, TeamContext } from '../../engine/types';
import type { CodingEnvironment } from './environment';

export interface CodingRun {
  context: TeamContext;
  /** The board through the engine's environment hook. */
  board: TrialEnvironment<CodingEnvironment>;
  maxRounds: number;
}

export type RunEndReason = 'all_done' | 'max_rounds' | 'stuck';

export interface RunEnd {
  reason: RunEndReason;
  /** The run's end on its timeline, ms. */
  endMs: number;
  /** Rounds run (async: turns of the agent that took the most). */
  rounds: number;
  /** Each agent's last successful call. */
  calls: ReadonlyArray<CallOutcome | null>;
  detail?: string;
}
