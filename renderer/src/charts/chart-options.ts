/**
 * The chart.js option pieces the lab's result charts share: base options, the
 * team-size and accuracy axes, the legend and the "measured line" dataset.
 * Kept in one place so the accuracy, latency and cost-frontier charts read
 * alike (the same ink, grid and axis titles) and a change of style is made
 * once. Pure: no DOM, no chart instance.
 */
import type { ChartDataset, ChartOptions, LegendItem, ScaleOptions } from 'chart.js';
import { GRID, INK, MUTED_INK } from './palette';

type LineOptions = ChartOptions<'line'>;
type LegendOptions = NonNullable<NonNullable<LineOptions['plugins']>['legend']>;

/**
 * What every result chart sets: it fills its box, animates briefly unless told
 * not to, and is handed data already as {x, y} (no parsing) in x order.
 */
export function baseLineOptions(animate: boolean | undefined) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: animate === false ? false : { duration: 250 },
    parsing: false,
    normalized: true,
  } satisfies LineOptions;
}

/** An axis title, in the chart ink. */
export function axisTitle(text: string) {
  return { display: true, text, color: INK, font: { size: 12 } };
}

/** Grid lines and the axis line, in the same faint rule. */
export const AXIS_RULES = { grid: { color: GRID }, border: { color: GRID } } as const;

/** The distinct team sizes over all series, ascending. */
export function teamSizes(series: readonly { points: readonly { size: number }[] }[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.size)))].sort((a, b) => a - b);
}

/** The smallest and largest team size measured (1 when there are none). */
export function sizeSpan(sizes: readonly number[]): { min: number; max: number } {
  return { min: sizes[0] ?? 1, max: sizes[sizes.length - 1] ?? 1 };
}

/**
 * A linear x axis of team sizes with a tick at each measured size only (a
 * size between two measured ones would read as if it had been run), padded so
 * the end markers are not cut in half.
 */
export function teamSizeAxis(sizes: readonly number[]) {
  const { min, max } = sizeSpan(sizes);
  const pad = Math.max(0.5, (max - min) * 0.04);
  return {
    type: 'linear',
    min: min - pad,
    max: max + pad,
    title: axisTitle('Team size (agents)'),
    ...AXIS_RULES,
    ticks: { color: MUTED_INK, precision: 0 },
    afterBuildTicks: (axis) => {
      axis.ticks = sizes.map((value) => ({ value }));
    },
  } satisfies ScaleOptions<'linear'>;
}

/** A y axis of accuracy from 0 to 1 in steps of a tenth, read as percentages or as proportions. */
export function accuracyAxis(percent: boolean) {
  return {
    type: 'linear',
    min: 0,
    max: 1,
    title: axisTitle(percent ? 'Accuracy (%)' : 'Accuracy'),
    ...AXIS_RULES,
    ticks: {
      color: MUTED_INK,
      stepSize: 0.1,
      callback: (value) => (percent ? `${Math.round(Number(value) * 100)}%` : Number(value).toFixed(1)),
    },
  } satisfies ScaleOptions<'linear'>;
}

/** The legend under the plot, each series shown by its point marker; `filter` hides entries (such as CI bands). */
export function bottomLegend(filter?: (item: LegendItem) => boolean) {
  return {
    position: 'bottom',
    labels: { color: INK, usePointStyle: true, boxHeight: 8, ...(filter ? { filter } : {}) },
  } satisfies LegendOptions;
}

/**
 * A series drawn as a line against team size, with a marker only where a size
 * was measured (`measured[i]` null: a drawn-only point such as the far end of
 * a baseline, which must not look or hover like a measurement). A baseline is
 * dashed.
 */
export function measuredLine<TData>(
  label: string,
  data: TData[],
  color: string,
  measured: readonly (object | null)[],
  baseline: boolean,
): ChartDataset<'line', TData[]> {
  return {
    label,
    data,
    fill: false,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    borderDash: baseline ? [6, 4] : [],
    pointRadius: measured.map((p) => (p ? 4 : 0)),
    pointHoverRadius: measured.map((p) => (p ? 6 : 0)),
    pointHitRadius: measured.map((p) => (p ? 8 : 0)),
    tension: 0,
  };
}

/**
 * A series of measured points with error bars (drawn by the annotations
 * plugin), joined by a line when there is more than one point, in x order.
 */
export function pointSeries<TData extends { x: number }>(label: string, data: readonly TData[], color: string): ChartDataset<'line', TData[]> {
  return {
    label,
    data: [...data].sort((a, b) => a.x - b.x),
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    showLine: data.length > 1,
    fill: false,
    pointRadius: 4.5,
    pointHoverRadius: 6.5,
    pointHitRadius: 10,
    tension: 0,
  };
}

/** How many trials a point stands on. */
export interface TrialCounts {
  trials: number;
  noAnswer: number;
  failed: number;
}

/**
 * A point's denominator in words, with the trials that were not answered and
 * the failed ones named apart: they are not correct, but they are not wrong
 * answers either. "n = 30 trials (2 without an answer, 1 failed)".
 */
export function trialCountWords(counts: TrialCounts): string {
  const apart = [counts.noAnswer > 0 ? `${counts.noAnswer} without an answer` : null, counts.failed > 0 ? `${counts.failed} failed` : null].filter((part) => part !== null);
  return `n = ${counts.trials} ${counts.trials === 1 ? 'trial' : 'trials'}${apart.length > 0 ? ` (${apart.join(', ')})` : ''}`;
}
