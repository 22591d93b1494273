/**
 * Builds the chart.js configuration for "accuracy against team size" from the
 * lab's chart-ready series. Pure: no DOM, no chart instance; unit-testable.
 *
 * Each series becomes three datasets: the upper and lower CI bounds (no
 * border, no points; the lower one fills up to the upper, drawing a
 * translucent band) and the accuracy line on top. A series with a single
 * point (the single agent) is drawn as a dashed baseline across the sizes
 * measured, with its marker at its own size. Another structure measured at
 * one size only (a debate of 3) is a lone point with its interval as an error
 * bar: drawn across the sizes it would look as if it had been measured there.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { ChartPoint, ChartSeries } from '../../../shared/domain/results';
import { accuracyAxis, baseLineOptions, bottomLegend, measuredLine, sizeSpan, teamSizeAxis, teamSizes, trialCountWords } from './chart-options';
import { INK, seriesColor, withAlpha } from './palette';
import { pointAnnotationsPlugin } from './point-annotations';

export interface XY {
  x: number;
  y: number;
  /** A lone point's interval, drawn as an error bar. */
  low?: number;
  high?: number;
}

export type AccuracyChartConfig = ChartConfiguration<'line', XY[]>;

export interface AccuracyChartOptions {
  /** Show accuracy as a percentage (default) or as a proportion 0–1. */
  percent?: boolean;
  animate?: boolean;
}

type Role = 'upper' | 'lower' | 'line';

/** What each dataset index stands for, so legend and tooltips can tell lines from bands. */
export interface DatasetMeta {
  series: number;
  role: Role;
  /** The measured point behind each data index, or null for a drawn-only point (baseline ends). */
  points: (ChartPoint | null)[];
}

export interface AccuracyChart {
  config: AccuracyChartConfig;
  meta: DatasetMeta[];
  /** True when some series was drawn as a baseline; the view may say so in a caption. */
  hasBaseline: boolean;
}

const BAND_ALPHA = 0.16;

export function formatAccuracy(value: number, percent: boolean): string {
  return percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

interface Drawn {
  data: XY[];
  upper: XY[];
  lower: XY[];
  points: (ChartPoint | null)[];
  baseline: boolean;
}

function drawSeries(series: ChartSeries, minX: number, maxX: number): Drawn {
  const sorted = [...series.points].sort((a, b) => a.size - b.size);
  const only = sorted.length === 1 ? sorted[0] : undefined;
  // Only the single agent (a team of one) is a baseline for every size.
  if (only && only.size === 1 && maxX > minX) {
    const xs = [minX, maxX];
    return {
      data: xs.map((x) => ({ x, y: only.accuracy })),
      upper: xs.map((x) => ({ x, y: only.ciHigh })),
      lower: xs.map((x) => ({ x, y: only.ciLow })),
      points: xs.map((x) => (x === only.size ? only : null)),
      baseline: true,
    };
  }
  if (only) {
    return {
      data: [{ x: only.size, y: only.accuracy, low: only.ciLow, high: only.ciHigh }],
      upper: [{ x: only.size, y: only.ciHigh }],
      lower: [{ x: only.size, y: only.ciLow }],
      points: [only],
      baseline: false,
    };
  }
  return {
    data: sorted.map((p) => ({ x: p.size, y: p.accuracy })),
    upper: sorted.map((p) => ({ x: p.size, y: p.ciHigh })),
    lower: sorted.map((p) => ({ x: p.size, y: p.ciLow })),
    points: sorted,
    baseline: false,
  };
}

export function buildAccuracyChart(series: readonly ChartSeries[], options: AccuracyChartOptions = {}): AccuracyChart {
  const percent = options.percent ?? true;
  const sizes = teamSizes(series);
  const { min: minX, max: maxX } = sizeSpan(sizes);

  const datasets: ChartDataset<'line', XY[]>[] = [];
  const meta: DatasetMeta[] = [];
  let hasBaseline = false;

  series.forEach((s, index) => {
    const color = seriesColor(index);
    const drawn = drawSeries(s, minX, maxX);
    hasBaseline ||= drawn.baseline;
    const band = {
      borderWidth: 0,
      pointRadius: 0,
      pointHitRadius: 0,
      backgroundColor: withAlpha(color, BAND_ALPHA),
      borderColor: 'transparent',
      tension: 0,
    };
    datasets.push({ ...band, label: `${s.label} (CI upper)`, data: drawn.upper, fill: false });
    meta.push({ series: index, role: 'upper', points: drawn.points });
    datasets.push({ ...band, label: `${s.label} (CI lower)`, data: drawn.lower, fill: '-1' });
    meta.push({ series: index, role: 'lower', points: drawn.points });
    datasets.push(measuredLine(s.label, drawn.data, color, drawn.points, drawn.baseline));
    meta.push({ series: index, role: 'line', points: drawn.points });
  });

  const pointAt = (item: TooltipItem<'line'>): ChartPoint | null =>
    meta[item.datasetIndex]?.points[item.dataIndex] ?? null;
  const isLine = (datasetIndex: number | undefined): boolean =>
    datasetIndex !== undefined && meta[datasetIndex]?.role === 'line';

  const config: AccuracyChartConfig = {
    type: 'line',
    data: { datasets },
    plugins: [pointAnnotationsPlugin(INK)],
    options: {
      ...baseLineOptions(options.animate),
      interaction: { mode: 'nearest', intersect: false, axis: 'xy' },
      layout: { padding: { top: 4, right: 8 } },
      scales: { x: teamSizeAxis(sizes), y: accuracyAxis(percent) },
      plugins: {
        legend: {
          // Only the lines are listed; a click shows or hides a series' line and its band together.
          ...bottomLegend((item) => isLine(item.datasetIndex)),
          onClick: (_event, item, legend) => {
            const chart = legend.chart;
            const target = item.datasetIndex === undefined ? undefined : meta[item.datasetIndex]?.series;
            if (target === undefined) return;
            const visible = item.datasetIndex === undefined ? true : chart.isDatasetVisible(item.datasetIndex);
            meta.forEach((m, i) => {
              if (m.series === target) chart.setDatasetVisibility(i, !visible);
            });
            chart.update();
          },
        },
        tooltip: {
          filter: (item) => isLine(item.datasetIndex) && pointAt(item) !== null,
          callbacks: {
            title: (items) => {
              const first = items[0];
              const point = first ? pointAt(first) : null;
              return point ? `Team size ${point.size}` : '';
            },
            label: (item) => {
              const point = pointAt(item);
              const label = item.dataset.label ?? '';
              if (!point) return label;
              const ci = `[${formatAccuracy(point.ciLow, percent)}, ${formatAccuracy(point.ciHigh, percent)}]`;
              return `${label}: ${formatAccuracy(point.accuracy, percent)} ${ci}, ${trialCountWords(point)}`;
            },
          },
        },
      },
    },
  };

  return { config, meta, hasBaseline };
}
