/**
 * The engine's environment hook: a structure can let its agents act on shared
 * state (the paper's task board will plug in here), and everything they do
 * lands in the trial's events on its timeline.
 */
import { describe, expect, it } from 'vitest';
import { callSettingsFor } from '../../../electron/core/engine/call-settings';
import type { EnvironmentState } from '../../../electron/core/engine/environment';
import { runTrial } from '../../../electron/core/engine/trial-engine';
import type { TeamStructure } from '../../../electron/core/engine/types';
import { registerStructure } from '../../../electron/core/teams';
import { voteTeam } from '../../../electron/core/teams/vote';
import { arithmetic, cellOf, itemsOf, simBackends, specOf } from './engine-helpers';

/** A board of one task: the first agent to claim it gets it, the others are told who holds it. */
function oneTaskBoard(): EnvironmentState {
  let holder: number | null = null;
  return {
    name: 'one-task board',
    apply(agent, action) {
      if (action.kind !== 'claim') return { ok: false, detail: `unknown action ${action.kind}` };
      if (holder === null) {
        holder = agent;
        return { ok: true, detail: `agent ${agent} holds the task` };
      }
      return { ok: false, detail: `agent ${holder} already holds it` };
    },
  };
}

/** Every agent answers, then claims the task when its answer comes back; the holder's answer is the team's. */
const claimers: TeamStructure = {
  id: 'vote',
  async run(context) {
    const board = context.environment;
    if (!board) throw new Error('this structure needs an environment');
    let winner = null as Awaited<ReturnType<(typeof context.agents)[number]['ask']>> | null;
    await Promise.all(
      context.agents.map(async (agent) => {
        const reply = await agent.ask({ kind: 'solve' }, { round: 0 });
        if (board.act(agent.index, { kind: 'claim', args: { task: 1 } }, { round: 0, atMs: reply.endMs }).ok) winner = reply;
      }),
    );
    context.decide(winner?.answer ?? null, 'the answer of the agent that claimed the task first', winner ? [winner] : []);
  },
};

describe('the environment hook', () => {
  it('lets agents act on shared state, in logical-time order, and records every action as an event', async () => {
    registerStructure(claimers);
    try {
      const cell = cellOf({ structure: 'vote', sizes: [4], aggregate: 'plurality' });
      const [item] = itemsOf(1);
      const spec = specOf([{ structure: 'vote', sizes: [4] }]);
      const outcome = await runTrial(
        { item: item!, suite: arithmetic, cell, defaults: spec.agents, settings: callSettingsFor(spec), seed: 11, environment: () => oneTaskBoard() },
        simBackends(),
        new AbortController().signal,
      );
      const claims = outcome.events.filter((e) => e.kind === 'env_claim');
      expect(claims).toHaveLength(4);
      // The agent whose call ended first on the timeline claims the task; the others are refused, in end order.
      const byEnd = [...outcome.calls].sort((a, b) => a.logicalEndMs - b.logicalEndMs);
      expect(claims.map((c) => c.agentIndex)).toEqual(byEnd.map((c) => c.agentIndex));
      expect(claims[0]!.detail).toMatch(/^claim \{"task":1\} → agent \d holds the task$/);
      expect(claims.slice(1).every((c) => c.detail.startsWith('refused: claim'))).toBe(true);
      expect(claims.map((c) => c.atMs)).toEqual(byEnd.map((c) => c.logicalEndMs));
      const first = byEnd[0]!;
      expect(outcome.finalAnswer).toBe(outcome.answers.find((a) => a.callSeq === first.seq)!.extracted);
    } finally {
      // Put the real vote back for the tests that run after this one in the same worker.
      registerStructure(voteTeam);
    }
  });
});
