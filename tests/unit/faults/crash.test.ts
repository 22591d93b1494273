/**
 * A crashed agent stops answering: its calls send no request, each lasts the
 * call timeout on the timeline (the team waits that long for it), and the
 * team carries on without it. On a real backend the wait is real time, and
 * stopping or pausing the trial ends it at once.
 */
import { describe, expect, it } from 'vitest';
import { TrialPaused } from '../../../electron/core/engine/trial-engine';
import { agentsOf, cellOf, CountingSim, expectConsistentTimeline, itemsOf, runFaulty } from './helpers';

const items = itemsOf(6);
const TIMEOUT = 600_000;

describe('a crashed agent', () => {
  it('in a vote: sends no request, its call is "crashed" and lasts the timeout, and the others decide', async () => {
    const cell = cellOf({ structure: 'vote', sizes: [5], aggregate: 'plurality', faults: { crash: 1 } });
    for (const item of items) {
      const sim = new CountingSim();
      const outcome = await runFaulty(cell, item, { backend: sim });
      const [crashed] = agentsOf(outcome, 'fault_crash');
      const theirs = outcome.calls.filter((c) => c.agentIndex === crashed);
      expect(theirs).toHaveLength(1);
      expect(theirs[0]).toMatchObject({ status: 'crashed', logicalStartMs: 0, logicalEndMs: TIMEOUT, tokensOut: 0 });
      expect(theirs[0]!.error).toMatch(/crashed: agent \d stopped answering/);
      expect(sim.sentBy(crashed!)).toBe(0);
      expect(sim.requests).toHaveLength(4);
      // The team waited for it (a plurality waits for every voter), then decided from the four others.
      expect(outcome.criticalPathMs).toBe(TIMEOUT);
      expect(outcome.finalAnswer).not.toBeNull();
      expect(outcome.answers.map((a) => a.agentIndex)).not.toContain(crashed);
      expectConsistentTimeline(outcome);
    }
  });

  it('in a sync debate: every round waits the timeout for it, and the team still decides', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [4], rounds: 2, faults: { crash: 1 } });
    for (const item of items.slice(0, 3)) {
      const outcome = await runFaulty(cell, item);
      const [crashed] = agentsOf(outcome, 'fault_crash');
      expect(outcome.calls.filter((c) => c.agentIndex === crashed).map((c) => c.status)).toEqual(['crashed', 'crashed', 'crashed']);
      for (const call of outcome.calls.filter((c) => c.round > 0)) expect(call.logicalStartMs).toBeGreaterThanOrEqual(call.round * TIMEOUT);
      expect(outcome.criticalPathMs).toBeGreaterThanOrEqual(2 * TIMEOUT);
      // It sends nothing, so nobody reads it.
      expect(outcome.messages.filter((m) => m.kind === 'peer' && m.fromAgent === crashed)).toEqual([]);
      expect(outcome.finalAnswer).not.toBeNull();
      expectConsistentTimeline(outcome);
    }
  });

  it('answers normally before crashFromRound, then crashes', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [3], rounds: 2, faults: { crash: 1, crashFromRound: 1 } });
    const outcome = await runFaulty(cell, items[0]!);
    const [crashed] = agentsOf(outcome, 'fault_crash');
    expect(outcome.calls.filter((c) => c.agentIndex === crashed).map((c) => c.status)).toEqual(['ok', 'crashed', 'crashed']);
    // Its round-0 answer still counts in the final vote.
    expect(outcome.answers.some((a) => a.agentIndex === crashed)).toBe(true);
  });

  it('is not waited for once a quorum has answered: its call is cut where the team let it go', async () => {
    const cell = cellOf({ structure: 'vote', sizes: [5], aggregate: 'quorum', quorum: 2, faults: { crash: 1 } });
    let reached = 0;
    for (const item of items) {
      const outcome = await runFaulty(cell, item);
      if (!outcome.events.some((e) => e.kind === 'quorum_reached')) continue;
      reached++;
      const crashed = outcome.calls.find((c) => c.status === 'crashed')!;
      expect(crashed.logicalEndMs).toBeLessThan(TIMEOUT);
      expect(outcome.criticalPathMs).toBeLessThan(TIMEOUT);
    }
    expect(reached).toBeGreaterThan(0);
  });

  it('a leader that crashed leaves its team stuck: the trial fails, a liveness failure', async () => {
    const cell = cellOf({ structure: 'pipeline', repeats: 1, critics: 1, faults: { crash: 2 } });
    await expect(runFaulty(cell, items[0]!)).rejects.toThrow(/writer could not draft/);
  });
});

describe('a crash on a real backend', () => {
  it('costs real time: the engine waits the call timeout before the team goes on', async () => {
    const cell = cellOf({ structure: 'vote', sizes: [3], aggregate: 'plurality', faults: { crash: 1 } });
    const sim = new CountingSim({ realTime: true, timeScale: 0 });
    const started = Date.now();
    const outcome = await runFaulty(cell, items[0]!, { backend: sim, timeoutMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sim.requests).toHaveLength(2);
    expect(outcome.calls.find((c) => c.status === 'crashed')!.logicalEndMs).toBe(300);
  });

  it('stops waiting at once when the trial is cancelled or the run pauses', async () => {
    const cell = cellOf({ structure: 'vote', sizes: [3], aggregate: 'plurality', faults: { crash: 1 } });
    const backend = () => new CountingSim({ realTime: true, timeScale: 0 });
    const cancel = new AbortController();
    let started = Date.now();
    setTimeout(() => cancel.abort(), 30);
    await expect(runFaulty(cell, items[0]!, { backend: backend(), timeoutMs: 60_000, signal: cancel.signal })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);

    const pause = new AbortController();
    started = Date.now();
    setTimeout(() => pause.abort(), 30);
    await expect(runFaulty(cell, items[0]!, { backend: backend(), timeoutMs: 60_000, pauseSignal: pause.signal })).rejects.toBeInstanceOf(TrialPaused);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
