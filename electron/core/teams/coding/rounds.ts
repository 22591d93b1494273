/**
 * Rounds with a barrier (the paper's execution). Every agent takes a turn
 * in every round, reading the board as the round began; replies are applied
 * as they end on the timeline; the next round starts when every turn of
 * this one has ended and its test runs are over. With a lead
 * ("lead-assign") the lead's turn comes first, alone, and the others read
 * the board after it. Under "work-stealing", before the round each agent
 * with nothing to do takes one ready subtask from the busiest agent.
 *
 * The run ends at the end of the first round in which every subtask is
 * done (all_done), when no agent has anything it could do or
 * STUCK_ROUNDS rounds pass without a change to the board or the files
 * (stuck), or after maxRounds rounds (max_rounds).
 */
import type { CallOutcome } from '../../engine/types';
import { stealVictim } from './assignment';
import { type CodingRun, type RunEnd } from './run';
import { busyUntil, takeTurn, type TurnResult } from './turn';
import { beginTurnView } from './view';

/** Rounds in a row without any change to the board or the files after which a run is stuck. */
export const STUCK_ROUNDS = 3;

/** Before a round: each agent with nothing to do (index order) takes one ready subtask from the busiest agent. */
export function stealForIdle(run: CodingRun, round: number, atMs: number): void {
  const environment = run.board.state;
  const { teamSize } = environment.setup;
  for (let thief = 0; thief < teamSize; thief++) {
    if (environment.hasWork(thief)) continue;
    const victim = stealVictim(environment.board, thief, teamSize, (id) => environment.isStarted(id));
    if (victim) environment.steal(thief, victim.from, victim.task, { round, atMs });
  }
}

export async function runRounds(run: CodingRun): Promise<RunEnd> {
  const { context, board, maxRounds } = run;
  const environment = board.state;
  const { mode, teamSize } = environment.setup;
  const own: Array<CallOutcome | null> = context.agents.map(() => null);
  let barrier: CallOutcome[] = [];
  let startMs = 0;
  let quiet = 0;
  const turn = (agentIndex: number, round: number, waitsFor: readonly CallOutcome[]): Promise<TurnResult | null> => {
    const view = beginTurnView(environment, agentIndex, round + 1, maxRounds);
    return takeTurn({ context, board, agent: context.agents[agentIndex]!, view, round, own: own[agentIndex] ?? null, waitsFor }).then((result) => {
      if (result && result.call.status === 'ok') own[agentIndex] = result.call;
      return result;
    });
  };

  for (let round = 0; round < maxRounds; round++) {
    environment.log.add('round_start', startMs, { round: round + 1 });
    if (mode === 'work-stealing') stealForIdle(run, round + 1, startMs);
    const results: TurnResult[] = [];
    let waitsFor = barrier;
    const workers = context.agents.map((a) => a.index);
    if (mode === 'lead-assign') {
      const lead = await turn(0, round, barrier);
      if (lead) {
        results.push(lead);
        waitsFor = [...barrier, busyUntil(lead)];
      }
      workers.shift();
    }
    // Every view of the round is built before any reply of it is applied: the board as the round began.
    const asks = workers.map((index) => turn(index, round, waitsFor));
    for (const result of await Promise.all(asks)) if (result) results.push(result);
    barrier = results.map(busyUntil);
    const endMs = Math.max(startMs, ...results.map((r) => r.busyUntilMs));
    if (environment.board.allDone()) return { reason: 'all_done', endMs, rounds: round + 1, calls: own };
    quiet = results.some((r) => r.progressed) ? 0 : quiet + 1;
    const anyWork = Array.from({ length: teamSize }, (_, agent) => environment.hasWork(agent)).some(Boolean);
    if (quiet >= STUCK_ROUNDS || !anyWork) {
      return { reason: 'stuck', endMs, rounds: round + 1, calls: own, detail: anyWork ? `${STUCK_ROUNDS} rounds without a change to the board or the files` : 'no agent has anything it could do' };
    }
    startMs = endMs;
  }
  return { reason: 'max_rounds', endMs: startMs, rounds: maxRounds, calls: own };
}
