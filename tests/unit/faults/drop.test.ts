/**
 * A lossy network: each message between agents is lost for each receiver
 * with probability q. The record keeps only the receivers it reached, each
 * loss is a `fault_drop` event, and a receiver never sees what it lost (in
 * its prompt or, on the sim, its intent). Structures still decide.
 */
import { describe, expect, it } from 'vitest';
import { structureDefinition } from '../../../shared/domain/structures';
import { agentMessageCount, type TrialOutcome } from '../../../electron/core/trial-record';
import { cellOf, CountingSim, expectConsistentTimeline, itemsOf, logicalPart, runFaulty } from './helpers';

const items = itemsOf(8);
const drops = (outcome: TrialOutcome) => outcome.events.filter((e) => e.kind === 'fault_drop');

describe('message drop', () => {
  it('with q = 1 delivers nothing: every intended delivery is a drop event, and agents revise on their own', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [4], rounds: 2, topology: 'full', faults: { drop: 1 } });
    const intended = structureDefinition('debate')!.expected(cell.params).messages;
    for (const item of items.slice(0, 4)) {
      const sim = new CountingSim();
      const outcome = await runFaulty(cell, item, { backend: sim });
      expect(agentMessageCount(outcome.messages)).toBe(0);
      expect(drops(outcome)).toHaveLength(intended);
      expect(drops(outcome)[0]!.detail).toMatch(/^message \d+ \(peer\) from agent \d to agent \d was lost$/);
      for (const request of sim.requests.filter((r) => r.intent?.kind === 'revise')) {
        expect(request.intent).toMatchObject({ peers: [] });
        expect(request.messages.some((m) => /^Agent \d answered/.test(m.content))).toBe(false);
      }
      // A revision read nothing from its peers: they are waited for, never read.
      for (const call of outcome.calls.filter((c) => c.round > 0)) expect(call.consumes.every((seq) => outcome.calls[seq]!.agentIndex === call.agentIndex)).toBe(true);
      expect(outcome.finalAnswer).not.toBeNull();
      expectConsistentTimeline(outcome);
    }
  });

  it('with q = 0.5 loses about half of the deliveries, and what is kept plus what is lost is what was sent', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [5], rounds: 2, topology: 'full', faults: { drop: 0.5 } });
    const intended = structureDefinition('debate')!.expected(cell.params).messages;
    let lost = 0;
    for (const item of items) {
      const outcome = await runFaulty(cell, item);
      expect(agentMessageCount(outcome.messages) + drops(outcome).length).toBe(intended);
      lost += drops(outcome).length;
      // Each receiver's revision quotes exactly the peers whose message reached it.
      for (const call of outcome.calls.filter((c) => c.round > 0)) {
        const reached = outcome.messages.filter((m) => m.kind === 'peer' && m.round === call.round - 1 && m.toAgents!.includes(call.agentIndex)).map((m) => m.callSeq);
        expect(call.consumes.filter((seq) => outcome.calls[seq]!.agentIndex !== call.agentIndex).sort()).toEqual(reached.sort());
      }
    }
    const share = lost / (intended * items.length);
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('is the same on a rerun, and q = 0 changes nothing at all', async () => {
    const lossy = cellOf({ structure: 'debate', sizes: [4], rounds: 2, mode: 'async', faults: { drop: 0.3 } });
    expect(JSON.stringify(logicalPart(await runFaulty(lossy, items[0]!)))).toBe(JSON.stringify(logicalPart(await runFaulty(lossy, items[0]!))));
    const plain = cellOf({ structure: 'moa', layers: 2, proposers: 3 });
    const lossless = cellOf({ structure: 'moa', layers: 2, proposers: 3, faults: { drop: 0 } });
    for (const item of items.slice(0, 3)) expect(JSON.stringify(logicalPart(await runFaulty(lossless, item)))).toBe(JSON.stringify(logicalPart(await runFaulty(plain, item))));
  });

  it('leaves a pipeline\'s critics without the draft and a leader without its workers\' results, and both teams still answer', async () => {
    const pipeline = cellOf({ structure: 'pipeline', repeats: 1, critics: 2, faults: { drop: 1 } });
    const leader = cellOf({ structure: 'leader-worker', workers: 3, faults: { drop: 1 } });
    for (const item of items.slice(0, 4)) {
      const sim = new CountingSim();
      const [p, l] = [await runFaulty(pipeline, item, { backend: sim }), await runFaulty(leader, item, { backend: sim })];
      expect(sim.requests.filter((r) => r.intent?.kind === 'critique').every((r) => r.intent?.kind === 'critique' && r.intent.target === null)).toBe(true);
      expect(sim.requests.filter((r) => r.intent?.kind === 'refine').every((r) => r.intent?.kind === 'refine' && r.intent.critiques.length === 0)).toBe(true);
      expect(sim.requests.filter((r) => r.intent?.kind === 'solve_part').every((r) => r.intent?.kind === 'solve_part' && !r.intent.soundSplit)).toBe(true);
      expect(sim.requests.filter((r) => r.intent?.kind === 'synthesize').every((r) => r.intent?.kind === 'synthesize' && r.intent.parts.length === 0)).toBe(true);
      for (const outcome of [p, l]) {
        expect(outcome.calls.every((c) => c.status === 'ok')).toBe(true);
        expect(agentMessageCount(outcome.messages)).toBe(0);
        expectConsistentTimeline(outcome);
      }
    }
  });
});
