import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../electron/core/analysis/intervals';
import { accuracyBySize, summarizeCells } from '../../../electron/core/analysis/summary';
import type { TrialResultRow } from '../../../electron/core/store/types';
import type { CellSpec } from '../../../shared/domain/spec';
import { NO_FAULTS } from '../../../shared/domain/faults';

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

describe('cell summaries', () => {
  const row = (cellIndex: number, correct: boolean, status: 'done' | 'failed' = 'done'): TrialResultRow => ({
    cellIndex, itemIndex: 0, repetition: 0, status, correct, criticalPathMs: 100 * (cellIndex + 1), wallMs: 1, tokensIn: 10, tokensOut: 5, calls: cellIndex === 0 ? 1 : 3,
    finalAnswer: correct ? '2' : status === 'done' ? '3' : null, messages: 0, rounds: 1,
  });
  const cell = (index: number, structure: string, size: number, label: string): CellSpec => ({
    index, model: 'sim:default', structure, size, label, teamLabel: label, faults: NO_FAULTS, entry: index === 0 ? 0 : 1, aggregate: structure === 'vote' ? 'majority' : null,
    params: structure === 'vote' ? { size, aggregate: 'majority' } : {},
    agents: Array.from({ length: size }, (_, i) => ({ index: i, model: 'sim:default', temperature: 0.7, persona: null, role: 'voter', weight: null })),
  });
  const cells = [cell(0, 'single', 1, 'single'), cell(1, 'vote', 3, 'vote (majority)'), cell(2, 'vote', 5, 'vote (majority)')];

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
