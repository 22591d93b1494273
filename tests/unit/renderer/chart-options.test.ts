/** The option pieces the result charts share: the team-size axis, the accuracy axis, the legend and a measured line. */
import type { Scale } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { accuracyAxis, baseLineOptions, bottomLegend, measuredLine, sizeSpan, teamSizeAxis, teamSizes } from '../../../renderer/src/charts/chart-options';

describe('shared chart options', () => {
  it('collects the measured team sizes once each, ascending', () => {
    const series = [{ points: [{ size: 9 }, { size: 3 }] }, { points: [{ size: 1 }, { size: 3 }] }];
    expect(teamSizes(series)).toEqual([1, 3, 9]);
    expect(sizeSpan([])).toEqual({ min: 1, max: 1 });
  });

  it('ticks the team-size axis at the measured sizes only, padded so end markers show whole', () => {
    const axis = teamSizeAxis([1, 3, 9]);
    expect([axis.min, axis.max]).toEqual([0.5, 9.5]);
    const built = { ticks: [] as Array<{ value: number }> };
    // Only the ticks are read and written; the rest of the scale is not needed.
    axis.afterBuildTicks(built as unknown as Scale);
    expect(built.ticks.map((t) => t.value)).toEqual([1, 3, 9]);
  });

  it('reads accuracy as percentages or proportions', () => {
    // The callback reads no scale; chart.js passes one as `this`.
    const tick = (percent: boolean) => accuracyAxis(percent).ticks.callback.call({} as Scale, 0.5);
    expect(tick(true)).toBe('50%');
    expect(tick(false)).toBe('0.5');
    expect(accuracyAxis(false).title.text).toBe('Accuracy');
  });

  it('animates unless told not to, and lists every series unless a filter is given', () => {
    expect(baseLineOptions(undefined).animation).toEqual({ duration: 250 });
    expect(baseLineOptions(false).animation).toBe(false);
    expect('filter' in bottomLegend().labels).toBe(false);
    expect(bottomLegend(() => true).labels.filter).toBeTypeOf('function');
  });

  it('marks only the measured points of a line and dashes a baseline', () => {
    const line = measuredLine('single', [{ x: 1, y: 0.7 }, { x: 9, y: 0.7 }], '#000000', [{}, null], true);
    expect(line.pointRadius).toEqual([4, 0]);
    expect(line.pointHitRadius).toEqual([8, 0]);
    expect(line.borderDash).toEqual([6, 4]);
  });
});
