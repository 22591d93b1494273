/**
 * Words and numbers for the coding-job figures: how an axis value (a mode, a
 * p, a model) reads in a panel title or a legend, and how each figure's y
 * reads (a speedup as "1.80×", a rate as a percentage). Pure; the numbers
 * are the lab's, only their spelling is chosen here.
 */
import type { JobFigure } from '../../../shared/domain/job-metrics';
import { formatPercent } from '../format';

export type KeyValue = string | number;

const MODE_WORDS: Record<string, string> = {
  preassign: 'pre-assigned',
  'lead-assign': 'lead-assigned',
  'self-claim': 'self-claim (decentralized)',
  balanced: 'balanced pre-assignment',
  'work-stealing': 'work stealing',
};

const EXECUTION_WORDS: Record<string, string> = {
  rounds: 'rounds with a barrier',
  async: 'asynchronous',
};

const ORIGIN_WORDS: Record<string, string> = {
  paper: "the paper's runs",
  quorum: 'Quorum runs',
};

/** An axis value as a title or a legend says it: "p = 0.9", "pre-assigned", "n = 3", a model's own name. */
export function keyValueText(axis: string, value: KeyValue): string {
  const text = String(value);
  switch (axis) {
    case 'p':
      return `p = ${typeof value === 'number' ? Number(value.toFixed(3)) : text}`;
    case 'n':
      return `n = ${text}`;
    case 'mode':
      return MODE_WORDS[text] ?? text;
    case 'execution':
      return EXECUTION_WORDS[text] ?? text;
    case 'origin':
      return ORIGIN_WORDS[text] ?? text;
    default:
      return text;
  }
}

/** What an axis is called in a "lines for each" choice. */
export function axisName(axis: string): string {
  switch (axis) {
    case 'p':
      return 'parallel fraction p';
    case 'n':
      return 'team size n';
    case 'mode':
      return 'coordination mode';
    case 'execution':
      return 'execution (rounds or async)';
    case 'metric':
      return 'measure';
    default:
      return axis;
  }
}

export interface ValueFormat {
  /** A value in a tooltip, a summary or the numbers table. */
  value: (y: number) => string;
  /** A value on the axis (shorter). */
  tick: (y: number) => string;
  /** Values never leave this range (rates: 0 to 1). */
  bounds: { min: number; max: number } | null;
}

const times = (y: number): string => `${Number(y.toPrecision(3))}×`;
const plain = (y: number): string => (Math.abs(y) >= 100 ? Math.round(y).toLocaleString('en-US') : String(Number(y.toPrecision(3))));
const seconds = (y: number): string => `${Number(y.toPrecision(3))} s`;

function tokens(y: number): string {
  const size = Math.abs(y);
  if (size >= 1e6) return `${Number((y / 1e6).toPrecision(3))}M`;
  if (size >= 1e3) return `${Number((y / 1e3).toPrecision(3))}k`;
  return String(Math.round(y));
}

/** Shares of runs (or of agent-time) in [0, 1], read as percentages. */
const RATE_FIGURES: ReadonlySet<string> = new Set(['success', 'final-tests', 'barrier-utilization']);

export function valueFormat(figure: Pick<JobFigure, 'id'>): ValueFormat {
  if (RATE_FIGURES.has(figure.id)) return { value: (y) => formatPercent(y), tick: (y) => formatPercent(y, 0), bounds: { min: 0, max: 1 } };
  switch (figure.id) {
    case 'speedup':
    case 'speedup-all-runs':
      return { value: times, tick: times, bounds: null };
    case 'straggler-gap':
      return { value: seconds, tick: seconds, bounds: null };
    case 'tokens':
      return { value: tokens, tick: tokens, bounds: null };
    default:
      return { value: plain, tick: plain, bounds: null };
  }
}

/** "1.80× (95% interval 1.52× to 2.08×), 5 runs"; the interval left out where the lab gives none. */
export function pointWords(format: ValueFormat, point: { y: number; low: number | null; high: number | null; runs: number }): string {
  const interval = point.low !== null && point.high !== null ? ` (95% interval ${format.value(point.low)} to ${format.value(point.high)})` : '';
  return `${format.value(point.y)}${interval}, ${point.runs} ${point.runs === 1 ? 'run' : 'runs'}`;
}

/** An x value with its axis: "n = 3" on a team-size axis, else "<label> 3". */
export function xValueText(xLabel: string, x: number): string {
  return /team size|agents|\bn\b/i.test(xLabel) ? `n = ${x}` : `${xLabel} ${x}`;
}
