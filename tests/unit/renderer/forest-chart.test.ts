/** The paired-differences figure is pure: which rows it draws, where each estimate and its interval go, and how it reads in words. */
import { describe, expect, it } from 'vitest';
import type { TooltipItem } from 'chart.js';
import { buildForestChart, ESTIMATE_STYLE, forestChartSummary, forestRange, ROW_OFFSET } from '../../../renderer/src/charts/forest-chart';
import { annotate } from '../../../renderer/src/charts/point-annotations';
import { formatDifference, formatP, formatSignedPoints } from '../../../renderer/src/format';
import { cellName, forestRows, holmVerdict } from '../../../renderer/src/lib/paired-differences';
import type { CostMatchedBaseline, PairedComparison } from '../../../shared/domain/analysis';
import type { CellSummary } from '../../../shared/domain/results';

const cell = (cellIndex: number, label: string, size: number): CellSummary => ({ cellIndex, label, size }) as CellSummary;
const cells = [cell(0, 'single', 1), cell(1, 'vote (majority)', 3), cell(2, 'vote (majority)', 5)];

function comparison(kind: PairedComparison['kind'], cellIndex: number, baselineCellIndex: number, difference: number, low: number, high: number, significant: boolean): PairedComparison {
  return {
    kind,
    cellIndex,
    baselineCellIndex,
    label: 'vote (majority)',
    baselineLabel: baselineCellIndex === 0 ? 'single' : 'vote (majority)',
    baselineReason: 'the single agent of sim:default',
    items: 40,
    pairs: 80,
    accuracy: 0.8,
    baselineAccuracy: 0.8 - difference,
    difference,
    low,
    high,
    cellOnlyCorrect: 9,
    baselineOnlyCorrect: 3,
    test: 'paired-t-items',
    pValue: significant ? 0.004 : 0.4,
    pAdjusted: significant ? 0.012 : 0.8,
    significant,
    completed: null,
  };
}

function matched(cellIndex: number, difference: number, low: number, high: number, significant: boolean): CostMatchedBaseline {
  return {
    cellIndex,
    label: 'vote (majority)',
    singleCellIndex: 0,
    samples: 3,
    teamTokens: 430,
    singleTokens: 144,
    tokens: 432,
    items: 40,
    accuracy: 0.77,
    low: 0.7,
    high: 0.85,
    difference,
    differenceLow: low,
    differenceHigh: high,
    pValue: 0.05,
    pAdjusted: significant ? 0.01 : 0.16,
    significant,
    minAnswersPerItem: 36,
    extrapolated: false,
    extrapolatedItems: 0,
    pooledCells: [0, 1, 2],
    method: 'k-sample vote',
  };
}

const comparisons = [
  comparison('vs-single', 1, 0, -0.0375, -0.136, 0.061, false),
  comparison('vs-single', 2, 0, 0.12, 0.05, 0.19, true),
  comparison('vs-smaller', 2, 1, 0.075, -0.01, 0.16, false),
];
const costMatched = [matched(1, -0.064, -0.13, 0.001, false), matched(2, 0.02, -0.04, 0.08, false)];

describe('forest rows', () => {
  it('gives each team with a comparison of the chosen kind a row, with its cost-matched baseline beside it, in cell order', () => {
    const rows = forestRows(cells, comparisons, costMatched, 'vs-single');
    expect(rows.map((r) => [r.label, r.comparison?.baselineCellIndex, r.costMatched?.samples])).toEqual([
      ['vote (majority), n=3', 0, 3],
      ['vote (majority), n=5', 0, 3],
    ]);
    expect(rows[0]!.baselineName).toBe('single, n=1');
  });

  it('switches to the next smaller size, naming the baseline cell with its size', () => {
    const rows = forestRows(cells, comparisons, costMatched, 'vs-smaller');
    expect(rows.map((r) => [r.label, r.comparison?.kind ?? null, r.baselineName])).toEqual([
      ['vote (majority), n=3', null, null],
      ['vote (majority), n=5', 'vs-smaller', 'vote (majority), n=3'],
    ]);
  });

  it('names a cell with its size', () => {
    expect(cellName({ label: 'debate (full)', size: 7 })).toBe('debate (full), n=7');
  });
});

describe('forest chart config', () => {
  const rows = forestRows(cells, comparisons, costMatched, 'vs-single');
  const chart = buildForestChart(rows, 'vs-single');
  const [against, sameTokens, zero] = chart.config.data.datasets;

  it('draws each difference at its row with its interval as a horizontal bar, the two estimates of a row apart', () => {
    expect(against!.data.map((p) => [p.x, p.y, p.xLow, p.xHigh])).toEqual([
      [-0.0375, -ROW_OFFSET, -0.136, 0.061],
      [0.12, 1 - ROW_OFFSET, 0.05, 0.19],
    ]);
    expect(sameTokens!.data.map((p) => [p.x, p.y, p.xLow, p.xHigh])).toEqual([
      [-0.064, ROW_OFFSET, -0.13, 0.001],
      [0.02, 1 + ROW_OFFSET, -0.04, 0.08],
    ]);
    const { spans } = annotate(against!.data, (v) => 100 + v * 100, (v) => v * 50);
    expect(spans[1]).toEqual({ y: (1 - ROW_OFFSET) * 50, xLow: 105, xHigh: 119, cap: 4 });
    expect(against!.showLine).toBe(false);
  });

  it('fills a marker only where the difference holds after Holm, and tells the two baselines apart by shape and colour', () => {
    expect(against!.pointBackgroundColor).toEqual(['#fffefb', ESTIMATE_STYLE.comparison.color]);
    expect(sameTokens!.pointBackgroundColor).toEqual(['#fffefb', '#fffefb']);
    expect(against!.pointStyle).toBe('circle');
    expect(sameTokens!.pointStyle).toBe('rectRot');
    expect(against!.borderColor).not.toBe(sameTokens!.borderColor);
    expect(against!.label).toBe('against the single agent');
    expect(sameTokens!.label).toBe('against the single agent given the same tokens');
  });

  it('draws a zero line through every row, left out of the legend and the tooltips', () => {
    expect(zero!.data.map((p) => [p.x, p.y])).toEqual([
      [0, -0.5],
      [0, 1.5],
    ]);
    const legend = chart.config.options?.plugins?.legend?.labels?.filter;
    expect(legend?.({ datasetIndex: 2 } as never, {} as never)).toBe(false);
    expect(legend?.({ datasetIndex: 0 } as never, {} as never)).toBe(true);
    const tooltip = chart.config.options?.plugins?.tooltip?.filter;
    expect(tooltip?.({ datasetIndex: 2 } as TooltipItem<'line'>, 0, [], {} as never)).toBe(false);
  });

  it('labels the rows with the teams, first on top, and reads the x axis in signed points', () => {
    const y = chart.config.options?.scales?.y as { reverse: boolean; ticks: { callback: (v: number) => string }; min: number; max: number };
    expect(y.reverse).toBe(true);
    expect([y.min, y.max]).toEqual([-0.5, 1.5]);
    expect(y.ticks.callback.call({} as never, 0)).toBe('vote (majority), n=3');
    const x = chart.config.options?.scales?.x as { ticks: { callback: (v: number) => string } };
    expect(x.ticks.callback.call({} as never, -0.1)).toBe('\u221210');
    expect(x.ticks.callback.call({} as never, 0.2)).toBe('+20');
  });

  it('tells in a tooltip the difference, its interval and whether it holds after Holm', () => {
    const label = chart.config.options?.plugins?.tooltip?.callbacks?.label as (item: TooltipItem<'line'>) => string;
    expect(label({ datasetIndex: 0, dataIndex: 1 } as TooltipItem<'line'>)).toBe("+12.0 points (+5.0 to +19.0) against single, n=1, holds after Holm's correction (p = 0.012)");
    expect(label({ datasetIndex: 1, dataIndex: 0 } as TooltipItem<'line'>)).toBe(
      "\u22126.4 points (\u221213.0 to +0.1) against the single agent given the same tokens (a vote of 3 of its answers), not after Holm's correction (p = 0.16)",
    );
  });

  it('keeps zero and every interval in view on whole steps of 5 points, and grows with the rows', () => {
    expect(chart.range.min).toBeLessThanOrEqual(-0.136);
    expect(chart.range.max).toBeGreaterThanOrEqual(0.19);
    expect(Math.abs(Math.round(chart.range.min * 100) % 5)).toBe(0);
    const positive = forestRange([{ x: 0.3, y: 0, xLow: 0.2, xHigh: 0.4, row: 0, kind: 'comparison', significant: true }]);
    expect(positive.min).toBeLessThanOrEqual(0);
    expect(forestRange([{ x: 0.9, y: 0, xLow: 0.8, xHigh: 1, row: 0, kind: 'comparison', significant: true }]).max).toBe(1);
    expect(buildForestChart(rows.slice(0, 1), 'vs-single').height).toBeLessThan(chart.height);
  });

  it('says every row in words for screen readers', () => {
    const summary = forestChartSummary(rows, 'vs-single');
    expect(summary).toContain('Forest plot of differences in accuracy');
    expect(summary).toContain('item-clustered');
    expect(summary).toContain("vote (majority), n=5: +12.0 points (+5.0 to +19.0) against single, n=1, holds after Holm's correction (p = 0.012); +2.0 points");
  });
});

describe('difference formatting', () => {
  it('writes differences as signed points with a true minus, and p-values as people report them', () => {
    expect(formatSignedPoints(0.0601)).toBe('+6.0');
    expect(formatSignedPoints(-0.045)).toBe('\u22124.5');
    expect(formatSignedPoints(-0.0001)).toBe('0.0');
    expect(formatDifference(0.06, -0.045, 0.165)).toBe('+6.0 points (\u22124.5 to +16.5)');
    expect(formatDifference(null, null, null)).toBe('—');
    expect([formatP(0.0004), formatP(0.034), formatP(0.2), formatP(0.999)]).toEqual(['< 0.001', '0.034', '0.20', '1.00']);
    expect(holmVerdict({ significant: false, pAdjusted: 0.89 })).toBe("not after Holm's correction (p = 0.89)");
  });
});
