/**
 * Predictions of large votes from a small sample of the sim's answers,
 * checked against votes actually run (docs/theory.md, "How it is checked").
 * The sample and the votes come from experiments with different seeds, on
 * the same 200 items, so the votes are new draws the fit never saw.
 */
import { describe, expect, it } from 'vitest';
import { binomialMajority, compareItemwise } from '../../../../electron/core/analysis/condorcet';
import { itemAnswerCounts } from '../../../../electron/core/analysis/theory/answers';
import { errorCorrelation, predictVote, type AgentAnswer } from '../../../../electron/core/analysis/theory/condorcet-correlated';
import { itemVoteProbabilities, type VoteRule } from '../../../../electron/core/analysis/theory/vote-model';
import { firstAnswers, runExperiment, type CellRun } from '../../../../electron/core/backends/sim/doc-runs';

const ITEMS = 200;
const TARGETS = [15, 31];
/** Several sizes are checked at once: 99% intervals, so one unlucky size does not decide. */
const Z99 = 2.5758;

function experiment(teams: unknown[], repetitions: number, seed: number, knobs: Record<string, unknown> | null): Promise<CellRun[]> {
  return runExperiment({
    name: 'theory check',
    tasks: { suite: 'arithmetic', count: ITEMS, seed: 11, difficulty: 3 },
    agents: { model: knobs ? 'sim:tuned' : 'sim:default', temperature: 0.7 },
    teams,
    repetitions,
    seed,
    ...(knobs ? { sim: { models: { tuned: { preset: 'default', sameModelAs: 'sim:default', ...knobs } } } } : {}),
  });
}

function answersOf(runs: readonly CellRun[], byItem: boolean): AgentAnswer[] {
  return runs.flatMap((run) =>
    run.trials.flatMap((t) =>
      firstAnswers(t.outcome).map((a) => ({
        itemIndex: t.item.index,
        // A single agent's repetitions of an item are counted as one team of exchangeable answers.
        trial: byItem ? `${t.item.index}` : `${t.item.index}:${t.repetition}`,
        agent: a.agentIndex,
        answer: a.extracted,
        correct: a.correct,
      })),
    ),
  );
}

/** Predicts the target votes from `sample`, runs them, and compares item by item and against the band. */
async function check(sample: AgentAnswer[], rule: VoteRule, knobs: Record<string, unknown> | null) {
  const votes = await experiment([{ structure: 'vote', sizes: TARGETS, aggregate: rule }], 1, 202, knobs);
  const items = itemAnswerCounts(sample);
  const rows = itemVoteProbabilities(items, TARGETS, rule, 5);
  const curve = predictVote(sample, TARGETS, rule, { seed: 5, resamples: 400 });
  const accuracy = items.reduce((s, i) => s + i.correct / i.answers, 0) / items.length;
  return votes.map((run, s) => {
    const byItem = new Map(run.trials.map((t) => [t.item.index, t.outcome.correct]));
    const measured = items.map((i) => byItem.get(i.itemIndex)!);
    return {
      n: run.cell.size,
      band: curve[s]!,
      ours: compareItemwise(measured, rows.map((r) => r[s]!), Z99),
      plain: compareItemwise(measured, binomialMajority(run.cell.size, accuracy), Z99),
    };
  });
}

describe('Condorcet with correlated errors on the sim', () => {
  it('predicts majorities of 15 and 31 from one agent\'s 10 repetitions, where the plain binomial overshoots', async () => {
    const single = await experiment([{ structure: 'single' }], 10, 101, null);
    for (const result of await check(answersOf(single, true), 'majority', null)) {
      const label = `n = ${result.n}: measured ${result.ours.measured.toFixed(3)}, predicted ${result.ours.predicted.toFixed(3)} [${result.band.low.toFixed(3)}, ${result.band.high.toFixed(3)}]`;
      expect(result.ours.agrees, label).toBe(true);
      expect(result.ours.measured, label).toBeGreaterThanOrEqual(result.band.low);
      expect(result.ours.measured, label).toBeLessThanOrEqual(result.band.high);
      expect(result.plain.agrees, `plain binomial ${result.plain.predicted.toFixed(3)}`).toBe(false);
    }
  }, 60_000);

  it('with errors correlated by strong blind spots (τ = 2), measures ρ near the sim\'s and still predicts from a vote of 5', async () => {
    const knobs = { blindSpotSd: 2 };
    const sample = answersOf(await experiment([{ structure: 'vote', sizes: [5], aggregate: 'majority' }], 1, 102, knobs), false);
    // docs/sim-backend.md, "How errors go together": φ = 0.39 for default with τ = 2 (250 items, 4 agents).
    const rho = errorCorrelation(sample);
    expect(rho.low).toBeLessThan(0.39);
    expect(rho.high).toBeGreaterThan(0.39);
    expect(rho.low).toBeGreaterThan(0.2);
    for (const result of await check(sample, 'majority', knobs)) {
      const label = `n = ${result.n}: measured ${result.ours.measured.toFixed(3)}, predicted ${result.ours.predicted.toFixed(3)} [${result.band.low.toFixed(3)}, ${result.band.high.toFixed(3)}]`;
      expect(result.ours.agrees, label).toBe(true);
      expect(result.ours.measured, label).toBeGreaterThanOrEqual(result.band.low);
      expect(result.ours.measured, label).toBeLessThanOrEqual(result.band.high);
      // Correlated errors: the independent binomial promises 89% and 96%, the votes reach about 70%.
      expect(result.plain.agrees).toBe(false);
      expect(result.plain.predicted - result.ours.measured).toBeGreaterThan(0.15);
    }
  }, 60_000);

  it('predicts pluralities of 15 and 31 from a vote of 5, wrong answers and all', async () => {
    const sample = answersOf(await experiment([{ structure: 'vote', sizes: [5], aggregate: 'plurality' }], 1, 102, null), false);
    for (const result of await check(sample, 'plurality', null)) {
      const label = `n = ${result.n}: measured ${result.ours.measured.toFixed(3)}, predicted ${result.ours.predicted.toFixed(3)} [${result.band.low.toFixed(3)}, ${result.band.high.toFixed(3)}]`;
      expect(result.ours.agrees, label).toBe(true);
      expect(result.ours.measured, label).toBeGreaterThanOrEqual(result.band.low);
      expect(result.ours.measured, label).toBeLessThanOrEqual(result.band.high);
    }
  }, 60_000);
});
