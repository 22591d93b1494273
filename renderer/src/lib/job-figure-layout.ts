/**
 * Lays a coding-job figure out as small multiples. A figure's series are
 * keyed by the axes they stand for (model, mode, p, execution…): one axis
 * gives the lines of a panel, each value its own colour and marker in every
 * panel; the other axes that vary give the panels, so 3 models × 2 modes ×
 * 3 p is six panels of three lines each, rows by the first axis and columns
 * by the second. Every panel shares one y range, so heights compare across
 * panels. A reference curve (Amdahl's S(n) at a p) is drawn in each panel it
 * matches, in the colour of the line it belongs to. Pure: nothing is
 * computed from the runs here, only placed.
 */
import type { JobFigure, JobFigurePoint, JobSeries } from '../../../shared/domain/job-metrics';
import { COORDINATION_MODES, EXECUTIONS } from '../../../shared/domain/jobs';
import { keyValueText, type KeyValue } from './job-figure-text';

/** Axes whose values are best told apart as lines of one panel, in order of preference. */
const LINE_AXES = ['metric', 'p', 'execution', 'mode', 'origin', 'model', 'domain', 'experiment'] as const;
/** Axes that order panels: rows by the first that varies, columns by the next. */
const PANEL_ORDER = ['model', 'origin', 'experiment', 'mode', 'execution', 'domain', 'p', 'metric'] as const;
/** A panel grid wider than this many columns wraps. */
const MOST_COLUMNS = 3;

export interface PanelLine {
  series: JobSeries;
  /** The line's name in the panel (its value on the line axis), e.g. "p = 0.9". */
  label: string;
  /** Index of its value on the line axis: the same colour and marker in every panel. */
  style: number;
}

export interface PanelReference {
  reference: JobSeries;
  /** The style of the line it belongs to, or null when it stands for the whole panel. */
  style: number | null;
}

export interface FigurePanel {
  /** Values of the panel axes, e.g. { model: "…", mode: "preassign" }. */
  key: Record<string, KeyValue>;
  /** "claude-sonnet-4-6 · pre-assigned"; empty for a figure of one panel. */
  title: string;
  lines: PanelLine[];
  references: PanelReference[];
}

export interface LineStyleEntry {
  style: number;
  value: KeyValue;
  label: string;
}

export interface FigureLayout {
  /** The axis each panel's lines stand for; null when the series differ in nothing a line could show. */
  lineAxis: string | null;
  /** The axes that may be chosen for the lines instead (every axis whose value varies). */
  lineAxisChoices: string[];
  panelAxes: string[];
  /** One entry per line style, for a legend shared by all panels. */
  styles: LineStyleEntry[];
  panels: FigurePanel[];
  columns: number;
  /** Distinct x values over the figure, ascending (ticks at these only). */
  xs: number[];
  /** Every mean, interval end and reference value of the figure, for one y range. */
  ys: number[];
}

function valueOf(series: JobSeries, axis: string): KeyValue | undefined {
  return series.key[axis];
}

/** Axes whose values have an order of their own: the paper's modes first, rounds before async. */
const KNOWN_ORDER: Record<string, readonly string[]> = { mode: COORDINATION_MODES, execution: EXECUTIONS };

/** An axis's distinct values: numbers ascending, modes and executions in their own order, anything else as first seen. */
function valuesOf(series: readonly JobSeries[], axis: string): KeyValue[] {
  const seen: KeyValue[] = [];
  for (const s of series) {
    const value = valueOf(s, axis);
    if (value !== undefined && !seen.includes(value)) seen.push(value);
  }
  if (seen.every((v) => typeof v === 'number')) return [...seen].sort((a, b) => Number(a) - Number(b));
  const order = KNOWN_ORDER[axis];
  if (!order) return seen;
  const place = (v: KeyValue): number => (order.includes(String(v)) ? order.indexOf(String(v)) : order.length);
  return [...seen].sort((a, b) => place(a) - place(b));
}

/** Axes of the series' keys on which at least two series differ, in first-seen order. */
export function varyingAxes(series: readonly JobSeries[]): string[] {
  const axes = [...new Set(series.flatMap((s) => Object.keys(s.key)))];
  return axes.filter((axis) => new Set(series.map((s) => String(valueOf(s, axis) ?? ''))).size > 1);
}

function rank(order: readonly string[], axis: string): number {
  const at = order.indexOf(axis);
  return at === -1 ? order.length : at;
}

function sameValue(a: KeyValue | undefined, b: KeyValue | undefined): boolean {
  return a !== undefined && b !== undefined && String(a) === String(b);
}

function pointsOf(series: JobSeries): JobFigurePoint[] {
  return [...series.points].sort((a, b) => a.x - b.x);
}

/**
 * The figure as panels; `lineAxis` chooses the lines (any axis that varies),
 * by default the first of p, execution, mode… that varies.
 */
export function layoutJobFigure(figure: Pick<JobFigure, 'series' | 'references'>, lineAxis?: string | null): FigureLayout {
  const series = figure.series.map((s) => ({ ...s, points: pointsOf(s) }));
  const choices = varyingAxes(series).sort((a, b) => rank(LINE_AXES, a) - rank(LINE_AXES, b));
  const chosen = lineAxis !== undefined && lineAxis !== null && choices.includes(lineAxis) ? lineAxis : (choices[0] ?? null);
  const panelAxes = choices.filter((axis) => axis !== chosen).sort((a, b) => rank(PANEL_ORDER, a) - rank(PANEL_ORDER, b));

  const lineValues = chosen === null ? [] : valuesOf(series, chosen);
  const styles: LineStyleEntry[] = lineValues.map((value, style) => ({ style, value, label: keyValueText(chosen ?? '', value) }));
  const styleOf = (value: KeyValue | undefined): number => {
    const at = lineValues.findIndex((v) => sameValue(v, value));
    return at === -1 ? 0 : at;
  };

  // Panels in order of their axes' values (rows, then columns).
  const axisValues = new Map(panelAxes.map((axis) => [axis, valuesOf(series, axis)] as const));
  const panelKey = (s: JobSeries): Record<string, KeyValue> => Object.fromEntries(panelAxes.flatMap((axis) => (valueOf(s, axis) === undefined ? [] : [[axis, valueOf(s, axis)!]])));
  const keyText = (key: Record<string, KeyValue>): string => panelAxes.map((axis) => (key[axis] === undefined ? '' : String(key[axis]))).join('\u0000');
  const panelsByKey = new Map<string, FigurePanel>();
  for (const s of series) {
    const key = panelKey(s);
    const id = keyText(key);
    let panel = panelsByKey.get(id);
    if (!panel) {
      panel = { key, title: panelAxes.filter((axis) => key[axis] !== undefined).map((axis) => keyValueText(axis, key[axis]!)).join(' · '), lines: [], references: [] };
      panelsByKey.set(id, panel);
    }
    const value = chosen === null ? undefined : valueOf(s, chosen);
    panel.lines.push({ series: s, label: chosen !== null && value !== undefined ? keyValueText(chosen, value) : s.label, style: chosen === null ? panel.lines.length : styleOf(value) });
  }
  const order = (panel: FigurePanel): number[] => panelAxes.map((axis) => (axisValues.get(axis) ?? []).findIndex((v) => sameValue(v, panel.key[axis])));
  const panels = [...panelsByKey.values()].sort((a, b) => {
    const [oa, ob] = [order(a), order(b)];
    for (let i = 0; i < oa.length; i++) if (oa[i] !== ob[i]) return (oa[i] ?? 0) - (ob[i] ?? 0);
    return 0;
  });
  for (const panel of panels) panel.lines.sort((a, b) => a.style - b.style);

  // A reference belongs to a panel when each axis it names is the panel's value there, or is the line axis with a line of that value in the panel.
  for (const reference of figure.references) {
    const axes = Object.keys(reference.key);
    for (const panel of panels) {
      let style: number | null = null;
      const fits = axes.every((axis) => {
        const value = reference.key[axis];
        if (axis === chosen) {
          const line = panel.lines.find((l) => sameValue(valueOf(l.series, axis), value));
          if (line) style = line.style;
          return line !== undefined;
        }
        if (panelAxes.includes(axis)) return sameValue(panel.key[axis], value);
        // An axis no series varies on: it matches when the series share that value.
        return panel.lines.every((l) => valueOf(l.series, axis) === undefined || sameValue(valueOf(l.series, axis), value));
      });
      if (fits) panel.references.push({ reference: { ...reference, points: pointsOf(reference) }, style });
    }
  }
  // In line order, so a saved figure's legend lists "Amdahl p = 0.2" where "p = 0.2" is.
  for (const panel of panels) panel.references.sort((a, b) => (a.style ?? Number.MAX_SAFE_INTEGER) - (b.style ?? Number.MAX_SAFE_INTEGER));

  const columnAxis = panelAxes[1];
  const columnCount = columnAxis ? (axisValues.get(columnAxis)?.length ?? 1) : panels.length;
  const columns = Math.max(1, Math.min(MOST_COLUMNS, columnCount, panels.length));

  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const ys = [
    ...series.flatMap((s) => s.points.flatMap((p) => [p.y, p.low, p.high])),
    ...panels.flatMap((panel) => panel.references.flatMap((r) => r.reference.points.filter((p) => xs.length === 0 || (p.x >= xs[0]! && p.x <= xs[xs.length - 1]!)).map((p) => p.y))),
  ].filter((y): y is number => y !== null && Number.isFinite(y));

  return { lineAxis: chosen, lineAxisChoices: choices, panelAxes, styles, panels, columns, xs, ys };
}
