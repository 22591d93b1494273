/**
 * Error bars (vertical, or horizontal for a forest plot's rows) and point
 * labels for chart.js line charts, as a small plugin.
 * The geometry is a pure function of the points and the scales' value→pixel
 * mappings (unit-tested); the plugin only strokes what it returns. The plugin
 * reads the points from the chart's own datasets at draw time, so it stays
 * right when ChartCanvas swaps the data in place.
 */
import type { Chart, Plugin } from 'chart.js';

/** A drawn point that may carry an interval and a label. */
export interface AnnotatedPoint {
  x: number;
  y: number;
  low?: number;
  high?: number;
  /** An interval along x, drawn as a horizontal bar (a forest plot's rows). */
  xLow?: number;
  xHigh?: number;
  /** Text drawn beside the point (e.g. the team size). */
  label?: string;
}

export interface ErrorBarSegment {
  x: number;
  yLow: number;
  yHigh: number;
  /** Half the width of the caps at both ends. */
  cap: number;
}

/** A horizontal error bar: an interval along x at one row. */
export interface ErrorSpanSegment {
  y: number;
  xLow: number;
  xHigh: number;
  /** Half the height of the caps at both ends. */
  cap: number;
}

export interface PointLabel {
  x: number;
  y: number;
  text: string;
}

export interface Annotations {
  bars: ErrorBarSegment[];
  spans: ErrorSpanSegment[];
  labels: PointLabel[];
}

const CAP = 4;
const LABEL_OFFSET_X = 7;
const LABEL_OFFSET_Y = -7;

export function isAnnotatedPoint(value: unknown): value is AnnotatedPoint {
  if (typeof value !== 'object' || value === null) return false;
  const point = value as Record<string, unknown>;
  return typeof point.x === 'number' && typeof point.y === 'number';
}

/** Pixel geometry of the error bars and labels of one series' points. */
export function annotate(points: readonly AnnotatedPoint[], xPixel: (value: number) => number, yPixel: (value: number) => number): Annotations {
  const bars: ErrorBarSegment[] = [];
  const spans: ErrorSpanSegment[] = [];
  const labels: PointLabel[] = [];
  for (const point of points) {
    const x = xPixel(point.x);
    if (!Number.isFinite(x)) continue;
    if (typeof point.low === 'number' && typeof point.high === 'number') {
      bars.push({ x, yLow: yPixel(point.low), yHigh: yPixel(point.high), cap: CAP });
    }
    if (typeof point.xLow === 'number' && typeof point.xHigh === 'number') {
      spans.push({ y: yPixel(point.y), xLow: xPixel(point.xLow), xHigh: xPixel(point.xHigh), cap: CAP });
    }
    if (point.label) labels.push({ x: x + LABEL_OFFSET_X, y: yPixel(point.y) + LABEL_OFFSET_Y, text: point.label });
  }
  return { bars, spans, labels };
}

function colorOf(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Draws every visible dataset's error bars (in its colour) and point labels. */
export function pointAnnotationsPlugin(labelColor: string): Plugin<'line'> {
  return {
    id: 'quorumPointAnnotations',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, scales } = chart;
      const xScale = scales.x;
      const yScale = scales.y;
      if (!xScale || !yScale) return;
      ctx.save();
      chart.data.datasets.forEach((dataset, index) => {
        if (!chart.isDatasetVisible(index)) return;
        const points = (dataset.data as unknown[]).filter(isAnnotatedPoint);
        const { bars, spans, labels } = annotate(
          points,
          (v) => xScale.getPixelForValue(v),
          (v) => yScale.getPixelForValue(v),
        );
        const color = colorOf(dataset.borderColor, labelColor);
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        for (const bar of bars) {
          ctx.beginPath();
          ctx.moveTo(bar.x, bar.yLow);
          ctx.lineTo(bar.x, bar.yHigh);
          ctx.moveTo(bar.x - bar.cap, bar.yLow);
          ctx.lineTo(bar.x + bar.cap, bar.yLow);
          ctx.moveTo(bar.x - bar.cap, bar.yHigh);
          ctx.lineTo(bar.x + bar.cap, bar.yHigh);
          ctx.stroke();
        }
        for (const span of spans) {
          ctx.beginPath();
          ctx.moveTo(span.xLow, span.y);
          ctx.lineTo(span.xHigh, span.y);
          ctx.moveTo(span.xLow, span.y - span.cap);
          ctx.lineTo(span.xLow, span.y + span.cap);
          ctx.moveTo(span.xHigh, span.y - span.cap);
          ctx.lineTo(span.xHigh, span.y + span.cap);
          ctx.stroke();
        }
        ctx.fillStyle = labelColor;
        ctx.font = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
        ctx.textBaseline = 'bottom';
        for (const label of labels) ctx.fillText(label.text, label.x, label.y);
      });
      ctx.restore();
    },
  };
}
