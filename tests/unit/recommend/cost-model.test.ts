/** Tokens and latency of cells a pilot did not run, from the registry's formulas and the pilot's measurements. */
import { describe, expect, it } from 'vitest';
import { expectedMaximum, fitTokenLaw, interpolateLogSize, logSizeWeights, roundsLatency, tokensOf } from '../../../electron/core/recommend/cost-model';
import { debate } from '../../../shared/domain/structures/debate';

describe('tokens: u per call plus w per message', () => {
  // A full debate of n agents and 2 rounds, costing 200 tokens a call and 50 a message.
  const trial = (n: number) => {
    const expected = debate.expected({ size: n, rounds: 2, topology: 'full', degree: 2 });
    return { size: n, calls: expected.calls, messages: expected.messages, tokens: 200 * expected.calls + 50 * expected.messages };
  };

  it('recovers both costs from two anchors and predicts a size between them exactly', () => {
    const law = fitTokenLaw([trial(3), trial(9)]);
    expect(law.perCall).toBeCloseTo(200, 6);
    expect(law.perMessage).toBeCloseTo(50, 6);
    const five = trial(5);
    expect(tokensOf(law, five.calls, five.messages)).toBeCloseTo(five.tokens, 6);
  });

  it('falls back to tokens per call when the anchors cannot separate the two (a vote has no messages)', () => {
    const law = fitTokenLaw([
      { size: 3, calls: 3, messages: 0, tokens: 430 },
      { size: 9, calls: 9, messages: 0, tokens: 1290 },
    ]);
    expect(law).toMatchObject({ perMessage: 0 });
    expect(law.perCall).toBeCloseTo(1720 / 12, 9);
  });

  it('never fits a negative cost', () => {
    const law = fitTokenLaw([
      { size: 3, calls: 9, messages: 12, tokens: 100 },
      { size: 9, calls: 27, messages: 144, tokens: 3000 },
    ]);
    expect(law.perCall).toBeGreaterThanOrEqual(0);
    expect(law.perMessage).toBeGreaterThanOrEqual(0);
  });
});

describe('latency: rounds of the slowest call', () => {
  it('takes the expected maximum of w draws from the measured times', () => {
    // Two equally likely times 1 and 2: the larger of two draws is 2 unless both are 1 (1/4).
    expect(expectedMaximum([1, 2], 2)).toBeCloseTo(1.75, 12);
    expect(expectedMaximum([1, 2], 1)).toBeCloseTo(1.5, 12);
    expect(expectedMaximum([1, 2], 1.5)).toBeCloseTo(1.625, 12);
    expect(expectedMaximum([5, 5, 5], 31)).toBeCloseTo(5, 12);
  });

  it('adds rounds, each as wide as the calls spread over them', () => {
    expect(roundsLatency([1, 2], { rounds: 3, calls: 6 })).toBeCloseTo(3 * 1.75, 12);
  });
});

describe('interpolation in log size', () => {
  it('is linear in log n between anchors and flat outside them', () => {
    const anchors = [
      { size: 3, value: 0 },
      { size: 27, value: 1 },
    ];
    expect(interpolateLogSize(anchors, 9)).toBeCloseTo(0.5, 12);
    expect(interpolateLogSize(anchors, 1)).toBe(0);
    expect(interpolateLogSize(anchors, 64)).toBe(1);
    expect(logSizeWeights([3, 27], 9).map((w) => Number(w.toFixed(12)))).toEqual([0.5, 0.5]);
  });
});
