/** A structure measured at one size that is not the single agent is a lone point with an error bar, not a baseline. */
import { describe, expect, it } from 'vitest';
import { buildAccuracyChart } from '../../../renderer/src/charts/accuracy-chart';
import type { ChartSeries } from '../../../shared/domain/results';

const series: ChartSeries[] = [
  { label: 'single', structure: 'single', points: [{ size: 1, accuracy: 0.7, ciLow: 0.6, ciHigh: 0.8, trials: 80, noAnswer: 0, failed: 0 }] },
  { label: 'vote', structure: 'vote', points: [3, 5].map((size) => ({ size, accuracy: 0.72, ciLow: 0.62, ciHigh: 0.81, trials: 80, noAnswer: 0, failed: 0 })) },
  { label: 'debate (full)', structure: 'debate', points: [{ size: 3, accuracy: 0.82, ciLow: 0.73, ciHigh: 0.89, trials: 80, noAnswer: 0, failed: 0 }] },
];

describe('accuracy chart: one-size structures', () => {
  const chart = buildAccuracyChart(series);
  const line = (index: number) => chart.config.data.datasets[chart.meta.findIndex((m) => m.series === index && m.role === 'line')]!;

  it('still draws the single agent across the sizes', () => {
    expect(line(0).data.map((p) => p.x)).toEqual([1, 5]);
    expect(chart.hasBaseline).toBe(true);
  });

  it('draws a debate measured at size 3 as one marker at 3, carrying its interval for an error bar', () => {
    expect(line(2).data).toEqual([{ x: 3, y: 0.82, low: 0.73, high: 0.89 }]);
    expect(line(2).borderDash).toEqual([]);
    expect(line(2).pointRadius).toEqual([4]);
    expect(chart.config.plugins?.map((p) => p.id)).toEqual(['quorumPointAnnotations']);
  });
});
