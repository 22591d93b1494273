/**
 * How a leader's split reaches its workers: each worker gets its own "Part N"
 * line as a message; a reply without such lines (real models often ignore the
 * format) still gives every worker something to do, the whole task marked
 * "Part i of k", and tells the sim the split was not sound.
 */
import { describe, expect, it } from 'vitest';
import { SimBackend } from '../../../electron/core/backends/sim';
import type { CallRequest, CallResult, ModelBackend } from '../../../electron/core/backends/types';
import type { Intent } from '../../../electron/core/engine/intents';
import { splitParts } from '../../../electron/core/teams/tree';
import { cellOf, itemsOf, runOn, simBackends } from './engine-helpers';

/** The sim, with decompose replies written by the test, and every request kept. */
class ScriptedSplits implements ModelBackend {
  readonly kind = 'sim';
  readonly virtualTime = true;
  readonly requests: CallRequest[] = [];
  private readonly sim = new SimBackend();
  constructor(private readonly split: (parts: number) => string) {}
  check(model: string): Promise<void> {
    return this.sim.check(model);
  }
  async call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    this.requests.push(request);
    const result = await this.sim.call(request, signal);
    return request.intent?.kind === 'decompose' ? { ...result, text: this.split(request.intent.parts) } : result;
  }
}

const item = itemsOf(1)[0]!;

describe('splitting the task into parts', () => {
  it('reads "Part N:" lines, also as list items or in bold, and keeps the first of each number', () => {
    const reply = ['Here is my plan.', '1. **Part 1:** work out 3 × 4', '- Part 2) add 5', 'part 3 - subtract 2', 'Part 2: ignored duplicate', 'Part 7: out of range'].join('\n');
    const split = splitParts(reply, 3, 'TASK');
    expect(split.parts).toEqual(['Part 1: work out 3 × 4', 'Part 2: add 5', 'Part 3: subtract 2']);
    expect(split.found).toEqual([true, true, true]);
  });

  it('falls back to the whole task, part by part, for what the reply does not name', () => {
    expect(splitParts('The answer is 12.', 2, 'What is 3 × 4?')).toEqual({ parts: ['Part 1 of 2: What is 3 × 4?', 'Part 2 of 2: What is 3 × 4?'], found: [false, false] });
    expect(splitParts('Part 2: add', 2, 'T').found).toEqual([false, true]);
  });

  it("sends each worker its own part and tells the workers the leader's split was sound", async () => {
    const backend = new ScriptedSplits((k) => Array.from({ length: k }, (_, i) => `Part ${i + 1}: step number ${i + 1}`).join('\n'));
    const outcome = await runOn(cellOf({ structure: 'leader-worker', workers: 3 }), item, { backends: simBackends(backend) });
    const parts = outcome.messages.filter((m) => m.kind === 'part');
    expect(parts.map((m) => [m.toAgents, m.content])).toEqual([
      [[1], 'Part 1: step number 1'],
      [[2], 'Part 2: step number 2'],
      [[3], 'Part 3: step number 3'],
    ]);
    for (const worker of [1, 2, 3]) {
      const request = backend.requests.find((r) => r.agentIndex === worker)!;
      expect(request.intent).toMatchObject({ kind: 'solve_part', part: worker - 1, of: 3, soundSplit: true });
      // The worker's prompt quotes its own part and no other.
      const prompt = request.messages.map((m) => m.content).join('\n');
      expect(prompt).toContain(`step number ${worker}`);
      expect(prompt).not.toMatch(new RegExp(`step number [^${worker}]`));
    }
    const synthesis = backend.requests.find((r) => r.intent?.kind === 'synthesize')!.intent as Extract<Intent, { kind: 'synthesize' }>;
    expect(synthesis.soundSplit).toBe(true);
    // Parts are never graded against the whole item here.
    expect(synthesis.parts.map((p) => [p.part, p.correct])).toEqual([[0, null], [1, null], [2, null]]);
  });

  it('gives every worker the whole task when the leader wrote no parts, and marks the split unsound', async () => {
    const backend = new ScriptedSplits(() => 'I would rather just solve it: Answer: 7');
    const outcome = await runOn(cellOf({ structure: 'leader-worker', workers: 2 }), item, { backends: simBackends(backend) });
    expect(outcome.messages.filter((m) => m.kind === 'part').map((m) => m.content)).toEqual([`Part 1 of 2: ${item.prompt}`, `Part 2 of 2: ${item.prompt}`]);
    const intents = backend.requests.map((r) => r.intent!);
    expect(intents.filter((i) => i.kind === 'solve_part').map((i) => (i as Extract<Intent, { kind: 'solve_part' }>).soundSplit)).toEqual([false, false]);
    expect(outcome.finalAnswer).not.toBeNull();
  });

  it('hierarchical: each sub-leader splits the part it was given, and results flow back up the tree', async () => {
    const backend = new ScriptedSplits((k) => Array.from({ length: k }, (_, i) => `Part ${i + 1}: piece ${i + 1}`).join('\n'));
    const outcome = await runOn(cellOf({ structure: 'hierarchical', branching: 2, depth: 2 }), item, { backends: simBackends(backend) });
    const down = outcome.messages.filter((m) => m.kind === 'part').map((m) => [m.fromAgent, m.toAgents![0]]);
    const up = outcome.messages.filter((m) => m.kind === 'result').map((m) => [m.fromAgent, m.toAgents![0]]);
    const edges = [[0, 1], [0, 2], [1, 3], [1, 4], [2, 5], [2, 6]];
    expect(down.sort()).toEqual(edges);
    expect(up.map(([from, to]) => [to, from]).sort()).toEqual(edges);
    const rounds = Object.fromEntries(outcome.calls.map((c) => [`${c.agentIndex}:${c.intent}`, c.round]));
    expect(rounds).toEqual({ '0:decompose': 0, '1:decompose': 1, '2:decompose': 1, '3:solve_part': 2, '4:solve_part': 2, '5:solve_part': 2, '6:solve_part': 2, '1:synthesize': 3, '2:synthesize': 3, '0:synthesize': 4 });
  });
});
