/**
 * One failed call is an outcome the team handles, not a failed trial: every
 * structure that can go on without an agent still decides, and records the
 * failed call with status "error". Only a structure that truly cannot go on
 * (its leader could not split the task) fails the trial.
 */
import { describe, expect, it } from 'vitest';
import { SimBackend } from '../../../electron/core/backends/sim';
import { BackendError, type CallRequest, type CallResult, type ModelBackend } from '../../../electron/core/backends/types';
import { StructureStuck } from '../../../electron/core/engine/types';
import type { TrialOutcome } from '../../../electron/core/trial-record';
import { cellOf, expectConsistentTimeline, itemsOf, runOn, simBackends } from './engine-helpers';

/** The sim, except that the calls `fails` picks throw, as a server that refused them would. */
class FailingBackend implements ModelBackend {
  readonly kind = 'sim';
  readonly virtualTime = true;
  private readonly sim = new SimBackend();
  constructor(private readonly fails: (request: CallRequest) => boolean) {}
  check(model: string): Promise<void> {
    return this.sim.check(model);
  }
  call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    if (this.fails(request)) return Promise.reject(new BackendError(`injected failure for agent ${request.agentIndex}`, 'server_error'));
    return this.sim.call(request, signal);
  }
}

const failing = (agent: number, intent?: string) => simBackends(new FailingBackend((r) => r.agentIndex === agent && (intent === undefined || r.intent?.kind === intent)));
const items = itemsOf(3);

async function runFailing(team: Record<string, unknown>, agent: number, intent?: string): Promise<TrialOutcome[]> {
  const cell = cellOf(team);
  const outcomes: TrialOutcome[] = [];
  for (const item of items) outcomes.push(await runOn(cell, item, { backends: failing(agent, intent) }));
  return outcomes;
}

function expectFailedCallsOf(outcome: TrialOutcome, agent: number): void {
  const theirs = outcome.calls.filter((c) => c.agentIndex === agent);
  expect(theirs.length).toBeGreaterThan(0);
  for (const call of theirs) {
    expect(call.status).toBe('error');
    expect(call.error).toMatch(/injected failure/);
  }
  expect(outcome.calls.filter((c) => c.agentIndex !== agent).every((c) => c.status === 'ok')).toBe(true);
  expectConsistentTimeline(outcome);
}

/** The decision's "from calls" list, as the trial view shows it. */
function decisionInputs(outcome: TrialOutcome): number[] {
  const text = outcome.messages.find((m) => m.kind === 'decision')!.content;
  return (/from calls ([\d, ]+)\)$/.exec(text)?.[1] ?? '').split(', ').filter(Boolean).map(Number);
}

describe('a failed call is handled, not fatal', () => {
  it('vote: the other voters decide', async () => {
    for (const outcome of await runFailing({ structure: 'vote', sizes: [3], aggregate: 'plurality' }, 1)) {
      expectFailedCallsOf(outcome, 1);
      expect(outcome.finalAnswer).not.toBeNull();
      expect(decisionInputs(outcome).map((s) => outcome.calls[s]!.agentIndex).sort()).toEqual([0, 2]);
    }
  });

  it('debate, sync and async: the silent agent sends nothing, every round still happens, the others decide', async () => {
    for (const mode of ['sync', 'async']) {
      for (const outcome of await runFailing({ structure: 'debate', sizes: [4], rounds: 2, topology: 'full', mode }, 2)) {
        expectFailedCallsOf(outcome, 2);
        expect(outcome.calls).toHaveLength(12);
        expect(outcome.messages.filter((m) => m.kind === 'peer' && m.fromAgent === 2)).toEqual([]);
        // Three agents, two rounds of messages, each to the three others.
        expect(outcome.messages.filter((m) => m.kind === 'peer').reduce((n, m) => n + m.toAgents!.length, 0)).toBe(3 * 2 * 3);
        expect(outcome.finalAnswer).not.toBeNull();
        expect(decisionInputs(outcome).map((s) => outcome.calls[s]!.agentIndex).sort()).toEqual([0, 1, 3]);
      }
    }
  });

  it('debate: an agent whose revision fails keeps its earlier answer in the final vote', async () => {
    for (const outcome of await runFailing({ structure: 'debate', sizes: [3], rounds: 2 }, 0, 'revise')) {
      const kept = decisionInputs(outcome).map((s) => outcome.calls[s]!);
      expect(kept.find((c) => c.agentIndex === 0)).toMatchObject({ intent: 'solve', round: 0, status: 'ok' });
      expect(outcome.calls.filter((c) => c.agentIndex === 0 && c.round > 0).map((c) => c.status)).toEqual(['error', 'error']);
    }
  });

  it('debate: when every debater fails there is nothing to vote on, and the trial fails', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [2], rounds: 1 });
    const backends = simBackends(new FailingBackend(() => true));
    await expect(runOn(cell, items[0]!, { backends })).rejects.toBeInstanceOf(StructureStuck);
  });

  it('mixture of agents: the aggregator combines the proposals that came', async () => {
    for (const outcome of await runFailing({ structure: 'moa', layers: 2, proposers: 3 }, 1)) {
      expectFailedCallsOf(outcome, 1);
      const aggregate = outcome.calls.find((c) => c.intent === 'aggregate')!;
      expect(aggregate.consumes.map((s) => outcome.calls[s]!.agentIndex).sort()).toEqual([0, 2]);
      expect(aggregate.waitsFor.map((s) => outcome.calls[s]!.agentIndex)).toEqual([1]);
      expect(outcome.finalAnswer).not.toBeNull();
    }
  });

  it('mixture of agents: a failed aggregator falls back to the plurality of the last layer', async () => {
    for (const outcome of await runFailing({ structure: 'moa', layers: 2, proposers: 3 }, 3)) {
      expectFailedCallsOf(outcome, 3);
      expect(outcome.events.map((e) => e.kind)).toContain('aggregator_failed');
      expect(decisionInputs(outcome).map((s) => outcome.calls[s]!.round)).toEqual([1, 1, 1]);
      expect(outcome.finalAnswer).not.toBeNull();
    }
  });

  it('pipeline: the writer refines with the critiques that came', async () => {
    for (const outcome of await runFailing({ structure: 'pipeline', repeats: 2, critics: 2 }, 2)) {
      expectFailedCallsOf(outcome, 2);
      const refines = outcome.calls.filter((c) => c.intent === 'refine');
      expect(refines).toHaveLength(2);
      for (const refine of refines) {
        expect(refine.status).toBe('ok');
        expect(refine.consumes.map((s) => outcome.calls[s]!.agentIndex).sort()).toEqual([0, 1]);
      }
      expect(decisionInputs(outcome)).toEqual([refines[1]!.seq]);
    }
  });

  it('pipeline: a failed last refinement leaves the previous draft as the answer', async () => {
    const outcomes = await runFailing({ structure: 'pipeline', repeats: 1, critics: 1 }, 0, 'refine');
    for (const outcome of outcomes) {
      const draft = outcome.calls.find((c) => c.intent === 'solve')!;
      expect(decisionInputs(outcome)).toEqual([draft.seq]);
      expect(outcome.finalAnswer).toBe(outcome.answers.find((a) => a.callSeq === draft.seq)!.extracted);
      expect(outcome.events.map((e) => e.kind)).toContain('refine_failed');
    }
  });

  it('leader–worker: a lost worker is left out of the synthesis, and the loss is recorded', async () => {
    for (const outcome of await runFailing({ structure: 'leader-worker', workers: 3 }, 2)) {
      expectFailedCallsOf(outcome, 2);
      const synthesis = outcome.calls.find((c) => c.intent === 'synthesize')!;
      expect(synthesis.consumes.map((s) => outcome.calls[s]!.agentIndex).sort()).toEqual([1, 3]);
      expect(outcome.events.filter((e) => e.kind === 'part_lost').map((e) => e.agentIndex)).toEqual([2]);
      expect(outcome.messages.filter((m) => m.kind === 'result').map((m) => m.fromAgent).sort()).toEqual([1, 3]);
      expect(decisionInputs(outcome)).toEqual([synthesis.seq]);
    }
  });

  it('hierarchical: a sub-leader that cannot split loses its subtree, and the root combines the rest', async () => {
    for (const outcome of await runFailing({ structure: 'hierarchical', branching: 2, depth: 2 }, 1, 'decompose')) {
      // Agent 1's children (3 and 4) never get a part; agent 2's subtree works as usual.
      expect(outcome.calls.filter((c) => c.agentIndex === 3 || c.agentIndex === 4)).toEqual([]);
      expect(outcome.calls.filter((c) => c.agentIndex === 1).map((c) => [c.intent, c.status])).toEqual([['decompose', 'error']]);
      expect(outcome.events.filter((e) => e.kind === 'part_lost').map((e) => e.agentIndex)).toEqual([1]);
      const root = outcome.calls.filter((c) => c.agentIndex === 0 && c.intent === 'synthesize');
      expect(root).toHaveLength(1);
      expect(root[0]!.consumes.map((s) => outcome.calls[s]!.agentIndex)).toEqual([2]);
      expectConsistentTimeline(outcome);
    }
  });

  it("a leader's failed split fails the trial (leader–worker and hierarchical)", async () => {
    for (const team of [{ structure: 'leader-worker', workers: 2 }, { structure: 'hierarchical', branching: 2, depth: 1 }]) {
      const run = runOn(cellOf(team), items[0]!, { backends: failing(0, 'decompose') });
      await expect(run).rejects.toBeInstanceOf(StructureStuck);
      await expect(run).rejects.toThrow(/could not split the task/);
    }
  });

  it("a leader's failed synthesis and a writer's failed draft fail the trial too", async () => {
    await expect(runOn(cellOf({ structure: 'leader-worker', workers: 2 }), items[0]!, { backends: failing(0, 'synthesize') })).rejects.toThrow(/could not combine/);
    await expect(runOn(cellOf({ structure: 'pipeline', repeats: 1, critics: 1 }), items[0]!, { backends: failing(0, 'solve') })).rejects.toBeInstanceOf(StructureStuck);
  });
});
