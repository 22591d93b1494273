/**
 * Which agents are faulty comes from the trial's seed alone: reruns and every
 * cell of one size meeting the same item get the same faulty agents, so a
 * fault sweep is paired; the sets never overlap and grow one agent at a time.
 * Straggler delays have the mean the spec states.
 */
import { describe, expect, it } from 'vitest';
import { NO_FAULTS, type CellFaults } from '../../../shared/domain/faults';
import { adversaryAnswers, assignFaults, drawDelay, stragglerDelay, wrongAnswersOf } from '../../../electron/core/engine/faults';
import { createRng } from '../../../electron/core/util/random';
import { agentsOf, cellOf, itemsOf, runFaulty } from './helpers';

const faults = (patch: Partial<CellFaults>): CellFaults => ({ ...NO_FAULTS, ...patch });
const items = itemsOf(20);

describe('assigning faulty agents', () => {
  it('gives disjoint sets of the stated sizes, the same for the same seed', () => {
    for (let seed = 0; seed < 200; seed++) {
      const a = assignFaults(faults({ byzantine: 2, crash: 2, stragglers: 2 }), 7, seed);
      expect([a.byzantine.length, a.crash.length, a.stragglers.length]).toEqual([2, 2, 2]);
      expect(new Set([...a.byzantine, ...a.crash, ...a.stragglers]).size).toBe(6);
      expect(assignFaults(faults({ byzantine: 2, crash: 2, stragglers: 2 }), 7, seed)).toEqual(a);
    }
  });

  it('grows each kind by one agent as its count grows, whatever the other counts', () => {
    for (let seed = 0; seed < 100; seed++) {
      const sets = [0, 1, 2, 3].map((f) => assignFaults(faults({ byzantine: f, crash: 1 }), 7, seed));
      for (let f = 1; f < sets.length; f++) {
        expect(sets[f]!.byzantine).toEqual(expect.arrayContaining(sets[f - 1]!.byzantine));
        // Sweeping the Byzantine count leaves the crashed agent where it was.
        expect(sets[f]!.crash).toEqual(sets[0]!.crash);
      }
    }
  });

  it('picks every agent about equally often over trial seeds (no agent, such as a leader, is spared)', () => {
    const picked = [0, 0, 0, 0, 0];
    for (let seed = 0; seed < 5000; seed++) for (const agent of assignFaults(faults({ byzantine: 1 }), 5, seed).byzantine) picked[agent]!++;
    for (const count of picked) {
      expect(count / 5000).toBeGreaterThan(0.17);
      expect(count / 5000).toBeLessThan(0.23);
    }
  });

  it('picks the same faulty agents in every cell of one size that meets the same trial seed', async () => {
    const vote = cellOf({ structure: 'vote', sizes: [5], aggregate: 'majority', faults: { byzantine: 2, crash: 1, stragglers: 1, delay: { distribution: 'fixed', meanMs: 100 } } });
    const debate = cellOf({ structure: 'debate', sizes: [5], rounds: 1, faults: { byzantine: 2, crash: 1, stragglers: 1, delay: { distribution: 'fixed', meanMs: 100 } } });
    const seen = new Set<string>();
    for (const item of items.slice(0, 8)) {
      const [v, d] = [await runFaulty(vote, item), await runFaulty(debate, item)];
      for (const kind of ['fault_byzantine', 'fault_crash', 'fault_straggler']) expect(agentsOf(d, kind), kind).toEqual(agentsOf(v, kind));
      seen.add(agentsOf(v, 'fault_byzantine').join(','));
    }
    // ...and different agents on different trials.
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('the wrong answers Byzantine agents push', () => {
  it('are never right; colluding agents share one, independent ones each have their own', () => {
    for (const item of items) {
      const assignment = assignFaults(faults({ byzantine: 3 }), 5, item.index);
      const colluding = adversaryAnswers(faults({ byzantine: 3, mode: 'colluding' }), assignment, item, item.index);
      const independent = adversaryAnswers(faults({ byzantine: 3 }), assignment, item, item.index);
      expect(new Set(colluding.values()).size).toBe(1);
      expect(new Set(independent.values()).size).toBe(3);
      for (const answer of [...colluding.values(), ...independent.values()]) {
        expect(answer).not.toBe(item.answer);
        expect(wrongAnswersOf(item)).toContain(answer);
      }
    }
  });

  it('come from the item: its distractors, then near misses', () => {
    const item = { ...items[0]!, answer: '40', distractors: ['41', '40', '36'] };
    expect(wrongAnswersOf(item)).toEqual(['41', '36', '39', '42', '38', '50', '30']);
    expect(wrongAnswersOf({ ...item, answer: 'B', distractors: [], choices: ['x', 'y', 'z'] })).toEqual(['A', 'C']);
  });
});

describe('straggler delays', () => {
  const sample = (distribution: 'fixed' | 'exponential' | 'lognormal' | 'pareto', n: number): number[] => {
    const rng = createRng(7);
    return Array.from({ length: n }, () => drawDelay({ distribution, meanMs: 400 }, rng));
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('have the stated mean (fixed, exponential, lognormal) and a Pareto tail with the stated scale', () => {
    expect(sample('fixed', 10)).toEqual(Array(10).fill(400));
    expect(mean(sample('exponential', 40_000)) / 400).toBeCloseTo(1, 1);
    expect(median(sample('exponential', 40_000)) / 400).toBeCloseTo(Math.LN2, 1);
    expect(mean(sample('lognormal', 40_000)) / 400).toBeCloseTo(1, 1);
    // Pareto with shape 1.5 and mean 400: x_m = 133.3, median x_m·2^(2/3) = 211.7; never below x_m.
    const pareto = sample('pareto', 40_000);
    expect(median(pareto) / 211.7).toBeCloseTo(1, 1);
    expect(Math.min(...pareto)).toBeGreaterThanOrEqual(400 / 3);
  });

  it('are seeded by the call\'s coordinates', () => {
    const delay = { distribution: 'exponential' as const, meanMs: 400 };
    const call = { agent: 1, round: 2, intent: 'revise', attempt: 0 };
    expect(stragglerDelay(delay, 5, call)).toBe(stragglerDelay(delay, 5, call));
    expect(stragglerDelay(delay, 5, call)).not.toBe(stragglerDelay(delay, 5, { ...call, round: 1 }));
    expect(stragglerDelay(null, 5, call)).toBe(0);
  });
});
