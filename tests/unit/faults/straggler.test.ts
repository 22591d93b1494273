/**
 * A straggler's every call starts later by a delay drawn from the spec's
 * distribution (seeded by the call's coordinates), so the team's critical
 * path grows; each drawn delay is a trial event. On a real backend the delay
 * is slept for real before the request goes out.
 */
import { describe, expect, it } from 'vitest';
import { agentsOf, cellOf, CountingSim, expectConsistentTimeline, itemsOf, logicalPart, runFaulty } from './helpers';

const items = itemsOf(6);

describe('a straggler', () => {
  it('in a vote: its call starts later by the fixed delay, and the critical path grows with it', async () => {
    const plain = cellOf({ structure: 'vote', sizes: [3], aggregate: 'plurality' });
    const slow = cellOf({ structure: 'vote', sizes: [3], aggregate: 'plurality', faults: { stragglers: 1, delay: { distribution: 'fixed', meanMs: 5000 } } });
    for (const item of items) {
      const [before, after] = [await runFaulty(plain, item), await runFaulty(slow, item)];
      const [straggler] = agentsOf(after, 'fault_straggler');
      const call = after.calls.find((c) => c.agentIndex === straggler)!;
      expect(call.logicalStartMs).toBe(5000);
      // The same call otherwise: the delay moves it, it does not change it.
      const same = before.calls.find((c) => c.agentIndex === straggler)!;
      expect(call.logicalEndMs - call.logicalStartMs).toBeCloseTo(same.logicalEndMs - same.logicalStartMs, 6);
      expect(after.criticalPathMs).toBeCloseTo(Math.max(before.criticalPathMs, 5000 + same.logicalEndMs), 6);
      expect(after.events.find((e) => e.kind === 'fault_delay')).toMatchObject({ agentIndex: straggler, atMs: 0, detail: expect.stringContaining('held back 5000 ms') });
      expect(after.finalAnswer).toBe(before.finalAnswer);
    }
  });

  it('in a sync debate: every round waits for it, so the critical path grows by a delay per round', async () => {
    const plain = cellOf({ structure: 'debate', sizes: [3], rounds: 2 });
    const slow = cellOf({ structure: 'debate', sizes: [3], rounds: 2, faults: { stragglers: 1, delay: { distribution: 'exponential', meanMs: 3000 } } });
    for (const item of items.slice(0, 4)) {
      const [before, after] = [await runFaulty(plain, item), await runFaulty(slow, item)];
      const delays = after.events.filter((e) => e.kind === 'fault_delay').map((e) => Number(/held back (\d+) ms/.exec(e.detail)![1]));
      expect(delays).toHaveLength(3);
      expect(new Set(delays).size).toBe(3);
      // Each of its calls starts its drawn delay after it could have.
      const straggler = agentsOf(after, 'fault_straggler')[0]!;
      for (const [round, delay] of delays.entries()) {
        const call = after.calls.find((c) => c.agentIndex === straggler && c.round === round)!;
        const ready = after.events.find((e) => e.kind === 'fault_delay' && e.round === round)!.atMs;
        expect(call.logicalStartMs - ready).toBeCloseTo(delay, -1);
      }
      expect(after.criticalPathMs).toBeGreaterThan(before.criticalPathMs + Math.min(...delays));
      expectConsistentTimeline(after);
    }
  });

  it('draws the same delays on a rerun', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [3], rounds: 2, mode: 'async', faults: { stragglers: 2, delay: { distribution: 'lognormal', meanMs: 800, sd: 0.8 } } });
    const [first, second] = [await runFaulty(cell, items[0]!), await runFaulty(cell, items[0]!)];
    expect(JSON.stringify(logicalPart(second))).toBe(JSON.stringify(logicalPart(first)));
  });

  it('on a real backend, sleeps its delay before sending the request', async () => {
    const cell = (delay: number) => cellOf({ structure: 'vote', sizes: [2], aggregate: 'plurality', faults: { stragglers: 1, delay: { distribution: 'fixed', meanMs: delay } } });
    const sim = new CountingSim({ realTime: true, timeScale: 0 });
    let started = Date.now();
    await runFaulty(cell(250), items[0]!, { backend: sim });
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
    started = Date.now();
    await runFaulty(cell(0), items[0]!, { backend: new CountingSim({ realTime: true, timeScale: 0 }) });
    expect(Date.now() - started).toBeLessThan(200);
  });
});
