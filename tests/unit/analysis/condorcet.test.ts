import { describe, expect, it } from 'vitest';
import { binomialMajority, compareItemwise, hypergeometricMajority, predictMajority } from '../../../electron/core/analysis/condorcet';
import { firstAnswers, runExperiment, type CellRun } from '../../../electron/core/backends/sim/doc-runs';

describe('Condorcet predictions', () => {
  it('computes the majority tail of a binomial', () => {
    expect(binomialMajority(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(binomialMajority(3, 0.7)).toBeCloseTo(0.7 ** 3 + 3 * 0.7 ** 2 * 0.3, 12);
    expect(binomialMajority(31, 0.5)).toBeCloseTo(0.5, 12);
    expect(binomialMajority(5, 0)).toBe(0);
  });

  it('estimates the binomial tail without bias from c right answers of m (the hypergeometric form), where the plug-in does not', () => {
    // Exact expectations over c ~ Binomial(m, p): the hypergeometric tail averages to the binomial tail.
    const m = 9;
    for (const p of [0.3, 0.55, 0.8]) {
      for (const n of [1, 3, 5, 9]) {
        let hypergeometric = 0;
        let plugIn = 0;
        for (let c = 0; c <= m; c++) {
          const weight = binomialPmf(m, c, p);
          hypergeometric += weight * hypergeometricMajority(n, c, m);
          plugIn += weight * binomialMajority(n, c / m);
        }
        expect(hypergeometric).toBeCloseTo(binomialMajority(n, p), 10);
        if (n > 1) expect(Math.abs(plugIn - binomialMajority(n, p))).toBeGreaterThan(0.005);
      }
    }
    expect(() => hypergeometricMajority(11, 3, 9)).toThrow(RangeError);
  });
});

function binomialPmf(m: number, c: number, p: number): number {
  let coefficient = 1;
  for (let k = 0; k < c; k++) coefficient = (coefficient * (m - k)) / (k + 1);
  return coefficient * p ** c * (1 - p) ** (m - c);
}

const ITEMS = 200;
const SIZES = Array.from({ length: 16 }, (_, i) => 2 * i + 1);

function sweep(sizes: number[], seed: number): Promise<CellRun[]> {
  return runExperiment({
    name: 'Condorcet sweep',
    tasks: { suite: 'arithmetic', count: ITEMS, seed: 11, difficulty: 3 },
    agents: { model: 'sim:default', temperature: 0.7 },
    teams: [{ structure: 'vote', sizes, aggregate: 'majority' }],
    seed,
  });
}

describe('a sim vote sweep against Condorcet', () => {
  it('matches the item-level prediction within its interval at every size from 1 to 31, where the independent binomial misses', async () => {
    // Per-item accuracies from 31 independent answers on each item, in another experiment (another seed).
    const [answers] = await sweep([31], 101);
    const counts = answers!.trials.map((t) => {
      const row = firstAnswers(t.outcome);
      return { correct: row.filter((a) => a.correct).length, answers: row.length };
    });
    const votes = await sweep(SIZES, 202);
    // 16 sizes are checked at once: 99% intervals, so one unlucky size does not decide.
    const z99 = 2.5758;
    for (const run of votes) {
      const n = run.cell.size;
      const measured = run.trials.map((t) => t.outcome.correct);
      const prediction = predictMajority(counts, n);
      const itemLevel = compareItemwise(measured, prediction.perItem, z99);
      expect(itemLevel.agrees, `n = ${n}: measured ${itemLevel.measured.toFixed(3)}, item-level ${itemLevel.predicted.toFixed(3)} ± ${itemLevel.halfWidth.toFixed(3)}`).toBe(true);
      const independent = compareItemwise(measured, prediction.independent, z99);
      if (n >= 11) expect(independent.agrees, `n = ${n}: independent binomial ${prediction.independent.toFixed(3)} vs measured ${independent.measured.toFixed(3)}`).toBe(false);
      if (n >= 11) expect(prediction.independent).toBeGreaterThan(itemLevel.measured);
    }
  });

  it('draws, in a vote of n, exactly the first n answers of a vote of 31 (the shortcut docs/sim-backend.md takes)', async () => {
    const runs = await sweep([5, 13, 31], 303);
    const largest = runs.find((r) => r.cell.size === 31)!;
    for (const run of runs.filter((r) => r.cell.size < 31)) {
      run.trials.forEach((trial, i) => {
        const mine = firstAnswers(trial.outcome).map((a) => a.extracted);
        expect(mine).toEqual(firstAnswers(largest.trials[i]!.outcome).slice(0, run.cell.size).map((a) => a.extracted));
      });
    }
  });
});
