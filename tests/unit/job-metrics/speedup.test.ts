/**
 * Speedup over one agent as the paper computes it (successful runs, per
 * domain, averaged over domains, delta-method SEM), ours beside it with
 * failed runs kept, Amdahl's prediction, and the group figures around them.
 */
import { describe, expect, it } from 'vitest';
import { groupRuns } from '../../../electron/core/analysis/jobs/group-metrics';
import { amdahl } from '../../../electron/core/analysis/jobs/speedup';
import type { RunMetrics } from '../../../shared/domain/job-metrics';
import { measured } from './helpers';

let trial = 0;
function runs(n: number, seconds: number[], fields: Partial<RunMetrics> = {}): RunMetrics[] {
  return seconds.map((s, i) => measured({ trialId: ++trial, n, seconds: s, repetition: i, cellIndex: n - 1, ...fields }));
}

function groupAt(all: RunMetrics[], n: number, by: Parameters<typeof groupRuns>[1] = ['n']) {
  const group = groupRuns(all, by).find((g) => g.key.n === n);
  if (!group) throw new Error(`no group at n = ${n}`);
  return group;
}

describe("the paper's speedup", () => {
  it('is the mean time of successful single-agent runs over the mean time of successful runs at n', () => {
    const all = [...runs(1, [100, 120]), ...runs(2, [50, 60])];
    expect(groupAt(all, 2).speedup?.value).toBeCloseTo(2, 10);
  });

  it('leaves failed runs out, as the paper does, while ours counts them at the time they stopped', () => {
    const all = [...runs(1, [100, 120]), ...runs(2, [50, 60]), ...runs(2, [600], { success: false })];
    const group = groupAt(all, 2);
    expect(group.speedup?.value).toBeCloseTo(2, 10);
    // Expected time to a success with failed runs run again: (50 + 60 + 600) / 2 successes = 355 s, against 110 s alone.
    expect(group.speedupAllRuns?.value).toBeCloseTo(110 / 355, 10);
    expect(group.runs).toBe(3);
    expect(group.successes).toBe(2);
    expect(group.successRate.value).toBeCloseTo(2 / 3, 10);
  });

  it('is 0 in ours when no run at n succeeded, and absent from the paper\'s', () => {
    const all = [...runs(1, [100, 120]), ...runs(2, [600, 600], { success: false })];
    const group = groupAt(all, 2);
    expect(group.speedup).toBeNull();
    expect(group.speedupAllRuns?.value).toBe(0);
  });

  it('averages the domains\' speedups with equal weight, each against its own single-agent runs', () => {
    const all = [
      ...runs(1, [100, 100], { domain: 'math', itemIndex: 0 }),
      ...runs(2, [50, 50], { domain: 'math', itemIndex: 0 }),
      ...runs(1, [300, 300], { domain: 'svg', itemIndex: 1 }),
      ...runs(2, [300, 300, 300, 300], { domain: 'svg', itemIndex: 1 }),
    ];
    expect(groupAt(all, 2).speedup?.value).toBeCloseTo((2 + 1) / 2, 10);
  });

  it('takes each mode against its own single agent', () => {
    const all = [...runs(1, [100, 100], { mode: 'preassign' }), ...runs(1, [400, 400], { mode: 'self-claim' }), ...runs(2, [200, 200], { mode: 'self-claim' })];
    expect(groupAt(all, 2, ['mode', 'n']).speedup?.value).toBeCloseTo(2, 10);
  });

  it("gives the paper's delta-method interval: Var = S²(s²_b/(k_b·b̄²) + s²_n/(k_n·n̄²)), SEM = √ΣVar / K, S ± 1.96·SEM", () => {
    const all = [...runs(1, [90, 110, 100]), ...runs(2, [40, 60])];
    const s = 100 / 50;
    const variance = s * s * (100 / (3 * 100 * 100) + 200 / (2 * 50 * 50));
    const sem = Math.sqrt(variance);
    const speedup = groupAt(all, 2).speedup!;
    expect(speedup.value).toBeCloseTo(2, 10);
    expect(speedup.low).toBeCloseTo(2 - 1.959963984540054 * sem, 8);
    expect(speedup.high).toBeCloseTo(2 + 1.959963984540054 * sem, 8);
    expect(speedup.runs).toBe(2);
  });

  it('has no interval where a stratum has a single run on either side', () => {
    const speedup = groupAt([...runs(1, [100]), ...runs(2, [50, 60])], 2).speedup!;
    expect(speedup.value).toBeCloseTo(100 / 55, 10);
    expect(speedup.low).toBeNull();
    expect(speedup.high).toBeNull();
  });

  it('is not given at n = 1', () => {
    const group = groupAt([...runs(1, [100, 120]), ...runs(2, [50, 60])], 1);
    expect(group.speedup).toBeNull();
    expect(group.tokenMultiplier).toBeNull();
  });

  it("pools per-run speedups of successful runs at n ≥ 2 against their stratum's single-agent mean", () => {
    const all = [...runs(1, [100, 100]), ...runs(2, [50, 200, 100, 25]), ...runs(3, [400], { success: false })];
    const pooled = groupRuns(all, ['mode'])[0]!.runSpeedups!;
    expect(pooled.runs).toBe(4);
    expect(pooled.median).toBeCloseTo((1 + 2) / 2, 10);
    expect(pooled.mean).toBeCloseTo((2 + 0.5 + 1 + 4) / 4, 10);
    expect(pooled.shareBelowOne).toBeCloseTo(1 / 4, 10);
  });
});

describe("Amdahl's prediction and tokens", () => {
  it('predicts S(n) = 1 / ((1 − p) + p / n) at the nominal p', () => {
    expect(amdahl(0.9, 5)).toBeCloseTo(3.5714, 4);
    expect(amdahl(0.5, 2)).toBeCloseTo(4 / 3, 10);
    expect(amdahl(0.2, 1)).toBe(1);
    const group = groupRuns([...runs(1, [100, 100], { p: 0.5 }), ...runs(4, [50, 50], { p: 0.5 })], ['p', 'n']).find((g) => g.key.n === 4)!;
    expect(group.amdahl).toBeCloseTo(1.6, 10);
  });

  it('gives the token multiplier tokens(n) / tokens(1) and the token efficiency speedup ÷ multiplier', () => {
    const all = [...runs(1, [100, 100], { tokensIn: 1000, tokensOut: 0 }), ...runs(2, [50, 50], { tokensIn: 3000, tokensOut: 1000 })];
    const group = groupAt(all, 2);
    expect(group.tokenMultiplier).toBeCloseTo(4, 10);
    expect(group.tokenEfficiency).toBeCloseTo(2 / 4, 10);
    expect(group.tokens.value).toBe(4000);
  });

  it('counts the tokens of failed runs in ours: tokens per successful run when failed runs are run again', () => {
    const all = [...runs(1, [100, 100], { tokensIn: 1000 }), ...runs(2, [50], { tokensIn: 2000 }), ...runs(2, [600], { tokensIn: 2000, success: false })];
    const group = groupAt(all, 2);
    expect(group.tokenMultiplier).toBeCloseTo(2, 10);
    expect(group.tokenMultiplierAllRuns).toBeCloseTo(4, 10);
  });
});

describe('group figures and their denominators', () => {
  it('keeps failed runs in the means of conflicts, turns and tokens', () => {
    const all = [...runs(2, [50], { concurrentWrites: 2, agentTurns: 4 }), ...runs(2, [600], { success: false, concurrentWrites: 10, agentTurns: 120 })];
    const group = groupAt(all, 2);
    expect(group.concurrentWrites.value).toBe(6);
    expect(group.agentTurns.value).toBe(62);
    expect(group.seconds.value).toBe(50);
    expect(group.secondsAllRuns.value).toBe(325);
  });

  it('clusters intervals by job: with several jobs the mean gets the t interval over the jobs\' means', () => {
    const all = [
      ...runs(2, [10, 10], { itemIndex: 0, concurrentWrites: 1 }),
      ...runs(2, [10, 10], { itemIndex: 1, concurrentWrites: 3 }),
      ...runs(2, [10, 10], { itemIndex: 2, concurrentWrites: 5 }),
    ];
    const writes = groupAt(all, 2).concurrentWrites;
    // Job means 1, 3, 5: mean 3, SD 2, SE 2/√3, t(0.975, 2) = 4.303.
    expect(writes.value).toBe(3);
    expect(writes.low).toBeCloseTo(Math.max(0, 3 - 4.302652729911275 * (2 / Math.sqrt(3))), 6);
    expect(writes.high).toBeCloseTo(3 + 4.302652729911275 * (2 / Math.sqrt(3)), 6);
    expect(groupAt(all, 2).jobs).toBe(3);
  });

  it('puts every run in the success rate\'s denominator, with an interval clustered by job', () => {
    const all = [
      ...runs(3, [10, 10, 10], { itemIndex: 0 }),
      ...runs(3, [10], { itemIndex: 1 }),
      ...runs(3, [10, 10], { itemIndex: 1, success: false, trialFailed: true }),
    ];
    const rate = groupAt(all, 3).successRate;
    expect(rate.value).toBeCloseTo(4 / 6, 10);
    expect(rate.runs).toBe(6);
    expect(rate.low).toBeLessThan(4 / 6);
    expect(rate.high).toBeGreaterThan(4 / 6);
  });

  it('counts only runs with a final test run in the final test-pass rate', () => {
    const all = [...runs(2, [10], { finalTestsPass: true }), ...runs(2, [10], { finalTestsPass: false, success: false }), ...runs(2, [10], { finalTestsPass: null })];
    const rate = groupAt(all, 2).finalTestsPassRate;
    expect(rate.value).toBe(0.5);
    expect(rate.runs).toBe(2);
  });

  it('groups per cell without axes, and by any of the axes', () => {
    const all = [...runs(1, [100], { experimentId: 'a' }), ...runs(2, [50], { experimentId: 'a' }), ...runs(2, [50], { experimentId: 'b', model: 'sim:other' })];
    expect(groupRuns(all, []).map((g) => [g.key.experiment, g.key.cell])).toEqual([
      ['a', 0],
      ['a', 1],
      ['b', 1],
    ]);
    expect(groupRuns(all, ['model']).map((g) => [g.key.model, g.runs])).toEqual([
      ['sim:default', 2],
      ['sim:other', 1],
    ]);
    expect(groupRuns(all, ['experiment', 'n']).map((g) => g.key)).toEqual([
      { experiment: 'a', n: 1 },
      { experiment: 'a', n: 2 },
      { experiment: 'b', n: 2 },
    ]);
  });
});
