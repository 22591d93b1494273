/**
 * What a user of debates relies on: the first round draws the same answers as
 * a vote of the same agents (structures compared on common random numbers),
 * async debates replay identically, sync rounds wait for each other while
 * async turns don't, a quorum closes a round and cancels the stragglers, and
 * each agent reads exactly its neighbours.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord, TrialOutcome } from '../../../electron/core/trial-record';
import { cellOf, expectConsistentTimeline, itemsOf, logicalPart, runOn, trialSeed } from './engine-helpers';

const items = itemsOf(6);

function answersOfRound(outcome: TrialOutcome, round: number): Array<string | null> {
  const calls = new Map(outcome.calls.map((c) => [c.seq, c]));
  return outcome.answers.filter((a) => calls.get(a.callSeq)!.round === round).sort((a, b) => a.agentIndex - b.agentIndex).map((a) => a.extracted);
}

function byRound(outcome: TrialOutcome): CallRecord[][] {
  const rounds: CallRecord[][] = [];
  for (const call of outcome.calls) (rounds[call.round] ??= []).push(call);
  return rounds;
}

describe('debate', () => {
  it('draws the same first-round answers as a vote of the same agents on the same trial seeds', async () => {
    const vote = cellOf({ structure: 'vote', sizes: [5], aggregate: 'plurality' });
    let differing = 0;
    for (const mode of ['sync', 'async']) {
      const debate = cellOf({ structure: 'debate', sizes: [5], rounds: 2, topology: 'ring', mode });
      for (const item of items) {
        const seed = trialSeed(0, item.index);
        const voted = answersOfRound(await runOn(vote, item, { seed }), 0);
        const debated = await runOn(debate, item, { seed });
        expect(answersOfRound(debated, 0)).toEqual(voted);
        if (new Set(voted).size > 1) differing++;
      }
    }
    // The agents do disagree on some items, so equal answers are not a coincidence of unanimity.
    expect(differing).toBeGreaterThan(0);
  });

  it('with 0 rounds is a plain vote: same calls and, barring a seeded tie-break, the same answer', async () => {
    const vote = cellOf({ structure: 'vote', sizes: [4], aggregate: 'plurality' });
    const debate = cellOf({ structure: 'debate', sizes: [4], rounds: 0 });
    for (const item of items) {
      const seed = trialSeed(0, item.index);
      const [v, d] = [await runOn(vote, item, { seed }), await runOn(debate, item, { seed })];
      expect(d.calls.map((c) => [c.agentIndex, c.intent, c.round])).toEqual(v.calls.map((c) => [c.agentIndex, c.intent, c.round]));
      if (!v.events.some((e) => e.kind === 'tie_break')) expect(d.finalAnswer).toBe(v.finalAnswer);
    }
  });

  it('gives identical outcomes on two runs in async mode, even with other trials interleaved', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [5], rounds: 3, topology: 'full', mode: 'async' });
    for (const item of items.slice(0, 3)) {
      const first = await runOn(cell, item);
      const [second, third] = await Promise.all([runOn(cell, item), runOn(cell, item), runOn(cell, items[5]!)]);
      expect(JSON.stringify(logicalPart(second!))).toBe(JSON.stringify(logicalPart(first)));
      expect(JSON.stringify(logicalPart(third!))).toBe(JSON.stringify(logicalPart(first)));
    }
  });

  it('sync: every call of round r+1 starts exactly when the last call of round r ends', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [5], rounds: 3, topology: 'ring' });
    for (const item of items) {
      const rounds = byRound(await runOn(cell, item));
      for (let r = 1; r < rounds.length; r++) {
        const barrier = Math.max(...rounds[r - 1]!.map((c) => c.logicalEndMs));
        for (const call of rounds[r]!) expect(call.logicalStartMs).toBe(barrier);
      }
    }
  });

  it('async: each agent goes on when its own call ends, without waiting for the slowest agent', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [5], rounds: 3, topology: 'ring', mode: 'async' });
    let earlyStarts = 0;
    for (const item of items) {
      const outcome = await runOn(cell, item);
      expectConsistentTimeline(outcome);
      const rounds = byRound(outcome);
      for (let r = 1; r < rounds.length; r++) {
        const slowest = Math.max(...rounds[r - 1]!.map((c) => c.logicalEndMs));
        for (const call of rounds[r]!) {
          const own = rounds[r - 1]!.find((c) => c.agentIndex === call.agentIndex)!;
          expect(call.logicalStartMs).toBe(own.logicalEndMs);
          if (call.logicalStartMs < slowest) earlyStarts++;
        }
      }
    }
    expect(earlyStarts).toBeGreaterThan(items.length);
  });

  it('async: an agent reads only messages its neighbours sent before its turn, the latest from each', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [4], rounds: 3, topology: 'full', mode: 'async' });
    const outcome = await runOn(cell, items[0]!);
    const bySeq = new Map(outcome.calls.map((c) => [c.seq, c]));
    for (const call of outcome.calls.filter((c) => c.round > 0)) {
      const read = call.consumes.map((s) => bySeq.get(s)!).filter((c) => c.agentIndex !== call.agentIndex);
      expect(new Set(read.map((c) => c.agentIndex)).size).toBe(read.length);
      for (const peer of read) {
        expect(peer.logicalEndMs).toBeLessThanOrEqual(call.logicalStartMs);
        // No later call of that peer had ended by then either.
        const newer = outcome.calls.filter((c) => c.agentIndex === peer.agentIndex && c.round > peer.round && c.round < 3 && c.logicalEndMs <= call.logicalStartMs);
        expect(newer).toEqual([]);
      }
    }
  });

  it('a ring agent reads its two neighbours and its own previous answer, nothing else', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [5], rounds: 2, topology: 'ring' });
    const outcome = await runOn(cell, items[1]!);
    const bySeq = new Map(outcome.calls.map((c) => [c.seq, c]));
    for (const call of outcome.calls.filter((c) => c.round > 0)) {
      const read = call.consumes.map((s) => bySeq.get(s)!);
      expect(read.every((c) => c.round === call.round - 1)).toBe(true);
      expect(read.map((c) => c.agentIndex).sort()).toEqual([call.agentIndex, (call.agentIndex + 1) % 5, (call.agentIndex + 4) % 5].sort());
    }
    // A star's spokes hear only the hub.
    const star = await runOn(cellOf({ structure: 'debate', sizes: [4], rounds: 1, topology: 'star' }), items[1]!);
    const peers = star.messages.filter((m) => m.kind === 'peer');
    expect(peers.find((m) => m.fromAgent === 0)!.toAgents).toEqual([1, 2, 3]);
    for (const spoke of [1, 2, 3]) expect(peers.find((m) => m.fromAgent === spoke)!.toAgents).toEqual([0]);
  });

  it('a quorum closes each round at its k-th answer and cancels the calls still running', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [5], rounds: 2, quorum: 3 });
    for (const item of items) {
      const outcome = await runOn(cell, item);
      expect(outcome.calls).toHaveLength(15);
      expectConsistentTimeline(outcome);
      const rounds = byRound(outcome);
      expect(outcome.events.filter((e) => e.kind === 'round_closed').map((e) => e.round)).toEqual([0, 1, 2]);
      for (const [r, calls] of rounds.entries()) {
        const answered = calls.filter((c) => c.status === 'ok');
        const cancelled = calls.filter((c) => c.status === 'cancelled');
        expect(answered).toHaveLength(3);
        expect(cancelled).toHaveLength(2);
        // The stragglers are cut at the moment the third answer came in; the next round starts then.
        const closedAt = Math.max(...answered.map((c) => c.logicalEndMs));
        for (const c of cancelled) expect(c.logicalEndMs).toBe(closedAt);
        for (const c of rounds[r + 1] ?? []) expect(c.logicalStartMs).toBe(closedAt);
        // Only answers are passed on: a cancelled call sends no message.
        const sent = outcome.messages.filter((m) => m.kind === 'peer' && m.round === r).map((m) => m.callSeq);
        expect(sent.sort()).toEqual(r < 2 ? answered.map((c) => c.seq).sort() : []);
      }
      expect(outcome.answers.every((a) => outcome.calls[a.callSeq]!.status === 'ok')).toBe(true);
    }
  });

  it('a majority final rule gives no answer without a majority, where plurality picks one', async () => {
    let split = 0;
    for (const item of itemsOf(20, 11, 6)) {
      const seed = trialSeed(0, item.index);
      const major = await runOn(cellOf({ structure: 'debate', sizes: [4], rounds: 1, finalRule: 'majority' }), item, { seed });
      const plural = await runOn(cellOf({ structure: 'debate', sizes: [4], rounds: 1, finalRule: 'plurality' }), item, { seed });
      const last = answersOfRound(major, 1);
      const top = Math.max(0, ...[...new Set(last)].filter((a) => a !== null).map((a) => last.filter((b) => b === a).length));
      if (top * 2 > last.length) expect(major.finalAnswer).toBe(plural.finalAnswer);
      else {
        split++;
        expect(major.finalAnswer).toBeNull();
        expect(plural.finalAnswer).not.toBeNull();
      }
    }
    expect(split).toBeGreaterThan(0);
  });
});
