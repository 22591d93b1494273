/**
 * The chart.js configuration of one panel of a coding-job figure: each line
 * of the panel as measured points with their 95% intervals as error bars,
 * joined in x order, in its style's colour and marker; each reference curve
 * (Amdahl's S(n)) dashed in the colour of the line it belongs to. Lines
 * are set a little apart in x (the words keep the true x), so equal values
 * and their intervals stay visible. Every
 * panel of a figure gets the same y range and x ticks, so panels compare.
 * The screen shows one legend for all panels (the component draws it);
 * a saved panel carries its own. Pure: no DOM, no chart instance.
 */
import type { ChartConfiguration, ChartDataset, PointStyle, TooltipItem } from 'chart.js';
import type { JobFigure } from '../../../shared/domain/job-metrics';
import type { FigureLayout, FigurePanel } from '../lib/job-figure-layout';
import { pointWords, xValueText, type ValueFormat } from '../lib/job-figure-text';
import { AXIS_RULES, axisTitle, baseLineOptions, bottomLegend, pointSeries, teamSizeAxis } from './chart-options';
import { niceTicks } from './fit-chart';
import { INK, MUTED_INK, seriesColor } from './palette';
import { pointAnnotationsPlugin, type AnnotatedPoint } from './point-annotations';

/** A second cue beside colour, the same for a line's value in every panel. */
export const LINE_MARKERS: readonly PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded'];

export function lineMarker(style: number): PointStyle {
  return LINE_MARKERS[style % LINE_MARKERS.length] ?? 'circle';
}

export interface JobPoint extends AnnotatedPoint {
  /** The point in words, for its tooltip; absent on reference curves' drawn-only points. */
  words?: string;
}

export type JobPanelConfig = ChartConfiguration<'line', JobPoint[]>;

export interface JobPanelChart {
  config: JobPanelConfig;
  /** The same chart with its legend, for a saved file. */
  printConfig: JobPanelConfig;
  roles: Array<'line' | 'reference'>;
}

/** How far apart, in x, the lines of one panel are set at each x, so equal values and their intervals do not hide each other. */
export const DODGE_STEP = 0.07;

/** A line's x offset: lines spread symmetrically around the true x, in style order. */
export function dodge(style: number, styles: number): number {
  return styles > 1 ? (style - (styles - 1) / 2) * DODGE_STEP : 0;
}

export interface YRange {
  min: number;
  max: number;
  ticks: number[];
}

/** One y range for every panel: from zero (or below, should a value be) to the highest value, on round ticks, inside the format's bounds. */
export function sharedYRange(layout: Pick<FigureLayout, 'ys'>, format: Pick<ValueFormat, 'bounds'>): YRange {
  const low = Math.min(0, ...layout.ys);
  const high = Math.max(...layout.ys, format.bounds ? format.bounds.max : 1);
  const probe = niceTicks(low, high, 6);
  const step = probe.length > 1 ? probe[1]! - probe[0]! : high - low || 1;
  let min = Math.floor(low / step + 1e-9) * step;
  let max = Math.ceil(high / step - 1e-9) * step;
  if (format.bounds) {
    min = Math.max(format.bounds.min, min);
    max = Math.min(format.bounds.max, max);
  }
  return { min, max, ticks: niceTicks(min, max, 6) };
}

export function buildJobPanelChart(
  figure: Pick<JobFigure, 'xLabel' | 'yLabel'>,
  panel: FigurePanel,
  layout: Pick<FigureLayout, 'xs' | 'styles'>,
  range: YRange,
  format: ValueFormat,
  options: { animate?: boolean } = {},
): JobPanelChart {
  const datasets: ChartDataset<'line', JobPoint[]>[] = [];
  const roles: JobPanelChart['roles'] = [];

  for (const line of panel.lines) {
    const color = seriesColor(line.style);
    const offset = dodge(line.style, Math.max(layout.styles.length, panel.lines.length));
    const data: JobPoint[] = line.series.points.map((p) => ({
      x: p.x + offset,
      y: p.y,
      ...(p.low !== null && p.high !== null ? { low: p.low, high: p.high } : {}),
      words: `${line.label} at ${xValueText(figure.xLabel, p.x)}: ${pointWords(format, p)}`,
    }));
    datasets.push({ ...pointSeries(line.label, data, color), pointStyle: lineMarker(line.style) });
    roles.push('line');
  }
  for (const { reference, style } of panel.references) {
    const color = style === null ? MUTED_INK : seriesColor(style);
    datasets.push({
      label: reference.label,
      data: reference.points.map((p) => ({ x: p.x, y: p.y })),
      borderColor: color,
      backgroundColor: color,
      borderWidth: 1.5,
      borderDash: [6, 4],
      pointStyle: 'line',
      pointRadius: 0,
      pointHoverRadius: 0,
      pointHitRadius: 0,
      fill: false,
      tension: 0,
    });
    roles.push('reference');
  }

  const pointOf = (item: TooltipItem<'line'>): JobPoint | undefined => datasets[item.datasetIndex]?.data[item.dataIndex];
  const base = (legend: boolean): JobPanelConfig => ({
    type: 'line',
    data: { datasets },
    plugins: [pointAnnotationsPlugin(INK)],
    options: {
      ...baseLineOptions(options.animate),
      interaction: { mode: 'nearest', intersect: true },
      layout: { padding: { top: 6, right: 10 } },
      scales: {
        x: { ...teamSizeAxis(layout.xs), title: axisTitle(figure.xLabel) },
        y: {
          type: 'linear',
          min: range.min,
          max: range.max,
          title: axisTitle(figure.yLabel),
          ...AXIS_RULES,
          ticks: { color: MUTED_INK, callback: (value) => format.tick(Number(value)) },
          afterBuildTicks: (axis) => {
            axis.ticks = range.ticks.map((value) => ({ value }));
          },
        },
      },
      plugins: {
        legend: legend ? bottomLegend() : { display: false },
        tooltip: {
          filter: (item) => pointOf(item)?.words !== undefined,
          callbacks: { title: () => '', label: (item) => pointOf(item)?.words ?? '' },
        },
      },
    },
  });
  return { config: base(false), printConfig: base(true), roles };
}

/** The panel in words, for screen readers: every line's points and the reference curves drawn with them. */
export function jobPanelSummary(figure: Pick<JobFigure, 'title' | 'xLabel' | 'yLabel'>, panel: FigurePanel, format: ValueFormat): string {
  const head = `${figure.title}${panel.title ? `, ${panel.title}` : ''}: ${figure.yLabel.toLowerCase()} against ${figure.xLabel.toLowerCase()}.`;
  const lines = panel.lines.map((line) => `${line.label}: ${line.series.points.map((p) => `${xValueText(figure.xLabel, p.x)} ${pointWords(format, p)}`).join('; ')}`);
  const references = panel.references.map((r) => r.reference.label);
  return `${head} ${lines.join('. ')}.${references.length > 0 ? ` Dashed: ${references.join(', ')}.` : ''}`;
}
