/** The cost frontier's config is pure: what it plots, how the axes read, and where error bars and size labels go. */
import { describe, expect, it } from 'vitest';
import { buildCostFrontierChart, formatTokens, logTicks, sizeLabel, tokenRange } from '../../../renderer/src/charts/cost-frontier-chart';
import { annotate, isAnnotatedPoint, pointAnnotationsPlugin } from '../../../renderer/src/charts/point-annotations';
import type { XYSeries } from '../../../shared/domain/results';

const series: XYSeries[] = [
  { label: 'single', structure: 'single', points: [{ x: 145, y: 0.725, low: 0.62, high: 0.81, size: 1, trials: 80, noAnswer: 0, failed: 0 }] },
  {
    label: 'vote (majority)',
    structure: 'vote',
    points: [
      { x: 722, y: 0.74, low: 0.63, high: 0.82, size: 5, trials: 80, noAnswer: 0, failed: 0 },
      { x: 434, y: 0.66, low: 0.55, high: 0.76, size: 3, trials: 80, noAnswer: 0, failed: 0 },
    ],
  },
];

describe('cost frontier chart config', () => {
  it('draws one dataset per structure, points in token order, each carrying its interval and team size', () => {
    const { config } = buildCostFrontierChart(series);
    const datasets = config.data.datasets;
    expect(datasets.map((d) => d.label)).toEqual(['single', 'vote (majority)']);
    expect(datasets[1]!.data.map((p) => [p.x, p.y, p.low, p.high, p.label])).toEqual([
      [434, 0.66, 0.55, 0.76, 'n=3'],
      [722, 0.74, 0.63, 0.82, 'n=5'],
    ]);
    // A structure with one point is a point with its error bar, not a line.
    expect(datasets[0]!.showLine).toBe(false);
    expect(datasets[1]!.showLine).toBe(true);
    expect(datasets[0]!.borderColor).not.toBe(datasets[1]!.borderColor);
  });

  it('plots accuracy from 0 to 100% against tokens, with the error-bar plugin attached', () => {
    const { config, logX } = buildCostFrontierChart(series);
    expect(logX).toBe(false);
    const scales = config.options?.scales;
    expect(scales?.y).toMatchObject({ min: 0, max: 1 });
    expect(scales?.x).toMatchObject({ type: 'linear' });
    expect(config.plugins?.map((p) => p.id)).toEqual(['quorumPointAnnotations']);
  });

  it('keeps every point inside the x range, and switches to a log axis when tokens span ten times or more', () => {
    const range = tokenRange(series);
    expect(range.min).toBeLessThan(145);
    expect(range.max).toBeGreaterThan(722);
    const wide: XYSeries[] = [...series, { label: 'vote 64', structure: 'vote', points: [{ x: 9000, y: 0.8, low: 0.7, high: 0.9, size: 64, trials: 40, noAnswer: 0, failed: 0 }] }];
    const chart = buildCostFrontierChart(wide);
    expect(chart.logX).toBe(true);
    expect(chart.config.options?.scales?.x).toMatchObject({ type: 'logarithmic' });
    expect(tokenRange(wide).max).toBeGreaterThan(9000);
    expect(tokenRange([])).toEqual({ min: 0, max: 1, log: false });
    // A log axis is labelled at 1, 2 and 5 × 10^k only.
    expect(logTicks(115, 11_250)).toEqual([200, 500, 1000, 2000, 5000, 10_000]);
    expect(logTicks(0, 10)).toEqual([]);
  });

  it('rounds a linear axis\' ends to a tidy step', () => {
    const range = tokenRange(series);
    expect(range).toEqual({ min: 0, max: 800, log: false });
  });

  it('formats tokens and size labels briefly', () => {
    expect(formatTokens(722.4)).toBe('722');
    expect(formatTokens(1294)).toBe('1.3k');
    expect(formatTokens(2000)).toBe('2k');
    expect(formatTokens(45_000)).toBe('45k');
    expect(sizeLabel(9)).toBe('n=9');
  });
});

describe('error bars and point labels', () => {
  it('places a bar from the low to the high bound at each point, and the label beside it', () => {
    const x = (v: number) => v * 2;
    const y = (v: number) => 100 - v * 100;
    const { bars, labels } = annotate([{ x: 10, y: 0.5, low: 0.4, high: 0.6, label: 'n=3' }, { x: 20, y: 0.7 }], x, y);
    expect(bars).toEqual([{ x: 20, yLow: 60, yHigh: 40, cap: 4 }]);
    expect(labels).toEqual([{ x: 27, y: 43, text: 'n=3' }]);
  });

  it('accepts only objects with numeric x and y as points', () => {
    expect(isAnnotatedPoint({ x: 1, y: 2 })).toBe(true);
    expect(isAnnotatedPoint(3)).toBe(false);
    expect(isAnnotatedPoint({ x: '1', y: 2 })).toBe(false);
    expect(pointAnnotationsPlugin('#000').id).toBe('quorumPointAnnotations');
  });
});
