/**
 * Builds the chart.js configuration for critical-path latency against team
 * size: one line per structure label, the mean critical-path time of its
 * trials at each size. The single agent (a team of one) is drawn as a dashed
 * baseline across the sizes, as on the accuracy chart; another structure
 * measured at one size only is a lone point. The axis reads in milliseconds
 * or, for longer runs, seconds. Pure.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { XYSeries } from '../../../shared/domain/results';
import { AXIS_RULES, axisTitle, baseLineOptions, bottomLegend, measuredLine, sizeSpan, teamSizeAxis, teamSizes } from './chart-options';
import { MUTED_INK, seriesColor } from './palette';

export interface LatencyPoint {
  x: number;
  y: number;
}

export type LatencyChartConfig = ChartConfiguration<'line', LatencyPoint[]>;

export interface LatencyChart {
  config: LatencyChartConfig;
  unit: 'ms' | 's';
  hasBaseline: boolean;
}

export interface LatencyChartOptions {
  animate?: boolean;
}

/** From this many milliseconds up, the axis reads in seconds. */
export const SECONDS_FROM_MS = 2000;

export function latencyUnit(series: readonly XYSeries[]): 'ms' | 's' {
  const top = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite));
  return top >= SECONDS_FROM_MS ? 's' : 'ms';
}

export function formatLatency(ms: number, unit: 'ms' | 's'): string {
  if (unit === 'ms') return `${Math.round(ms).toLocaleString('en-US')} ms`;
  const s = ms / 1000;
  return `${s >= 100 ? Math.round(s) : s >= 10 ? s.toFixed(1) : s.toFixed(2)} s`;
}

/** An axis tick: "500 ms", "1.5 s", "7 s" (no trailing zeros). */
export function formatLatencyTick(ms: number, unit: 'ms' | 's'): string {
  if (unit === 'ms') return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

export function buildLatencyChart(series: readonly XYSeries[], options: LatencyChartOptions = {}): LatencyChart {
  const sizes = teamSizes(series);
  const { min: minX, max: maxX } = sizeSpan(sizes);
  const unit = latencyUnit(series);
  let hasBaseline = false;
  /** The measured size behind each drawn point, or null for the far end of a baseline. */
  const measured: Array<Array<{ size: number; trials: number } | null>> = [];

  const datasets: ChartDataset<'line', LatencyPoint[]>[] = series.map((s, index) => {
    const color = seriesColor(index);
    const points = [...s.points].sort((a, b) => a.x - b.x);
    const only = points.length === 1 ? points[0] : undefined;
    const baseline = only !== undefined && only.size === 1 && maxX > minX;
    hasBaseline ||= baseline;
    const data = baseline && only ? [minX, maxX].map((x) => ({ x, y: only.y })) : points.map((p) => ({ x: p.x, y: p.y }));
    const behind = baseline && only ? [minX, maxX].map((x) => (x === only.size ? { size: only.size, trials: only.trials } : null)) : points.map((p) => ({ size: p.size, trials: p.trials }));
    measured.push(behind);
    return measuredLine(s.label, data, color, behind, baseline);
  });

  const behindOf = (item: TooltipItem<'line'>) => measured[item.datasetIndex]?.[item.dataIndex] ?? null;

  const config: LatencyChartConfig = {
    type: 'line',
    data: { datasets },
    options: {
      ...baseLineOptions(options.animate),
      interaction: { mode: 'nearest', intersect: false, axis: 'xy' },
      layout: { padding: { top: 4, right: 8 } },
      scales: {
        x: teamSizeAxis(sizes),
        y: {
          type: 'linear',
          min: 0,
          grace: '8%',
          title: axisTitle(`Mean critical-path latency (${unit})`),
          ...AXIS_RULES,
          ticks: { color: MUTED_INK, maxTicksLimit: 8, callback: (value) => formatLatencyTick(Number(value), unit) },
        },
      },
      plugins: {
        legend: bottomLegend(),
        tooltip: {
          filter: (item) => behindOf(item) !== null,
          callbacks: {
            title: (items) => {
              const first = items[0];
              const point = first ? behindOf(first) : null;
              return point ? `Team size ${point.size}` : '';
            },
            label: (item) => {
              const point = behindOf(item);
              const y = (item.raw as LatencyPoint | undefined)?.y;
              if (!point || y === undefined) return item.dataset.label ?? '';
              return `${item.dataset.label ?? ''}: ${formatLatency(y, unit)} critical path, n = ${point.trials} trials`;
            },
          },
        },
      },
    },
  };
  return { config, unit, hasBaseline };
}
