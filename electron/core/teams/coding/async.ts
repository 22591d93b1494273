/**
 * Asynchronous execution (ours; the paper left it as future work): no
 * barrier. Each agent's next turn starts as soon as its last one has ended
 * and its test runs are over, and reads the board as it is then. An agent
 * with nothing to do lets its locks go and sleeps until the board or the
 * files change; under "work-stealing" it first tries to take a ready
 * subtask from the busiest agent. Calls keep their logical times, so on the
 * sim the order of events is the same on every run.
 *
 * The run ends when every subtask is done (all_done; calls still running
 * are cancelled where the run ended), when every agent sleeps with the job
 * unfinished (stuck), or when an agent would start a turn past maxRounds
 * (max_rounds).
 */
import type { CallOutcome } from '../../engine/types';
import { stealVictim } from './assignment';
import type { CodingRun, RunEnd } from './run';
import { busyUntil, takeTurn } from './turn';
import { beginTurnView } from './view';

interface Wake {
  /** The turn whose actions changed the board, and when. */
  call: CallOutcome;
  atMs: number;
}

export async function runAsync(run: CodingRun): Promise<RunEnd> {
  const { context, board, maxRounds } = run;
  const environment = board.state;
  const { mode, teamSize } = environment.setup;
  const stop = new AbortController();
  const own: Array<CallOutcome | null> = context.agents.map(() => null);
  const turns = context.agents.map(() => 0);
  const freeAt: Array<CallOutcome | null> = context.agents.map(() => null);
  const freeAtMs = context.agents.map(() => 0);
  const sleepers = new Map<number, (wake: Wake | null) => void>();
  let ended: RunEnd | null = null;

  const finish = (end: Omit<RunEnd, 'calls' | 'rounds'>): void => {
    if (ended) return;
    ended = { ...end, rounds: Math.max(0, ...turns), calls: own };
    stop.abort();
    for (const resolve of sleepers.values()) resolve(null);
    sleepers.clear();
  };
  const wakeAll = (wake: Wake): void => {
    const waiting = [...sleepers.values()];
    sleepers.clear();
    for (const resolve of waiting) resolve(wake);
  };
  const trySteal = (thief: number): boolean => {
    if (mode !== 'work-stealing') return false;
    const victim = stealVictim(environment.board, thief, teamSize, (id) => environment.isStarted(id));
    if (!victim) return false;
    environment.steal(thief, victim.from, victim.task, { round: turns[thief]! + 1, atMs: freeAtMs[thief]! });
    return true;
  };
  const sleep = (index: number): Promise<Wake | null> => {
    environment.locks.releaseAll(index);
    if (sleepers.size + 1 === teamSize) {
      // Nobody is working and nobody can: nothing will ever wake anyone.
      finish({ reason: 'stuck', endMs: Math.max(...freeAtMs), detail: 'every agent is idle with subtasks left' });
      return Promise.resolve(null);
    }
    return new Promise((resolve) => sleepers.set(index, resolve));
  };

  const loop = async (index: number): Promise<void> => {
    let woken: Wake | null = null;
    while (!ended) {
      if (!environment.hasWork(index) && !trySteal(index)) {
        woken = await sleep(index);
        if (woken) freeAtMs[index] = Math.max(freeAtMs[index]!, woken.atMs);
        continue;
      }
      if (turns[index]! >= maxRounds) {
        finish({ reason: 'max_rounds', endMs: Math.max(...freeAtMs), detail: `agent ${index} reached ${maxRounds} turns` });
        return;
      }
      const view = beginTurnView(environment, index, turns[index]! + 1, maxRounds);
      const waitsFor = [freeAt[index], woken ? { ...woken.call, endMs: woken.atMs } : null].filter((c): c is CallOutcome => c !== null);
      woken = null;
      turns[index]! += 1;
      const result = await takeTurn({ context, board, agent: context.agents[index]!, view, round: turns[index]! - 1, own: own[index] ?? null, waitsFor, signal: stop.signal });
      if (!result || ended) return;
      if (result.call.status === 'ok') own[index] = result.call;
      freeAt[index] = busyUntil(result);
      freeAtMs[index] = result.busyUntilMs;
      if (environment.board.allDone()) {
        finish({ reason: 'all_done', endMs: result.busyUntilMs });
        return;
      }
      if (result.progressed) wakeAll({ call: result.call, atMs: result.call.endMs });
    }
  };

  await Promise.all(context.agents.map((agent) => loop(agent.index)));
  return ended ?? { reason: 'stuck', endMs: Math.max(...freeAtMs), rounds: Math.max(0, ...turns), calls: own, detail: 'the team stopped' };
}
