/** The latency chart's config is pure: mean critical-path time against team size, in ms or s. */
import { describe, expect, it } from 'vitest';
import { teamSizes } from '../../../renderer/src/charts/chart-options';
import { buildLatencyChart, formatLatency, formatLatencyTick, latencyUnit } from '../../../renderer/src/charts/latency-chart';
import type { XYSeries } from '../../../shared/domain/results';

const series: XYSeries[] = [
  { label: 'single', structure: 'single', points: [{ x: 1, y: 1391, size: 1, trials: 80, noAnswer: 0, failed: 0 }] },
  {
    label: 'vote (majority)',
    structure: 'vote',
    points: [
      { x: 5, y: 1804, size: 5, trials: 80, noAnswer: 0, failed: 0 },
      { x: 3, y: 1708, size: 3, trials: 80, noAnswer: 0, failed: 0 },
    ],
  },
];

describe('latency chart config', () => {
  it('plots each structure against team size, in size order', () => {
    const { config } = buildLatencyChart(series);
    expect(teamSizes(series)).toEqual([1, 3, 5]);
    const vote = config.data.datasets[1]!;
    expect(vote.label).toBe('vote (majority)');
    expect(vote.data).toEqual([
      { x: 3, y: 1708 },
      { x: 5, y: 1804 },
    ]);
  });

  it('draws the single agent as a dashed baseline across the sizes, with its marker at its own size', () => {
    const chart = buildLatencyChart(series);
    expect(chart.hasBaseline).toBe(true);
    const single = chart.config.data.datasets[0]!;
    expect(single.data).toEqual([
      { x: 1, y: 1391 },
      { x: 5, y: 1391 },
    ]);
    expect(single.borderDash).toEqual([6, 4]);
    expect(single.pointRadius).toEqual([4, 0]);
  });

  it('draws another structure measured at one size as a lone point there', () => {
    const debate: XYSeries = { label: 'debate (full)', structure: 'debate', points: [{ x: 3, y: 6900, size: 3, trials: 80, noAnswer: 0, failed: 0 }] };
    const chart = buildLatencyChart([...series, debate]);
    const drawn = chart.config.data.datasets[2]!;
    expect(drawn.data).toEqual([{ x: 3, y: 6900 }]);
    expect(drawn.borderDash).toEqual([]);
    expect(drawn.pointRadius).toEqual([4]);
  });

  it('starts the y axis at zero and reads in ms, or in s from two seconds up', () => {
    const chart = buildLatencyChart(series);
    expect(chart.unit).toBe('ms');
    expect(chart.config.options?.scales?.y).toMatchObject({ min: 0 });
    expect(chart.config.options?.scales?.y?.title).toMatchObject({ text: 'Mean critical-path latency (ms)' });
    const slow: XYSeries[] = [{ label: 'debate', structure: 'debate', points: [{ x: 3, y: 6400, size: 3, trials: 10, noAnswer: 0, failed: 0 }] }];
    expect(latencyUnit(slow)).toBe('s');
    expect(buildLatencyChart(slow).config.options?.scales?.y?.title).toMatchObject({ text: 'Mean critical-path latency (s)' });
    expect(formatLatency(1804.2, 'ms')).toBe('1,804 ms');
    expect(formatLatency(6400, 's')).toBe('6.40 s');
    expect(formatLatency(64_000, 's')).toBe('64.0 s');
    expect(formatLatencyTick(7000, 's')).toBe('7 s');
    expect(formatLatencyTick(1500, 's')).toBe('1.5 s');
    expect(formatLatencyTick(1500, 'ms')).toBe('1,500 ms');
  });
});
