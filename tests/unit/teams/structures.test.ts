/**
 * Every structure, run through the engine on the sim, takes exactly the calls,
 * messages between agents and rounds its registry entry promises (the grid
 * size, the Designer's estimate and the duration estimate all read those
 * formulas), and places its calls on a consistent timeline.
 */
import { describe, expect, it } from 'vitest';
import { cellOf, cellsOf, expectCellsMatchRegistry, itemsOf, runOn } from './engine-helpers';

const items = itemsOf(2);

describe('structures match the registry formulas on the sim', () => {
  it('single and vote (majority, plurality, judge, quorum)', async () => {
    await expectCellsMatchRegistry(
      [
        ...cellsOf({ structure: 'single' }),
        ...cellsOf({ structure: 'vote', sizes: [1, 3, 4], aggregate: 'plurality' }),
        ...cellsOf({ structure: 'vote', sizes: [3], aggregate: 'judge' }),
      ],
      items,
    );
  });

  it('debate: sizes 1–6, full / ring / star, sync and async, 0–3 rounds', async () => {
    const cells = [
      ...cellsOf({ structure: 'debate', sizes: [1, 2], rounds: [0, 2], topology: ['full', 'ring', 'star'], mode: ['sync', 'async'] }),
      ...cellsOf({ structure: 'debate', sizes: [3, 5, 6], rounds: [0, 1, 3], topology: ['full', 'ring', 'star'], mode: ['sync', 'async'] }),
    ];
    expect(cells).toHaveLength(2 * 2 * 3 * 2 + 3 * 3 * 3 * 2);
    await expectCellsMatchRegistry(cells, items);
  });

  it('debate on random k-regular graphs the registry accepts', async () => {
    const cells = [
      ...cellsOf({ structure: 'debate', sizes: [6], topology: 'random', degree: 3, rounds: [1, 2], mode: ['sync', 'async'] }),
      ...cellsOf({ structure: 'debate', sizes: [5, 7], topology: 'random', degree: 2, rounds: 2 }),
      ...cellsOf({ structure: 'debate', sizes: [4], topology: 'random', degree: 3, rounds: 1 }),
    ];
    await expectCellsMatchRegistry(cells, items);
  });

  it('debate on a random graph: each agent hears exactly k others, and they hear it back', async () => {
    const cell = cellOf({ structure: 'debate', sizes: [8], topology: 'random', degree: 3, rounds: 1 });
    const outcome = await runOn(cell, items[0]!);
    const peers = outcome.messages.filter((m) => m.kind === 'peer');
    expect(peers).toHaveLength(8);
    const hears = new Map<number, number[]>();
    for (const m of peers) for (const to of m.toAgents!) hears.set(to, [...(hears.get(to) ?? []), m.fromAgent!]);
    for (const m of peers) {
      expect(m.toAgents).toHaveLength(3);
      expect(m.toAgents).not.toContain(m.fromAgent);
      for (const to of m.toAgents!) expect(hears.get(m.fromAgent!)).toContain(to);
    }
  });

  it('leader–worker with 1 to 5 workers', async () => {
    await expectCellsMatchRegistry(cellsOf({ structure: 'leader-worker', workers: [1, 2, 3, 4, 5] }), items);
  });

  it('hierarchical: b = 2 at depths 1–3, and b = 3 at depth 2', async () => {
    await expectCellsMatchRegistry([...cellsOf({ structure: 'hierarchical', branching: 2, depth: [1, 2, 3] }), ...cellsOf({ structure: 'hierarchical', branching: 3, depth: 2 })], items);
  });

  it('pipeline: 1–3 cycles × 1–3 critics', async () => {
    await expectCellsMatchRegistry(cellsOf({ structure: 'pipeline', repeats: [1, 2, 3], critics: [1, 2, 3] }), items);
  });

  it('mixture of agents: 1–3 layers × 1–4 proposers', async () => {
    await expectCellsMatchRegistry(cellsOf({ structure: 'moa', layers: [1, 2, 3], proposers: [1, 2, 3, 4] }), items);
  });

  it('agents keep the roles the registry gives them, in the order it gives them', async () => {
    const tree = await runOn(cellOf({ structure: 'hierarchical', branching: 2, depth: 2 }), items[0]!);
    // Breadth-first: the root, two sub-leaders, then four leaves; only leaves solve parts.
    for (const call of tree.calls) {
      expect(call.role).toBe(call.agentIndex === 0 ? 'leader' : call.agentIndex < 3 ? 'sub-leader' : 'worker');
      expect(call.intent === 'solve_part').toBe(call.agentIndex >= 3);
    }
    const moa = await runOn(cellOf({ structure: 'moa', layers: 2, proposers: 3 }), items[0]!);
    expect(moa.calls.filter((c) => c.intent === 'aggregate').map((c) => [c.agentIndex, c.role])).toEqual([[3, 'aggregator']]);
    const pipe = await runOn(cellOf({ structure: 'pipeline', repeats: 2, critics: 2 }), items[0]!);
    expect(new Set(pipe.calls.filter((c) => c.intent === 'critique').map((c) => c.role))).toEqual(new Set(['critic']));
    expect(pipe.calls.filter((c) => c.agentIndex === 0).map((c) => c.intent)).toEqual(['solve', 'refine', 'refine']);
  });
});
