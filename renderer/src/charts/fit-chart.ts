/**
 * Builds the chart.js configuration of a fitted curve drawn over measured
 * points: for each series, the curve with its 95% band (a translucent area
 * between the band's bounds) and the measured points with their own 95%
 * intervals as error bars; plus any reference drawn for reading the curve (a
 * textbook curve, a ceiling, a peak). The theory charts (Condorcet, Amdahl,
 * the USL) and the recommendation's predictions are all this picture. A
 * series predicted at one size only is a marker with an error bar, not a
 * band. Pure: no DOM, no chart instance.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { CurvePoint, MeasuredPoint } from '../../../shared/domain/analysis';
import { AXIS_RULES, axisTitle, baseLineOptions, bottomLegend } from './chart-options';
import { INK, MUTED_INK, seriesColor, withAlpha } from './palette';
import { pointAnnotationsPlugin, type AnnotatedPoint } from './point-annotations';

export interface FitSeries {
  /** The fitted curve's name in the legend, e.g. "predicted majority vote". */
  label: string;
  curve: readonly CurvePoint[];
  measured: readonly MeasuredPoint[];
  /** The measured points' name in the legend; "measured" (after the series' label when several share the chart) when not given. */
  measuredLabel?: string;
  /** Mark the curve's own points (sizes that are candidates, not a continuum). */
  markPoints?: boolean;
}

/** A line drawn for reading the fit against, without a band: e.g. what independent errors would give. */
export interface ReferenceCurve {
  label: string;
  points: readonly { n: number; value: number }[];
}

/** A horizontal (a value of y) or vertical (a team size) rule, with an optional 95% interval shaded around it. */
export interface ReferenceRule {
  label: string;
  /** Written beside the rule on the plot. */
  short: string;
  orientation: 'horizontal' | 'vertical';
  value: number;
  low?: number;
  high?: number;
}

export interface FitChartSpec {
  series: readonly FitSeries[];
  references?: readonly ReferenceCurve[];
  rules?: readonly ReferenceRule[];
  y: {
    title: string;
    /** A value as tooltips and the summary write it. */
    format: (value: number) => string;
    /** A value as the axis ticks write it (shorter); `format` when not given. */
    tick?: (value: number) => string;
    /** The range the axis may never leave (accuracy: 0 to 1). */
    bounds?: { min: number; max: number };
    /** A step the axis ends are rounded to. */
    step: number;
  };
}

export type FitRole = 'band-upper' | 'band-lower' | 'curve' | 'measured' | 'reference' | 'rule';

export interface FitPoint extends AnnotatedPoint {
  /** What the point stands for, in a tooltip; absent on drawn-only points. */
  words?: string;
}

export type FitChartConfig = ChartConfiguration<'line', FitPoint[]>;

export interface FitChart {
  config: FitChartConfig;
  roles: FitRole[];
  range: { x: { min: number; max: number }; y: { min: number; max: number } };
}

const BAND_ALPHA = 0.16;
/** A lone prediction and the measurement at the same size are set this far apart, so their bars don't cover each other. */
export const DODGE = 0.14;

/** Ticks at whole multiples of a 1, 2 or 5 × 10^k step, at most about `most` of them, inside [min, max]. */
export function niceTicks(min: number, max: number, most: number, whole = false): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / most;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = ([1, 2, 5, 10].find((f) => f * power >= raw) ?? 10) * power;
  if (whole) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step - 1e-9) * step; value <= max + 1e-9; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

/** Team sizes to mark: one agent, then whole multiples of a round step (1, 2, 5, 10…). */
export function sizeTicks(min: number, max: number): number[] {
  const ticks = niceTicks(Math.max(1, Math.ceil(min)), max, 10, true);
  return min <= 1 && ticks[0] !== 1 ? [1, ...ticks.filter((t) => t > 1)] : ticks;
}

function roundDown(value: number, step: number): number {
  return Math.floor(value / step + 1e-9) * step;
}
function roundUp(value: number, step: number): number {
  return Math.ceil(value / step - 1e-9) * step;
}

/** Every curve, band, measured interval and rule in view, with a margin, on whole steps and inside the bounds. */
export function fitRange(spec: FitChartSpec): FitChart['range'] {
  const ns = spec.series.flatMap((s) => [...s.curve.map((p) => p.n), ...s.measured.map((p) => p.n)]);
  const ys = [
    ...spec.series.flatMap((s) => [...s.curve.flatMap((p) => [p.low, p.high, p.value]), ...s.measured.flatMap((p) => [p.low, p.high, p.value])]),
    ...(spec.references ?? []).flatMap((r) => r.points.map((p) => p.value)),
    ...(spec.rules ?? []).filter((r) => r.orientation === 'horizontal').flatMap((r) => [r.value, r.low ?? r.value, r.high ?? r.value]),
  ].filter(Number.isFinite);
  const xs = [...ns, ...(spec.rules ?? []).filter((r) => r.orientation === 'vertical').map((r) => r.value)].filter(Number.isFinite);
  const xMin = Math.min(...xs, 1);
  const xMax = Math.max(...xs, xMin + 1);
  const xPad = Math.max(0.5, (xMax - xMin) * 0.03);
  const low = ys.length > 0 ? Math.min(...ys) : 0;
  const high = ys.length > 0 ? Math.max(...ys) : 1;
  const yPad = Math.max((high - low) * 0.08, spec.y.step / 2);
  const step = spec.y.step;
  let yMin = roundDown(low - yPad, step);
  let yMax = roundUp(high + yPad, step);
  if (spec.y.bounds) {
    yMin = Math.max(spec.y.bounds.min, yMin);
    yMax = Math.min(spec.y.bounds.max, yMax);
  }
  return { x: { min: xMin - xPad, max: xMax + xPad }, y: { min: yMin, max: Math.max(yMax, yMin + step) } };
}

export function buildFitChart(spec: FitChartSpec, options: { animate?: boolean } = {}): FitChart {
  const range = fitRange(spec);
  const format = spec.y.format;
  const datasets: ChartDataset<'line', FitPoint[]>[] = [];
  const roles: FitRole[] = [];
  const push = (role: FitRole, dataset: ChartDataset<'line', FitPoint[]>): void => {
    datasets.push(dataset);
    roles.push(role);
  };
  const interval = (low: number, high: number): string => `${format(low)} to ${format(high)}`;

  spec.series.forEach((series, index) => {
    const color = seriesColor(index);
    const curve = [...series.curve].sort((a, b) => a.n - b.n);
    const lone = curve.length === 1;
    const band = { borderWidth: 0, pointRadius: 0, pointHitRadius: 0, backgroundColor: withAlpha(color, BAND_ALPHA), borderColor: 'transparent', tension: 0 };
    if (!lone) {
      push('band-upper', { ...band, label: `${series.label} (band upper)`, data: curve.map((p) => ({ x: p.n, y: p.high })), fill: false });
      push('band-lower', { ...band, label: `${series.label} (band lower)`, data: curve.map((p) => ({ x: p.n, y: p.low })), fill: '-1' });
    }
    const offset = lone && series.measured.length > 0 ? -DODGE : 0;
    push('curve', {
      label: series.label,
      data: curve.map((p) => ({
        x: p.n + offset,
        y: p.value,
        ...(lone ? { low: p.low, high: p.high } : {}),
        words: `${series.label} at n=${p.n}: ${format(p.value)} (95% band ${interval(p.low, p.high)})`,
      })),
      borderColor: color,
      backgroundColor: lone ? '#fffefb' : color,
      borderWidth: 2,
      showLine: !lone,
      fill: false,
      tension: 0,
      // The legend shows a curve as a line; a lone prediction, or a curve of candidate sizes, by its markers.
      pointStyle: lone || series.markPoints ? 'circle' : 'line',
      pointRadius: lone ? 5 : series.markPoints ? 2.5 : 0,
      pointBorderWidth: 2,
      pointHoverRadius: lone ? 7 : 4,
      pointHitRadius: 6,
    });
    if (series.measured.length > 0) {
      const measuredLabel = series.measuredLabel ?? (spec.series.length > 1 ? `${series.label}: measured` : 'measured');
      push('measured', {
        label: measuredLabel,
        data: [...series.measured]
          .sort((a, b) => a.n - b.n)
          .map((p) => ({ x: p.n + (lone ? DODGE : 0), y: p.value, low: p.low, high: p.high, words: `${measuredLabel} at n=${p.n}: ${format(p.value)} (95% interval ${interval(p.low, p.high)})` })),
        borderColor: color,
        backgroundColor: color,
        showLine: false,
        pointStyle: 'rectRot',
        pointRadius: 5,
        pointHoverRadius: 7,
        pointHitRadius: 10,
      });
    }
  });

  for (const reference of spec.references ?? []) {
    push('reference', {
      label: reference.label,
      data: reference.points.map((p) => ({ x: p.n, y: p.value, words: `${reference.label} at n=${p.n}: ${format(p.value)}` })),
      borderColor: MUTED_INK,
      backgroundColor: MUTED_INK,
      borderWidth: 1.5,
      borderDash: [5, 4],
      pointStyle: 'line',
      pointRadius: 0,
      pointHoverRadius: 3,
      pointHitRadius: 4,
      fill: false,
      tension: 0,
    });
  }

  for (const rule of spec.rules ?? []) {
    const ends: FitPoint[] =
      rule.orientation === 'horizontal'
        ? [
            { x: range.x.min, y: rule.value, label: rule.short },
            { x: range.x.max, y: rule.value },
          ]
        : [
            { x: rule.value, y: range.y.min },
            { x: rule.value, y: range.y.max, label: rule.short },
          ];
    const shaded = rule.orientation === 'horizontal' && rule.low !== undefined && rule.high !== undefined;
    if (shaded) {
      // The rule's own interval, shaded faintly between two borderless lines.
      const area = { borderWidth: 0, pointRadius: 0, pointHitRadius: 0, backgroundColor: withAlpha('#36404d', 0.08), borderColor: 'transparent', tension: 0 };
      push('band-upper', { ...area, label: `${rule.label} (band upper)`, data: [{ x: range.x.min, y: rule.high! }, { x: range.x.max, y: rule.high! }], fill: false });
      push('band-lower', { ...area, label: `${rule.label} (band lower)`, data: [{ x: range.x.min, y: rule.low! }, { x: range.x.max, y: rule.low! }], fill: '-1' });
    }
    push('rule', {
      label: rule.label,
      data: ends,
      borderColor: INK,
      backgroundColor: INK,
      borderWidth: 1.25,
      borderDash: [2, 3],
      pointStyle: 'line',
      pointRadius: 0,
      pointHoverRadius: 0,
      pointHitRadius: 0,
      fill: false,
    });
  }

  const listed = (index: number | undefined): boolean => index !== undefined && (roles[index] === 'curve' || roles[index] === 'measured' || roles[index] === 'reference' || roles[index] === 'rule');
  const pointOf = (item: TooltipItem<'line'>): FitPoint | undefined => datasets[item.datasetIndex]?.data[item.dataIndex];

  const config: FitChartConfig = {
    type: 'line',
    data: { datasets },
    plugins: [pointAnnotationsPlugin(INK)],
    options: {
      ...baseLineOptions(options.animate),
      // Dodged points and rules break the x order chart.js would assume.
      normalized: false,
      interaction: { mode: 'nearest', intersect: true },
      // Room above the plot for a rule's label at the top.
      layout: { padding: { top: 24, right: 16 } },
      scales: {
        x: {
          type: 'linear',
          min: range.x.min,
          max: range.x.max,
          title: axisTitle('Team size (agents)'),
          ...AXIS_RULES,
          ticks: { color: MUTED_INK, precision: 0 },
          afterBuildTicks: (axis) => {
            axis.ticks = sizeTicks(range.x.min, range.x.max).map((value) => ({ value }));
          },
        },
        y: {
          type: 'linear',
          min: range.y.min,
          max: range.y.max,
          title: axisTitle(spec.y.title),
          ...AXIS_RULES,
          ticks: { color: MUTED_INK, callback: (value) => (spec.y.tick ?? format)(Number(value)) },
          afterBuildTicks: (axis) => {
            axis.ticks = niceTicks(range.y.min, range.y.max, 6).map((value) => ({ value }));
          },
        },
      },
      plugins: {
        legend: bottomLegend((item) => listed(item.datasetIndex)),
        tooltip: {
          filter: (item) => pointOf(item)?.words !== undefined,
          callbacks: {
            title: () => '',
            label: (item) => pointOf(item)?.words ?? '',
          },
        },
      },
    },
  };
  return { config, roles, range };
}

/** The chart in words, for screen readers: each curve's ends, every measured point, and the rules. */
export function fitChartSummary(spec: FitChartSpec): string {
  const format = spec.y.format;
  const parts = spec.series.map((series) => {
    const curve = [...series.curve].sort((a, b) => a.n - b.n);
    const first = curve[0];
    const last = curve[curve.length - 1];
    const drawn =
      first && last
        ? curve.length === 1
          ? `${series.label}: ${format(first.value)} at n=${first.n} (${format(first.low)} to ${format(first.high)})`
          : `${series.label}: from ${format(first.value)} at n=${first.n} to ${format(last.value)} at n=${last.n} (95% band ${format(last.low)} to ${format(last.high)} there)`
        : series.label;
    const measured = series.measured.length > 0 ? `; ${series.measuredLabel ?? 'measured'}: ${[...series.measured].sort((a, b) => a.n - b.n).map((p) => `n=${p.n} ${format(p.value)} (${format(p.low)} to ${format(p.high)})`).join(', ')}` : '';
    return drawn + measured;
  });
  const rules = (spec.rules ?? []).map((r) => r.label);
  const references = (spec.references ?? []).map((r) => `${r.label} (dashed)`);
  return `Chart of ${spec.y.title.toLowerCase()} against team size. ${parts.join('. ')}.${references.length > 0 ? ` Also drawn: ${references.join(', ')}.` : ''}${rules.length > 0 ? ` Rules: ${rules.join('; ')}.` : ''}`;
}
