/**
 * Byzantine agents answer adversarially: each pushes a wrong answer (its own,
 * or one they all collude on) in every call, keeps it through a debate, and
 * as a critic calls right answers wrong. A majority vote of 5 loses accuracy
 * as f grows and collapses once colluders are a majority (f ≥ n/2).
 */
import { describe, expect, it } from 'vitest';
import type { TrialOutcome } from '../../../electron/core/trial-record';
import { arithmetic } from '../teams/engine-helpers';
import { cellOf, CountingSim, itemsOf, runFaulty } from './helpers';

const items = itemsOf(60);

/** The answer each Byzantine agent was told to push, from the trial's events. */
function pushed(outcome: TrialOutcome): Map<number, string> {
  return new Map(outcome.events.filter((e) => e.kind === 'fault_byzantine').map((e) => [e.agentIndex!, /argues for (\S+)/.exec(e.detail)![1]!]));
}

async function sweep(mode: 'independent' | 'colluding', f: number): Promise<TrialOutcome[]> {
  const cell = cellOf({ structure: 'vote', sizes: [5], aggregate: 'majority', faults: { byzantine: f, mode } });
  const outcomes: TrialOutcome[] = [];
  for (const item of items) outcomes.push(await runFaulty(cell, item));
  return outcomes;
}

const accuracy = (outcomes: readonly TrialOutcome[]) => outcomes.filter((o) => o.correct).length / outcomes.length;

describe('Byzantine agents in a majority vote of 5', () => {
  it('colluding: accuracy falls as f grows, trial by trial, and collapses at f ≥ 3 where the colluders win', async () => {
    const runs = await Promise.all([0, 1, 2, 3].map((f) => sweep('colluding', f)));
    const curve = runs.map(accuracy);
    expect(curve[0]).toBeGreaterThan(0.5);
    for (let f = 1; f < runs.length; f++) {
      // Paired: the same honest agents on the same seeds, one more of them turned. No trial can get better.
      runs[f]!.forEach((outcome, i) => {
        if (outcome.correct) expect(runs[f - 1]![i]!.correct).toBe(true);
      });
      expect(curve[f]!).toBeLessThan(curve[f - 1]!);
    }
    expect(curve[3]).toBe(0);
    // The colluders hold the majority: the team gives their answer, unless one of them garbled its reply (sim:default garbles 1.5% of replies).
    const theirs = runs[3]!.filter((o) => o.finalAnswer === [...pushed(o).values()][0]).length;
    expect(theirs / runs[3]!.length).toBeGreaterThan(0.85);
  });

  it('independent: each pushes its own answer, so at f = 3 they cannot win either; the team falls silent instead', async () => {
    const outcomes = await sweep('independent', 3);
    for (const outcome of outcomes) {
      const answers = pushed(outcome);
      expect(new Set(answers.values()).size).toBe(3);
      expect(outcome.correct).toBe(false);
    }
    const silent = outcomes.filter((o) => o.finalAnswer === null).length / outcomes.length;
    expect(silent).toBeGreaterThan(0.9);
  });

  it('give replies that read like anyone\'s, ending with the pushed answer', async () => {
    const cell = cellOf({ structure: 'vote', sizes: [5], aggregate: 'majority', faults: { byzantine: 2, mode: 'colluding' } });
    for (const item of items.slice(0, 10)) {
      const outcome = await runFaulty(cell, item);
      for (const [agent, answer] of pushed(outcome)) {
        const reply = outcome.messages.find((m) => m.kind === 'reply' && m.fromAgent === agent)!;
        expect(reply.content).not.toMatch(/byzantine|adversar|secret/i);
        const extracted = outcome.answers.find((a) => a.agentIndex === agent)!.extracted;
        if (extracted !== null) expect(extracted).toBe(answer);
      }
    }
  });
});

describe('Byzantine agents elsewhere', () => {
  it('in a debate keep arguing for their answer every round', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [5], rounds: 3, faults: { byzantine: 2, mode: 'colluding' } });
    let honestSwayed = 0;
    let kept = 0;
    let total = 0;
    for (const item of items.slice(0, 12)) {
      const outcome = await runFaulty(cell, item);
      const answers = pushed(outcome);
      const roundOf = new Map(outcome.calls.map((c) => [c.seq, c.round]));
      for (const [agent, answer] of answers) {
        const theirs = outcome.answers.filter((a) => a.agentIndex === agent);
        expect(new Set(theirs.map((a) => roundOf.get(a.callSeq)))).toEqual(new Set([0, 1, 2, 3]));
        kept += theirs.filter((a) => a.extracted === answer).length;
        total += theirs.length;
      }
      const wrong = [...answers.values()][0];
      honestSwayed += outcome.answers.filter((a) => !answers.has(a.agentIndex) && roundOf.get(a.callSeq)! > 0 && a.extracted === wrong).length;
    }
    // Every reply but a garbled one (whose stray numbers an extractor may misread) gives the pushed answer.
    expect(kept / total).toBeGreaterThan(0.95);
    // Their steady answer does move honest agents now and then.
    expect(honestSwayed).toBeGreaterThan(0);
  });

  it('as critics call right drafts wrong and suggest their own answer', async () => {
    const critics = cellOf({ structure: 'pipeline', repeats: 1, critics: 3, faults: { byzantine: 2, mode: 'colluding' } });
    let flagged = 0;
    let suggested = 0;
    for (const item of items.slice(0, 30)) {
      const outcome = await runFaulty(critics, item);
      const answers = pushed(outcome);
      const draft = outcome.answers.find((a) => outcome.calls[a.callSeq]!.intent === 'solve');
      if (!draft?.correct) continue;
      for (const call of outcome.calls.filter((c) => c.intent === 'critique' && answers.has(c.agentIndex))) {
        const reply = outcome.messages.find((m) => m.kind === 'reply' && m.callSeq === call.seq)!;
        flagged++;
        if (arithmetic.extract(reply.content, item) === answers.get(call.agentIndex)) suggested++;
      }
    }
    expect(flagged).toBeGreaterThan(5);
    expect(suggested / flagged).toBeGreaterThan(0.9);
  });

  it('are told in their system prompt, on real models, to argue for their answer; honest agents are not', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [3], rounds: 1, faults: { byzantine: 1 } });
    const sim = new CountingSim();
    const outcome = await runFaulty(cell, items[0]!, { backend: sim });
    const [agent, answer] = [...pushed(outcome)][0]!;
    for (const request of sim.requests) {
      const system = request.messages.find((m) => m.role === 'system')!.content;
      const told = system.includes(`argue convincingly that the answer is ${answer}`);
      expect(told).toBe(request.agentIndex === agent);
      expect(request.intent?.adversary?.answer).toBe(request.agentIndex === agent ? answer : undefined);
    }
    // In a revision the reminder comes last, after the peers' answers.
    const revision = sim.requests.find((r) => r.agentIndex === agent && r.intent?.kind === 'revise')!;
    expect(revision.messages.at(-1)!.content).toMatch(new RegExp(`Keep defending ${answer}`));
  });
});
