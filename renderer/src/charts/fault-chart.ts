/**
 * Builds the chart.js configuration for a fault sweep: accuracy against the
 * number of faulty agents f, one line per team and size, each point with its
 * 95% interval as an error bar, and the classical bounds drawn as vertical
 * lines for each team size: a majority of honest answers survives f < n/2,
 * agreement among n (Byzantine consensus) needs f < n/3. Reading a line
 * against its bounds is the point: where does a structure fall, and is it
 * before or after theory says it must? Pure: no DOM, no chart instance.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { FaultSeries, SweptFaultKind } from '../../../shared/domain/results';
import { formatAccuracy } from './accuracy-chart';
import { accuracyAxis, AXIS_RULES, axisTitle, baseLineOptions, bottomLegend, pointSeries, trialCountWords, type TrialCounts } from './chart-options';
import { INK, MUTED_INK, seriesColor } from './palette';
import { pointAnnotationsPlugin, type AnnotatedPoint } from './point-annotations';

export interface FaultPoint extends AnnotatedPoint {
  /** The trials behind a measured point; absent on a bound's ends. */
  counts?: TrialCounts;
}

export type FaultChartConfig = ChartConfiguration<'line', FaultPoint[]>;

export type BoundKind = 'majority' | 'agreement';

/** A classical bound drawn as a vertical line. */
export interface BoundLine {
  kind: BoundKind;
  /** The team size it is for. */
  size: number;
  /** Where it stands on the f axis: n/2 or n/3. */
  x: number;
  /** The legend's words, e.g. "majority needs f < n/2" (with n when several sizes are drawn). */
  label: string;
}

export interface FaultChart {
  config: FaultChartConfig;
  kind: SweptFaultKind;
  bounds: BoundLine[];
  /** What each dataset is: a series (its index in the input) or a bound. */
  roles: Array<{ series: number } | { bound: number }>;
}

export interface FaultChartOptions {
  percent?: boolean;
  animate?: boolean;
}

const AXIS_WORDS: Record<SweptFaultKind, { axis: string; one: string; many: string }> = {
  byzantine: { axis: 'Byzantine agents (f)', one: 'Byzantine agent', many: 'Byzantine agents' },
  crash: { axis: 'Crashed agents (f)', one: 'crashed agent', many: 'crashed agents' },
  stragglers: { axis: 'Stragglers (f)', one: 'straggler', many: 'stragglers' },
};

/** A majority line is dashed, an agreement line dotted: told apart without colour. */
export const BOUND_DASH: Record<BoundKind, number[]> = { majority: [7, 4], agreement: [2, 3] };

const trimmed = (value: number): string => String(Number(value.toFixed(2)));

/** The bounds for every team size drawn, majority first; labelled by n when several sizes share the chart. */
export function boundLines(series: readonly FaultSeries[]): BoundLine[] {
  const sizes = [...new Set(series.map((s) => s.size))].sort((a, b) => a - b);
  const several = sizes.length > 1;
  return sizes.flatMap((size) => {
    const bounds = series.find((s) => s.size === size)!.faultBounds;
    return [
      { kind: 'majority' as const, size, x: bounds.majority, label: several ? `n=${size}: majority needs f < ${trimmed(bounds.majority)}` : 'majority needs f < n/2' },
      { kind: 'agreement' as const, size, x: bounds.agreement, label: several ? `n=${size}: agreement needs f < ${trimmed(bounds.agreement)}` : 'agreement needs f < n/3' },
    ];
  });
}

/** The f axis: every measured count and every bound in view, with a margin so end markers are whole. */
export function faultRange(series: readonly FaultSeries[], bounds: readonly BoundLine[]): { min: number; max: number; ticks: number[] } {
  const counts = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const top = Math.max(1, ...counts, ...bounds.map((b) => b.x));
  return { min: -0.3, max: Math.ceil(top) + 0.3, ticks: Array.from({ length: Math.ceil(top) + 1 }, (_, i) => i) };
}

export function buildFaultChart(series: readonly FaultSeries[], options: FaultChartOptions = {}): FaultChart {
  const percent = options.percent ?? true;
  const kind = series[0]?.faultKind ?? 'byzantine';
  const words = AXIS_WORDS[kind];
  const bounds = boundLines(series);
  const range = faultRange(series, bounds);
  const roles: FaultChart['roles'] = [];

  const datasets: ChartDataset<'line', FaultPoint[]>[] = series.map((s, index) => {
    roles.push({ series: index });
    const points = s.points.map((p) => ({ x: p.x, y: p.y, ...(p.low === undefined ? {} : { low: p.low }), ...(p.high === undefined ? {} : { high: p.high }), counts: { trials: p.trials, noAnswer: p.noAnswer, failed: p.failed } }));
    return pointSeries<FaultPoint>(s.label, points, seriesColor(index));
  });
  bounds.forEach((bound, index) => {
    roles.push({ bound: index });
    // A vertical line from 0 to 100%, its short name written at the top by the annotations plugin.
    const short = bound.kind === 'majority' ? 'f < n/2' : 'f < n/3';
    datasets.push({
      label: bound.label,
      data: [
        { x: bound.x, y: 0 },
        { x: bound.x, y: 1, label: bounds.length > 2 ? `n=${bound.size}: ${short}` : short },
      ],
      borderColor: bound.kind === 'majority' ? INK : MUTED_INK,
      backgroundColor: bound.kind === 'majority' ? INK : MUTED_INK,
      borderWidth: 1.5,
      borderDash: BOUND_DASH[bound.kind],
      pointRadius: 0,
      pointHoverRadius: 0,
      pointHitRadius: 0,
      fill: false,
      tension: 0,
    });
  });

  const isSeries = (datasetIndex: number | undefined): boolean => datasetIndex !== undefined && roles[datasetIndex] !== undefined && 'series' in roles[datasetIndex]!;
  const pointOf = (item: TooltipItem<'line'>): FaultPoint | undefined => datasets[item.datasetIndex]?.data[item.dataIndex];

  const config: FaultChartConfig = {
    type: 'line',
    data: { datasets },
    plugins: [pointAnnotationsPlugin(INK)],
    options: {
      ...baseLineOptions(options.animate),
      // A bound's two ends share one x: the data is not unique by x.
      normalized: false,
      interaction: { mode: 'nearest', intersect: true },
      layout: { padding: { top: 18, right: 12 } },
      scales: {
        x: {
          type: 'linear',
          min: range.min,
          max: range.max,
          title: axisTitle(words.axis),
          ...AXIS_RULES,
          ticks: { color: MUTED_INK, precision: 0 },
          afterBuildTicks: (axis) => {
            axis.ticks = range.ticks.map((value) => ({ value }));
          },
        },
        y: accuracyAxis(percent),
      },
      plugins: {
        legend: bottomLegend(),
        tooltip: {
          filter: (item) => isSeries(item.datasetIndex),
          callbacks: {
            title: (items) => {
              const first = items[0];
              const point = first ? pointOf(first) : undefined;
              return point ? `f = ${point.x} ${point.x === 1 ? words.one : words.many}` : '';
            },
            label: (item) => {
              const point = pointOf(item);
              const label = item.dataset.label ?? '';
              if (!point) return label;
              const ci = point.low === undefined || point.high === undefined ? '' : ` [${formatAccuracy(point.low, percent)}, ${formatAccuracy(point.high, percent)}]`;
              return `${label}: ${formatAccuracy(point.y, percent)}${ci}${point.counts ? `, ${trialCountWords(point.counts)}` : ''}`;
            },
          },
        },
      },
    },
  };
  return { config, kind, bounds, roles };
}

/** The chart in words, for screen readers: what is plotted and where the bounds stand. */
export function faultChartSummary(series: readonly FaultSeries[], chart: Pick<FaultChart, 'kind' | 'bounds'>): string {
  const bounds = chart.bounds.map((b) => `${b.label} (f = ${trimmed(b.x)}${chart.bounds.length > 2 ? '' : `, n = ${b.size}`})`).join('; ');
  return `Line chart of accuracy against the number of ${AXIS_WORDS[chart.kind].many}, each point with its 95% interval; ${series.length} series: ${series.map((s) => s.label).join(', ')}. Bounds drawn as vertical lines: ${bounds}. The table lists the same numbers.`;
}
