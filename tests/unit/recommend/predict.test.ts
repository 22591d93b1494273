/**
 * The prediction rules on evidence built by hand: votes from Condorcet on the
 * pool's answers, an anchored family measured at its anchors and, between
 * them, a vote of the same agents plus the anchors' paired differences
 * interpolated in log size; tokens from the registry's formulas.
 */
import { describe, expect, it } from 'vitest';
import { hypergeometricMajority } from '../../../electron/core/analysis/condorcet';
import { itemAnswerCounts } from '../../../electron/core/analysis/theory/answers';
import { fitVotePrior, itemVoteProbabilities } from '../../../electron/core/analysis/theory/vote-model';
import { candidateGrid } from '../../../electron/core/recommend/candidates';
import type { CellMeasure, Evidence } from '../../../electron/core/recommend/evidence';
import { predictCandidates } from '../../../electron/core/recommend/predict';
import { parseExperimentSpec } from '../../../shared/domain/spec';

const parsed = parseExperimentSpec({
  name: 'grid',
  tasks: { suite: 'arithmetic', count: 400 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', aggregate: 'majority', sizes: [3, 5, 9] }, { structure: 'debate', sizes: [3, 5, 9], rounds: 1 }],
});
if (!parsed.ok) throw new Error('invalid grid');
const grid = candidateGrid(parsed.value);
const index = (structure: string, size: number) => grid.candidates.find((c) => c.cell.structure === structure && c.cell.size === size)!.candidateIndex;

const ITEMS = 30;
const items = Array.from({ length: ITEMS }, (_, i) => i);
/** Right answers out of the pool's 9 on item i. */
const right = (i: number) => i % 10 === 9 ? 9 : i % 10;

function measure(candidateIndex: number, perItem: number[], tokens: number, latencyMs: number): CellMeasure {
  return { candidateIndex, perItem: Float64Array.from(perItem), trials: perItem.length, meanTokens: tokens, meanLatencyMs: latencyMs, meanCalls: 0, meanMessages: 0 };
}

const poolAnswers = items.flatMap((i) => Array.from({ length: 9 }, (_, agent) => ({ itemIndex: i, trial: `${i}:0`, agent, answer: agent < right(i) ? '42' : `wrong${agent % 2}`, correct: agent < right(i) })));
const debate3 = items.map((i) => (i % 2 === 0 ? 1 : 0));
const debate9 = items.map((i) => (i % 3 === 0 ? 0 : 1));
const evidence: Evidence = {
  experimentId: 'pilot',
  items,
  measured: new Map([
    [index('single', 1), measure(index('single', 1), items.map((i) => (right(i) >= 5 ? 1 : 0)), 140, 1300)],
    [index('vote', 9), measure(index('vote', 9), items.map((i) => (right(i) >= 5 ? 1 : 0)), 1290, 1900)],
    [index('debate', 3), measure(index('debate', 3), debate3, 1000, 5000)],
    [index('debate', 9), measure(index('debate', 9), debate9, 5000, 8000)],
  ]),
  pools: new Map([[index('vote', 9), { candidateIndex: index('vote', 9), voters: 9, answers: poolAnswers, durations: [1000, 1500, 2000], tokensPerCall: 143 }]]),
  calls: 0,
  tokens: 0,
};

const { predictions, unpredictable } = predictCandidates(grid, evidence, { seed: 7, where: 'the pilot' });
const prediction = (structure: string, size: number) => predictions.find((p) => p.candidate.candidateIndex === index(structure, size))!;

describe('predicting from a pilot', () => {
  it('predicts every candidate', () => {
    expect(unpredictable).toEqual([]);
    expect(predictions.map((p) => p.candidate.candidateIndex).sort((a, b) => a - b)).toEqual(grid.candidates.map((c) => c.candidateIndex));
  });

  it('predicts a majority vote item by item from the pool: the hypergeometric tail', () => {
    for (const n of [3, 5, 9]) {
      const rows = prediction('vote', n).rows;
      items.forEach((i) => expect(rows[i]).toBeCloseTo(hypergeometricMajority(n, right(i), 9), 12));
    }
    expect(prediction('vote', 5).basis).toMatch(/^Condorcet with correlated errors \(majority rule\) from the 9 voters' answers per item/);
    expect(prediction('vote', 5).tokens).toBeCloseTo(143 * 5, 9);
  });

  it('keeps an anchored family at its measurements where the pilot ran it', () => {
    expect([...prediction('debate', 3).rows]).toEqual(debate3);
    expect([...prediction('debate', 9).rows]).toEqual(debate9);
    expect(prediction('debate', 9).basis).toMatch(/^Measured in the pilot: 30 trials on 30 items/);
    expect(prediction('debate', 9).tokens).toBe(5000);
  });

  it('between anchors, adds the paired differences at the anchors, interpolated in log size, to a plurality vote of the same agents', () => {
    const counted = itemAnswerCounts(poolAnswers);
    const plurality = itemVoteProbabilities(counted, [3, 5, 9], 'plurality', 7, fitVotePrior(counted));
    const weight = Math.log(5 / 3) / Math.log(9 / 3);
    const rows = prediction('debate', 5).rows;
    items.forEach((i) => {
      const [p3, p5, p9] = plurality[i]!;
      const expected = p5! + (1 - weight) * (debate3[i]! - p3!) + weight * (debate9[i]! - p9!);
      expect(rows[i]).toBeCloseTo(Math.min(1, Math.max(0, expected)), 12);
    });
    expect(prediction('debate', 5).basis).toMatch(/^Anchored on the pilot's debate \(full\) at 3 and 9 agents/);
  });

  it('predicts an anchored cell\'s tokens from the calls and messages the registry gives it', () => {
    // Debate, 1 round: calls 2n, messages n(n − 1): 6 calls + 6 messages = 1000, 18 calls + 72 messages = 5000.
    const perMessage = (5000 - 3 * 1000) / (72 - 18);
    const perCall = (1000 - 6 * perMessage) / 6;
    expect(prediction('debate', 5).tokens).toBeCloseTo(10 * perCall + 20 * perMessage, 9);
  });
});
