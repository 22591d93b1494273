/** The chart config builder is pure, so what the chart draws can be checked without a browser. */
import { describe, expect, it } from 'vitest';
import { buildAccuracyChart } from '../../../renderer/src/charts/accuracy-chart';
import { teamSizes } from '../../../renderer/src/charts/chart-options';
import type { ChartSeries } from '../../../shared/domain/results';

const series: ChartSeries[] = [
  { label: 'single', structure: 'single', points: [{ size: 1, accuracy: 0.7, ciLow: 0.6, ciHigh: 0.8, trials: 80, noAnswer: 0, failed: 0 }] },
  {
    label: 'vote (majority)',
    structure: 'vote',
    points: [
      { size: 3, accuracy: 0.75, ciLow: 0.65, ciHigh: 0.83, trials: 80, noAnswer: 0, failed: 0 },
      { size: 9, accuracy: 0.79, ciLow: 0.69, ciHigh: 0.86, trials: 80, noAnswer: 0, failed: 0 },
    ],
  },
];

describe('accuracy chart config', () => {
  it('puts every measured size on the x axis', () => {
    expect(teamSizes(series)).toEqual([1, 3, 9]);
  });

  it('draws each series as a line with an upper and a lower CI band', () => {
    const chart = buildAccuracyChart(series);
    const lines = chart.meta.map((m, i) => ({ m, d: chart.config.data.datasets[i]! })).filter(({ m }) => m.role === 'line');
    expect(lines).toHaveLength(2);
    const vote = lines.find(({ m }) => m.series === 1)!;
    expect(vote.d.data).toEqual([{ x: 3, y: 0.75 }, { x: 9, y: 0.79 }]);
    const bands = chart.meta.filter((m) => m.series === 1 && m.role !== 'line');
    expect(bands.map((b) => b.role).sort()).toEqual(['lower', 'upper']);
    const upper = chart.config.data.datasets[chart.meta.findIndex((m) => m.series === 1 && m.role === 'upper')]!;
    expect(upper.data.map((p) => p.y)).toEqual([0.83, 0.86]);
  });

  it('draws a single-size series as a baseline across the measured sizes', () => {
    const chart = buildAccuracyChart(series);
    expect(chart.hasBaseline).toBe(true);
    const baseline = chart.config.data.datasets[chart.meta.findIndex((m) => m.series === 0 && m.role === 'line')]!;
    expect(baseline.data.map((p) => p.x)).toEqual([1, 9]);
    expect(new Set(baseline.data.map((p) => p.y))).toEqual(new Set([0.7]));
  });
});
