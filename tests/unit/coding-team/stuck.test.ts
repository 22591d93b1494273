/**
 * A team that cannot finish stops with a reason a user can read: in rounds,
 * after STUCK_ROUNDS rounds without a change to the board or the files
 * (stuck); without a barrier, at the cap. The agent whose calls fail is
 * told so in its next prompt, and the trial fails with its events kept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SimBackend } from '../../../electron/core/backends/sim';
import { BackendError, type CallRequest, type CallResult, type ModelBackend } from '../../../electron/core/backends/types';
import { closeSandbox } from '../../../electron/core/sandbox';
import { STUCK_ROUNDS } from '../../../electron/core/teams/coding/rounds';
import { simBackends } from '../teams/engine-helpers';
import { eventsOf, runCoding } from './helpers';
import { handMadeJob } from './jobs';

afterAll(() => closeSandbox());

/** The sim, except that every call of one agent is refused, as a server that keeps failing would. */
class OneAgentDown implements ModelBackend {
  readonly kind = 'sim';
  readonly virtualTime = true;
  private readonly sim = new SimBackend();
  readonly prompts: string[] = [];
  constructor(private readonly down: number) {}
  check(model: string): Promise<void> {
    return this.sim.check(model);
  }
  call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    if (request.agentIndex === this.down) {
      this.prompts.push(request.messages.map((m) => m.content).join('\n'));
      return Promise.reject(new BackendError('injected failure: the server refused the call', 'server_error'));
    }
    return this.sim.call(request, signal);
  }
}

const chainy = handMadeJob({ chain: 16, independent: 4 });

describe('a team that cannot finish', () => {
  it('in rounds: stops as stuck once the board stands still, fails the trial and grades what is there', async () => {
    const backend = new OneAgentDown(0);
    const outcome = await runCoding({ mode: 'preassign', n: 2, job: chainy, backends: simBackends(backend) });
    const [end] = eventsOf(outcome.jobEvents, 'run_end');
    // Agent 0 holds the chain and never answers; agent 1 finishes its own and then nothing changes.
    expect(end!.detail).toMatch(new RegExp(`^stuck: \\d+ of 20 subtasks done after \\d+ rounds \\(${STUCK_ROUNDS} rounds without a change`));
    expect(outcome).toMatchObject({ correct: false, finalAnswer: null });
    expect(outcome.rounds).toBeLessThan(10);
    const downReplies = eventsOf(outcome.jobEvents, 'agent_reply').filter((e) => e.agent === 0);
    expect(downReplies.length).toBe(outcome.rounds);
    expect(downReplies.every((e) => e.ok === false)).toBe(true);
    expect(eventsOf(outcome.jobEvents, 'complete_task').filter((e) => e.agent === 0)).toEqual([]);
    // The failing agent reads, in its next prompt, that its last call failed.
    expect(backend.prompts[1]).toContain('Your last turn\'s call failed');
    const [final] = eventsOf(outcome.jobEvents, 'final_tests');
    expect(final!.returncode).not.toBe(0);
    expect(outcome.score).not.toBeNull();
    expect(outcome.score!).toBeLessThan(0.5);
  });

  it('without a barrier: the agent that keeps failing keeps its turns, and the run stops at the cap', async () => {
    const outcome = await runCoding({ mode: 'preassign', n: 2, execution: 'async', job: chainy, maxRounds: 5, backends: simBackends(new OneAgentDown(0)) });
    const [end] = eventsOf(outcome.jobEvents, 'run_end');
    expect(end!.detail).toMatch(/^max_rounds: \d+ of 20 subtasks done after 5 turns of the busiest agent \(agent 0 reached 5 turns\)/);
    expect(outcome).toMatchObject({ correct: false, finalAnswer: null, rounds: 5 });
  });
});
