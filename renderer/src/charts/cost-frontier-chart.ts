/**
 * Builds the chart.js configuration for the cost frontier: accuracy against
 * mean tokens per trial, one series per structure label, each point a team
 * size (labelled beside it) with its 95% interval as an error bar. Read it as
 * "which structure buys accuracy cheapest": up and to the left is better.
 * Pure: no DOM, no chart instance.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { XYPoint, XYSeries } from '../../../shared/domain/results';
import { formatAccuracy } from './accuracy-chart';
import { accuracyAxis, AXIS_RULES, axisTitle, baseLineOptions, bottomLegend, pointSeries, trialCountWords, type TrialCounts } from './chart-options';
import { INK, MUTED_INK, seriesColor } from './palette';
import { pointAnnotationsPlugin, type AnnotatedPoint } from './point-annotations';

export interface FrontierPoint extends AnnotatedPoint, TrialCounts {
  size: number;
}

export type CostFrontierConfig = ChartConfiguration<'line', FrontierPoint[]>;

export interface CostFrontierChart {
  config: CostFrontierConfig;
  /** True when tokens span a factor of ten or more and the x axis is logarithmic. */
  logX: boolean;
}

export interface CostFrontierOptions {
  percent?: boolean;
  animate?: boolean;
}

/** Tokens span this factor or more: a logarithmic axis keeps the cheap points apart. */
export const LOG_AXIS_RATIO = 10;

export function formatTokens(value: number): string {
  if (value >= 10_000) return `${Math.round(value / 1000).toLocaleString('en-US')}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return Math.round(value).toLocaleString('en-US');
}

/** The label beside a point: its team size. */
export function sizeLabel(size: number): string {
  return `n=${size}`;
}

function toPoint(point: XYPoint): FrontierPoint {
  return {
    x: point.x,
    y: point.y,
    ...(point.low === undefined ? {} : { low: point.low }),
    ...(point.high === undefined ? {} : { high: point.high }),
    label: sizeLabel(point.size),
    size: point.size,
    trials: point.trials,
    noAnswer: point.noAnswer,
    failed: point.failed,
  };
}

/** A step of 1, 2 or 5 × 10^k near a fifth of `span`, for round axis ends. */
function roundStep(span: number): number {
  const raw = Math.max(span / 5, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
}

/**
 * The x range to show: every point with a margin, ends rounded to a tidy step
 * (multiplicative margins on a log axis, which tokens get when they span ten
 * times or more).
 */
export function tokenRange(series: readonly { points: readonly { x: number }[] }[]): { min: number; max: number; log: boolean } {
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter((x) => Number.isFinite(x) && x > 0);
  if (xs.length === 0) return { min: 0, max: 1, log: false };
  const low = Math.min(...xs);
  const high = Math.max(...xs);
  const log = high / low >= LOG_AXIS_RATIO;
  if (log) return { min: low / 1.25, max: high * 1.25, log };
  const pad = Math.max((high - low) * 0.08, high * 0.05, 1);
  const step = roundStep(high - low + 2 * pad);
  return { min: Math.max(0, Math.floor((low - pad) / step) * step), max: Math.ceil((high + pad) / step) * step, log };
}

/** Ticks of a log axis at 1, 2 and 5 × 10^k within [min, max]. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  const ticks: number[] = [];
  for (let power = 10 ** Math.floor(Math.log10(min)); power <= max; power *= 10) {
    for (const lead of [1, 2, 5]) {
      const value = lead * power;
      if (value >= min && value <= max) ticks.push(value);
    }
  }
  return ticks;
}

/** An x axis of tokens per trial over `range`, logarithmic (ticks at 1, 2, 5 × 10^k) when the range says so. */
export function tokenAxis(range: { min: number; max: number; log: boolean }, title: string) {
  return {
    type: range.log ? ('logarithmic' as const) : ('linear' as const),
    min: range.min,
    max: range.max,
    title: axisTitle(`${title}${range.log ? ' (log scale)' : ''}`),
    ...AXIS_RULES,
    ticks: { color: MUTED_INK, maxTicksLimit: 8, callback: (value: number | string) => formatTokens(Number(value)) },
    ...(range.log
      ? {
          afterBuildTicks: (axis: { ticks: Array<{ value: number }> }) => {
            axis.ticks = logTicks(range.min, range.max).map((value) => ({ value }));
          },
        }
      : {}),
  };
}

export function buildCostFrontierChart(series: readonly XYSeries[], options: CostFrontierOptions = {}): CostFrontierChart {
  const percent = options.percent ?? true;
  const range = tokenRange(series);
  const datasets: ChartDataset<'line', FrontierPoint[]>[] = series.map((s, index) => pointSeries(s.label, s.points.map(toPoint), seriesColor(index)));

  const pointOf = (item: TooltipItem<'line'>): FrontierPoint | undefined => datasets[item.datasetIndex]?.data[item.dataIndex];

  const config: CostFrontierConfig = {
    type: 'line',
    data: { datasets },
    plugins: [pointAnnotationsPlugin(INK)],
    options: {
      ...baseLineOptions(options.animate),
      interaction: { mode: 'nearest', intersect: true },
      layout: { padding: { top: 14, right: 28 } },
      scales: {
        x: tokenAxis(range, 'Mean tokens per trial'),
        y: accuracyAxis(percent),
      },
      plugins: {
        legend: bottomLegend(),
        tooltip: {
          callbacks: {
            title: (items) => {
              const first = items[0];
              const point = first ? pointOf(first) : undefined;
              return first && point ? `${first.dataset.label ?? ''}, ${point.size} ${point.size === 1 ? 'agent' : 'agents'}` : '';
            },
            label: (item) => {
              const point = pointOf(item);
              if (!point) return '';
              const ci = point.low === undefined || point.high === undefined ? '' : ` [${formatAccuracy(point.low, percent)}, ${formatAccuracy(point.high, percent)}]`;
              return `${formatAccuracy(point.y, percent)}${ci} at ${formatTokens(point.x)} tokens per trial, ${trialCountWords(point)}`;
            },
          },
        },
      },
    },
  };
  return { config, logX: range.log };
}
