/**
 * Builds the chart.js configuration of a forest plot: one row per team, each
 * row its difference in accuracy against a baseline (a circle) and against
 * the single agent given the same tokens (a diamond), each with its 95%
 * interval as a horizontal bar, around a line at zero. Drawing the
 * differences themselves, rather than two accuracies with overlapping bands,
 * is the point: whether a team beats its baseline is read off the bar's
 * distance from zero. A filled marker holds after Holm's correction, a hollow
 * one does not. Pure: no DOM, no chart instance.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { formatSignedPoints } from '../format';
import { comparisonWords, costMatchedWords, DIFFERENCE_MODES, type DifferenceMode, type ForestRow } from '../lib/paired-differences';
import { AXIS_RULES, axisTitle, baseLineOptions, bottomLegend } from './chart-options';
import { INK, MUTED_INK, seriesColor } from './palette';
import { pointAnnotationsPlugin, type AnnotatedPoint } from './point-annotations';

export type EstimateKind = 'comparison' | 'cost-matched';

export interface ForestPoint extends AnnotatedPoint {
  /** The row it belongs to (an index into the rows given). */
  row: number;
  kind: EstimateKind;
  significant: boolean;
}

export type ForestChartConfig = ChartConfiguration<'line', ForestPoint[]>;

export interface ForestChart {
  config: ForestChartConfig;
  /** Pixels the chart needs to give every row room. */
  height: number;
  /** The x range shown, as differences in accuracy (−1 to 1). */
  range: { min: number; max: number };
}

export interface ForestChartOptions {
  animate?: boolean;
}

/** A row's two estimates sit this far above and below its middle, so their bars never overlap. */
export const ROW_OFFSET = 0.18;
const ROW_HEIGHT = 54;
const FRAME_HEIGHT = 110;
/** The hollow marker's fill: the paper the chart sits on. */
const HOLLOW = '#fffefb';

export const ESTIMATE_STYLE: Record<EstimateKind, { pointStyle: 'circle' | 'rectRot'; color: string }> = {
  comparison: { pointStyle: 'circle', color: seriesColor(0) },
  'cost-matched': { pointStyle: 'rectRot', color: seriesColor(1) },
};

export function baselineName(mode: DifferenceMode): string {
  return DIFFERENCE_MODES.find((m) => m.mode === mode)?.label ?? mode;
}

/** The differences to show, with a margin, ends on whole steps of 5 points and zero always in view; never past ±100 points. */
export function forestRange(points: readonly ForestPoint[]): { min: number; max: number } {
  const lows = points.map((p) => p.xLow ?? p.x);
  const highs = points.map((p) => p.xHigh ?? p.x);
  const low = Math.min(0, ...lows);
  const high = Math.max(0, ...highs);
  const pad = Math.max(0.02, (high - low) * 0.06);
  const step = 0.05;
  return { min: Math.max(-1, Math.floor((low - pad) / step) * step), max: Math.min(1, Math.ceil((high + pad) / step) * step) };
}

function estimatePoints(rows: readonly ForestRow[]): ForestPoint[][] {
  const comparisons: ForestPoint[] = [];
  const matched: ForestPoint[] = [];
  rows.forEach((row, index) => {
    const c = row.comparison;
    if (c) comparisons.push({ x: c.difference, y: index - ROW_OFFSET, xLow: c.low, xHigh: c.high, row: index, kind: 'comparison', significant: c.significant });
    const m = row.costMatched;
    if (m) matched.push({ x: m.difference, y: index + ROW_OFFSET, xLow: m.differenceLow, xHigh: m.differenceHigh, row: index, kind: 'cost-matched', significant: m.significant });
  });
  return [comparisons, matched];
}

function estimateDataset(label: string, kind: EstimateKind, data: ForestPoint[]): ChartDataset<'line', ForestPoint[]> {
  const { pointStyle, color } = ESTIMATE_STYLE[kind];
  return {
    label,
    data,
    showLine: false,
    borderColor: color,
    backgroundColor: color,
    pointStyle,
    pointBackgroundColor: data.map((p) => (p.significant ? color : HOLLOW)),
    pointBorderColor: color,
    pointBorderWidth: 2,
    pointRadius: kind === 'cost-matched' ? 6 : 5,
    pointHoverRadius: kind === 'cost-matched' ? 8 : 7,
    pointHitRadius: 10,
  };
}

export function buildForestChart(rows: readonly ForestRow[], mode: DifferenceMode, options: ForestChartOptions = {}): ForestChart {
  const [comparisons = [], matched = []] = estimatePoints(rows);
  const range = forestRange([...comparisons, ...matched]);
  const last = Math.max(rows.length - 1, 0);
  const datasets: ChartDataset<'line', ForestPoint[]>[] = [
    estimateDataset(`against ${baselineName(mode)}`, 'comparison', comparisons),
    estimateDataset('against the single agent given the same tokens', 'cost-matched', matched),
    {
      label: 'no difference',
      data: [
        { x: 0, y: -0.5, row: -1, kind: 'comparison', significant: false },
        { x: 0, y: last + 0.5, row: -1, kind: 'comparison', significant: false },
      ],
      borderColor: INK,
      backgroundColor: INK,
      borderWidth: 1.25,
      pointRadius: 0,
      pointHoverRadius: 0,
      pointHitRadius: 0,
      fill: false,
    },
  ];
  const ZERO_LINE = 2;

  const pointOf = (item: TooltipItem<'line'>): ForestPoint | undefined => datasets[item.datasetIndex]?.data[item.dataIndex];
  const wordsOf = (point: ForestPoint): string => {
    const row = rows[point.row];
    if (!row) return '';
    if (point.kind === 'comparison' && row.comparison) return comparisonWords(row.comparison, row.baselineName ?? row.comparison.baselineLabel);
    if (point.kind === 'cost-matched' && row.costMatched) return costMatchedWords(row.costMatched);
    return '';
  };

  const config: ForestChartConfig = {
    type: 'line',
    data: { datasets },
    plugins: [pointAnnotationsPlugin(INK)],
    options: {
      ...baseLineOptions(options.animate),
      // Rows, not a series in x order.
      normalized: false,
      interaction: { mode: 'nearest', intersect: true },
      layout: { padding: { top: 6, right: 16 } },
      scales: {
        x: {
          type: 'linear',
          min: range.min,
          max: range.max,
          title: axisTitle('Difference in accuracy (percentage points)'),
          ...AXIS_RULES,
          ticks: { color: MUTED_INK, stepSize: range.max - range.min > 0.6 ? 0.2 : range.max - range.min > 0.3 ? 0.1 : 0.05, callback: (value) => formatSignedPoints(Number(value), 0) },
        },
        y: {
          type: 'linear',
          min: -0.5,
          max: last + 0.5,
          reverse: true,
          ...AXIS_RULES,
          grid: { display: false },
          ticks: { color: INK, font: { size: 12 }, callback: (value) => rows[Number(value)]?.label ?? '' },
          afterBuildTicks: (axis) => {
            axis.ticks = rows.map((_, index) => ({ value: index }));
          },
        },
      },
      plugins: {
        legend: bottomLegend((item) => item.datasetIndex !== ZERO_LINE),
        tooltip: {
          filter: (item) => item.datasetIndex !== ZERO_LINE,
          callbacks: {
            title: (items) => {
              const first = items[0];
              const point = first ? pointOf(first) : undefined;
              return point ? (rows[point.row]?.label ?? '') : '';
            },
            label: (item) => {
              const point = pointOf(item);
              return point ? wordsOf(point) : '';
            },
          },
        },
      },
    },
  };
  return { config, height: FRAME_HEIGHT + ROW_HEIGHT * Math.max(rows.length, 1), range };
}

/** The figure in words, for screen readers: every row's differences, intervals and verdicts. */
export function forestChartSummary(rows: readonly ForestRow[], mode: DifferenceMode): string {
  const lines = rows.map((row) => {
    const parts = [row.comparison ? comparisonWords(row.comparison, row.baselineName ?? row.comparison.baselineLabel) : null, row.costMatched ? costMatchedWords(row.costMatched) : null].filter((p) => p !== null);
    return `${row.label}: ${parts.join('; ')}`;
  });
  return `Forest plot of differences in accuracy, in percentage points with 95% item-clustered intervals, of each team against ${baselineName(mode)} (circles) and against the single agent given the same tokens (diamonds), around a line at zero; a filled marker holds after Holm's correction. ${lines.join('. ')}.`;
}
