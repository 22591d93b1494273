/** The fault-sweep chart's config is pure: accuracy against f per team and size, with the n/2 and n/3 bounds drawn where they fall. */
import { describe, expect, it } from 'vitest';
import { BOUND_DASH, boundLines, buildFaultChart, faultChartSummary, faultRange } from '../../../renderer/src/charts/fault-chart';
import type { TooltipItem } from 'chart.js';
import type { FaultSeries } from '../../../shared/domain/results';

const series = (label: string, size: number, ys: number[]): FaultSeries => ({
  label,
  teamLabel: label.split(' · ')[0]!,
  structure: 'vote',
  size,
  faultKind: 'byzantine',
  faultBounds: { majority: size / 2, agreement: size / 3 },
  points: ys.map((y, x) => ({ x, y, low: y - 0.1, high: y + 0.05, size, trials: 50, noAnswer: 0, failed: 0 })),
});

const vote = series('vote (majority) · n=7 · colluding', 7, [0.9, 0.8, 0.6, 0.4, 0]);
const debate = series('debate (full) · n=7 · colluding', 7, [0.95, 0.9, 0.85, 0.5, 0.1]);

describe('fault chart config', () => {
  it('plots each series\' accuracy against f, with its interval for the error bars', () => {
    const chart = buildFaultChart([debate, vote]);
    const [first, second] = chart.config.data.datasets;
    expect(first!.label).toBe('debate (full) · n=7 · colluding');
    expect(second!.data.map((p) => [p.x, p.y, p.low, p.high])).toEqual(vote.points.map((p) => [p.x, p.y, p.low, p.high]));
    expect(first!.borderColor).not.toBe(second!.borderColor);
    expect(chart.config.plugins?.map((p) => p.id)).toEqual(['quorumPointAnnotations']);
    expect(chart.config.options?.scales?.x?.title).toMatchObject({ text: 'Byzantine agents (f)' });
    expect(chart.config.options?.scales?.y).toMatchObject({ min: 0, max: 1 });
  });

  it('draws the majority bound at n/2 (dashed) and the agreement bound at n/3 (dotted) as vertical lines, labelled', () => {
    const chart = buildFaultChart([vote]);
    expect(chart.bounds.map((b) => [b.kind, b.x, b.label])).toEqual([
      ['majority', 3.5, 'majority needs f < n/2'],
      ['agreement', 7 / 3, 'agreement needs f < n/3'],
    ]);
    const [, majority, agreement] = chart.config.data.datasets;
    expect(majority!.data.map((p) => [p.x, p.y])).toEqual([[3.5, 0], [3.5, 1]]);
    expect(majority!.data[1]!.label).toBe('f < n/2');
    expect(majority!.borderDash).toEqual(BOUND_DASH.majority);
    expect(agreement!.borderDash).toEqual(BOUND_DASH.agreement);
    expect(agreement!.borderDash).not.toEqual(majority!.borderDash);
    expect(majority!.pointRadius).toBe(0);
  });

  it('labels the bounds by n when several team sizes share the chart', () => {
    const small = series('vote (majority) · n=4 · colluding', 4, [0.9, 0.5, 0.1]);
    const bounds = boundLines([vote, small]);
    expect(bounds.map((b) => b.label)).toEqual(['n=4: majority needs f < 2', 'n=4: agreement needs f < 1.33', 'n=7: majority needs f < 3.5', 'n=7: agreement needs f < 2.33']);
    const chart = buildFaultChart([vote, small]);
    expect(chart.config.data.datasets.slice(2).map((d) => d.data[1]!.label)).toEqual(['n=4: f < n/2', 'n=4: f < n/3', 'n=7: f < n/2', 'n=7: f < n/3']);
  });

  it('keeps every count and every bound in view, with a tick at each whole f', () => {
    const few = series('vote · n=9', 9, [0.9, 0.8]);
    const range = faultRange([few], boundLines([few]));
    expect(range.min).toBeLessThan(0);
    expect(range.max).toBeGreaterThan(4.5);
    expect(range.ticks).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('tells a screen reader what is plotted and where the bounds stand', () => {
    const chart = buildFaultChart([vote]);
    const text = faultChartSummary([vote], chart);
    expect(text).toContain('accuracy against the number of Byzantine agents');
    expect(text).toContain('vote (majority) · n=7 · colluding');
    expect(text).toContain('majority needs f < n/2 (f = 3.5, n = 7)');
    expect(text).toContain('agreement needs f < n/3 (f = 2.33, n = 7)');
  });

  it('names the axis after what was swept', () => {
    const crash: FaultSeries = { ...vote, faultKind: 'crash' };
    expect(buildFaultChart([crash]).config.options?.scales?.x?.title).toMatchObject({ text: 'Crashed agents (f)' });
  });

  it('names trials without an answer and failed ones apart in a point\'s tooltip, not as wrong answers', () => {
    const silent: FaultSeries = { ...vote, points: vote.points.map((p) => (p.x === 3 ? { ...p, noAnswer: 12, failed: 1 } : p)) };
    const chart = buildFaultChart([silent]);
    const label = chart.config.options?.plugins?.tooltip?.callbacks?.label;
    const dataset = chart.config.data.datasets[0]!;
    const item = (dataIndex: number) => ({ datasetIndex: 0, dataIndex, dataset }) as unknown as TooltipItem<'line'>;
    const call = (dataIndex: number) => (label as (this: unknown, item: TooltipItem<'line'>) => string).call(undefined, item(dataIndex));
    expect(call(3)).toBe('vote (majority) · n=7 · colluding: 40.0% [30.0%, 45.0%], n = 50 trials (12 without an answer, 1 failed)');
    expect(call(0)).toBe('vote (majority) · n=7 · colluding: 90.0% [80.0%, 95.0%], n = 50 trials');
  });
});
