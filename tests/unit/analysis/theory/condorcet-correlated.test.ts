import { describe, expect, it } from 'vitest';
import { coFailureCeiling, effectiveSize, errorCorrelation, predictVote, type AgentAnswer } from '../../../../electron/core/analysis/theory/condorcet-correlated';
import { itemAnswerCounts } from '../../../../electron/core/analysis/theory/answers';
import { pluralityRows } from '../../../../electron/core/analysis/theory/plurality-model';
import { betaBinomialMajority, betaBinomialPmf, fitVotePrior } from '../../../../electron/core/analysis/theory/vote-model';

/** Answers from lists of "wrong" flags per trial (1 = wrong), each trial on its own item. */
function fromTrials(trials: number[][]): AgentAnswer[] {
  return trials.flatMap((flags, t) => flags.map((wrong, agent) => ({ itemIndex: t, trial: `t${t}`, agent, answer: wrong ? 'x' : 'right', correct: wrong === 0 })));
}

describe('the error correlation ρ', () => {
  it('is the Pearson correlation of two agents\' "wrong" over every pair of agents in a trial', () => {
    // /usr/bin/python3: build every ordered pair (i ≠ j) within each trial below and take
    //   numpy.corrcoef(first, second)[0, 1] → 0.1634615384615388, over 29 unordered pairs.
    const trials = [[1, 1, 0], [0, 0, 0], [1, 0, 1, 1], [0, 1], [1, 1, 1], [0, 0, 1], [0, 0, 0, 0, 1]];
    const rho = errorCorrelation(fromTrials(trials));
    expect(rho.rho).toBeCloseTo(0.1634615384615388, 12);
    expect(rho.pairs).toBe(29);
    expect(rho.pairing).toBe('trial');
    expect(rho.low).toBeLessThanOrEqual(rho.rho);
    expect(rho.high).toBeGreaterThanOrEqual(rho.rho);
  });

  it('pairs the repetitions of an item when every answer is a trial of its own (a single agent)', () => {
    const answers = fromTrials([[1, 1, 0], [0, 0, 0], [1, 0, 1, 1]]).map((a, i) => ({ ...a, trial: `own${i}` }));
    const rho = errorCorrelation(answers);
    expect(rho.pairing).toBe('item');
    expect(rho.pairs).toBe(3 + 3 + 6);
  });

  it('turns ρ into an effective team size, n / (1 + (n − 1)ρ)', () => {
    expect(effectiveSize(9, 0.41)).toBeCloseTo(9 / 4.28, 12);
    expect(effectiveSize(9, 0)).toBe(9);
    expect(effectiveSize(9, 1)).toBe(1);
    expect(effectiveSize(9, -0.2)).toBe(9);
  });
});

describe('the co-failure ceiling', () => {
  it('bounds any team at 1 − β with a Clopper–Pearson interval over items', () => {
    // 60 items, every answer wrong on 3 of them. Rscript: binom.test(3, 60)$conf.int → 0.0104323296 0.1392432467
    const items = Array.from({ length: 60 }, (_, i) => [i < 3 ? 1 : 0, i < 3 ? 1 : i % 2, 1]);
    const ceiling = coFailureCeiling(fromTrials(items));
    expect(ceiling).toMatchObject({ allWrongItems: 3, items: 60, answersPerItem: 3 });
    expect(ceiling.allWrongShare).toBeCloseTo(0.05, 12);
    expect(ceiling.ceiling).toBeCloseTo(0.95, 12);
    expect(ceiling.ceilingLow).toBeCloseTo(1 - 0.1392432467, 8);
    expect(ceiling.ceilingHigh).toBeCloseTo(1 - 0.0104323296, 8);
  });
});

describe('the Beta-binomial behind votes larger than the answers', () => {
  it('matches the tail computed from the Beta function', () => {
    // Rscript: bb <- function(n, a, b) { k <- (floor(n/2)+1):n; sum(exp(lchoose(n,k) + lbeta(k+a, n-k+b) - lbeta(a,b))) }
    //   bb(15, 2.5, 1.5) = 0.694255076349; bb(31, 0.7, 0.4) = 0.658537585654; bb(8, 3, 3) = 0.412587412587
    expect(betaBinomialMajority(15, 2.5, 1.5)).toBeCloseTo(0.694255076349, 10);
    expect(betaBinomialMajority(31, 0.7, 0.4)).toBeCloseTo(0.658537585654, 10);
    expect(betaBinomialMajority(8, 3, 3)).toBeCloseTo(0.412587412587, 10);
  });

  it('stays a distribution for a near-certain item over 64 votes (no underflow or overflow)', () => {
    for (const [a, b] of [[1e4, 1e-2], [1e-2, 1e4], [5e5, 5e5]] as const) {
      const pmf = betaBinomialPmf(64, a, b);
      expect(pmf.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      expect(pmf.every((p) => Number.isFinite(p) && p >= 0)).toBe(true);
    }
  });
});

describe('a plurality, where wrong answers that coincide matter', () => {
  /** Exact P(plurality right) over every subset of n of the item's answers (ties broken at random, no answer abstains). */
  function exactPlurality(answers: Array<string | null>, n: number): number {
    let total = 0;
    let count = 0;
    const pick = (start: number, chosen: Array<string | null>) => {
      if (chosen.length === n) {
        const tally = new Map<string, number>();
        for (const a of chosen) if (a !== null) tally.set(a, (tally.get(a) ?? 0) + 1);
        const top = Math.max(0, ...tally.values());
        const leaders = [...tally.entries()].filter(([, v]) => v === top).map(([k]) => k);
        total += leaders.includes('R') ? 1 / leaders.length : 0;
        count += 1;
        return;
      }
      for (let i = start; i < answers.length; i++) pick(i + 1, [...chosen, answers[i]!]);
    };
    pick(0, []);
    return total / count;
  }

  it('draws n of an item\'s own answers without replacement, matching exact enumeration', () => {
    const raw: Array<string | null> = ['R', 'R', 'W1', 'W1', 'W2', null, 'R'];
    const answers: AgentAnswer[] = raw.map((answer, agent) => ({ itemIndex: 0, trial: 't', agent, answer, correct: answer === 'R' }));
    const items = itemAnswerCounts(answers);
    const [row] = pluralityRows(items, [3, 5], fitVotePrior(items), 4);
    // 12 000 simulated votes: the Monte Carlo's standard error is about 0.005.
    expect(row![0]!).toBeCloseTo(exactPlurality(raw, 3), 1);
    expect(Math.abs(row![0]! - exactPlurality(raw, 3))).toBeLessThan(0.02);
    expect(Math.abs(row![1]! - exactPlurality(raw, 5))).toBeLessThan(0.02);
  });

  it('beats a majority where wrong answers scatter, and matches it where they all coincide', () => {
    const make = (wrong: (i: number, a: number) => string): AgentAnswer[] =>
      Array.from({ length: 40 }, (_, i) => Array.from({ length: 6 }, (_, a) => ({ itemIndex: i, trial: `t${i}`, agent: a, correct: a < 2 + (i % 3), answer: a < 2 + (i % 3) ? 'R' : wrong(i, a) }))).flat();
    const scattered = make((i, a) => `w${i}:${a}`);
    const shared = make((i) => `w${i}`);
    const sizes = [3, 9];
    const scatteredPlurality = predictVote(scattered, sizes, 'plurality', { resamples: 50 });
    const scatteredMajority = predictVote(scattered, sizes, 'majority', { resamples: 50 });
    const sharedPlurality = predictVote(shared, sizes, 'plurality', { resamples: 50 });
    expect(scatteredPlurality[1]!.value).toBeGreaterThan(scatteredMajority[1]!.value + 0.1);
    expect(sharedPlurality[1]!.value).toBeLessThan(scatteredPlurality[1]!.value - 0.1);
  });

  it('gives the same curve for the same seed', () => {
    const answers = fromTrials(Array.from({ length: 30 }, (_, i) => [i % 2, i % 3 === 0 ? 1 : 0, 0, i % 5 === 0 ? 1 : 0]));
    expect(predictVote(answers, [1, 3, 9], 'plurality', { seed: 9, resamples: 100 })).toEqual(predictVote(answers, [1, 3, 9], 'plurality', { seed: 9, resamples: 100 }));
  });
});
