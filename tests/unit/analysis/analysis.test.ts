import { describe, expect, it } from 'vitest';
import { criticalPathMs } from '../../../electron/core/analysis/critical-path';
import { wilsonInterval } from '../../../electron/core/analysis/intervals';
import { accuracyBySize, summarizeCells } from '../../../electron/core/analysis/summary';
import type { TrialResultRow } from '../../../electron/core/store/types';

describe('Wilson interval', () => {
  it('matches published values', () => {
    // 8/10: Wilson 95% is [0.4902, 0.9433] (Newcombe 1998, method 3).
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 3);
    expect(high).toBeCloseTo(0.9433, 3);
  });

  it('stays inside [0, 1] at the extremes', () => {
    expect(wilsonInterval(0, 5).low).toBe(0);
    expect(wilsonInterval(5, 5).high).toBe(1);
    expect(wilsonInterval(5, 5).low).toBeGreaterThan(0.5);
  });
});

describe('critical path', () => {
  it('takes the longest chain through the call graph, not the sum', () => {
    const calls = [
      { seq: 0, latencyMs: 100, consumes: [] },
      { seq: 1, latencyMs: 300, consumes: [] },
      { seq: 2, latencyMs: 50, consumes: [0, 1] },
      { seq: 3, latencyMs: 500, consumes: [0] },
    ];
    expect(criticalPathMs(calls)).toBe(600);
  });

  it('for parallel voters is the slowest voter', () => {
    expect(criticalPathMs([120, 80, 200].map((latencyMs, seq) => ({ seq, latencyMs, consumes: [] })))).toBe(200);
  });

  it('refuses a cycle', () => {
    expect(() => criticalPathMs([{ seq: 0, latencyMs: 1, consumes: [1] }, { seq: 1, latencyMs: 1, consumes: [0] }])).toThrow(/cycle/);
  });
});

describe('cell summaries', () => {
  const row = (cellIndex: number, correct: boolean, status: 'done' | 'failed' = 'done'): TrialResultRow => ({
    cellIndex, itemIndex: 0, repetition: 0, status, correct, criticalPathMs: 100 * (cellIndex + 1), wallMs: 1, tokensIn: 10, tokensOut: 5, calls: cellIndex === 0 ? 1 : 3,
  });
  const cells = [
    { index: 0, model: 'sim:default', structure: 'single' as const, size: 1, aggregate: null, label: 'single' },
    { index: 1, model: 'sim:default', structure: 'vote' as const, size: 3, aggregate: 'majority' as const, label: 'vote (majority)' },
    { index: 2, model: 'sim:default', structure: 'vote' as const, size: 5, aggregate: 'majority' as const, label: 'vote (majority)' },
  ];

  it('counts failed trials as wrong and keeps them out of the means', () => {
    const summary = summarizeCells(cells, [row(0, true), row(0, false), row(0, false, 'failed'), row(1, true), row(1, true)]);
    expect(summary[0]).toMatchObject({ trials: 3, failed: 1, correct: 1, meanCalls: 1, meanTokens: 15 });
    expect(summary[0]!.accuracy).toBeCloseTo(1 / 3);
    expect(summary[1]).toMatchObject({ trials: 2, correct: 2, accuracy: 1, meanCriticalPathMs: 200 });
    expect(summary[2]).toMatchObject({ trials: 0, accuracy: null });
  });

  it('builds one series per structure with points ordered by size', () => {
    const summary = summarizeCells(cells, [row(2, true), row(1, false), row(0, true)]);
    const series = accuracyBySize(summary);
    expect(series.map((s) => s.label)).toEqual(['single', 'vote (majority)']);
    expect(series[1]!.points.map((p) => p.size)).toEqual([3, 5]);
  });
});
