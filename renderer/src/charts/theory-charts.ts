/**
 * What each theory fit draws, as a fit-chart spec: Condorcet's predicted vote
 * curve over the measured vote accuracies, with the textbook binomial and
 * the co-failure ceiling to read it against; Amdahl's speedup curve over the
 * measured speedups; the USL's capacity curve over the measured one, with
 * its peak. Everything drawn is the lab's fit; this only chooses how.
 */
import type { AmdahlFit, CondorcetFit, UslFit } from '../../../shared/domain/analysis';
import { formatPercent } from '../format';
import type { FitChartSpec } from './fit-chart';

const percent = (value: number): string => formatPercent(value, value >= 0.995 || value <= 0.005 ? 0 : 1);
const percentTick = (value: number): string => formatPercent(value, 0);
const times = (value: number): string => `${Number(value.toPrecision(3))}×`;
const trimmed = (value: number): string => String(Number(value.toFixed(2)));

export function condorcetSpec(fit: CondorcetFit): FitChartSpec {
  const { ceiling } = fit;
  return {
    series: [{ label: `predicted ${fit.rule} vote (95% band)`, curve: fit.curve, measured: fit.measured, measuredLabel: 'measured accuracy (95% interval)' }],
    references: [{ label: 'independent errors (textbook binomial)', points: fit.independent }],
    rules: [
      {
        label: `co-failure ceiling ${percent(ceiling.ceiling)} (95% interval ${percent(ceiling.ceilingLow)} to ${percent(ceiling.ceilingHigh)})`,
        short: `ceiling ${percent(ceiling.ceiling)}`,
        orientation: 'horizontal',
        value: ceiling.ceiling,
        low: ceiling.ceilingLow,
        high: ceiling.ceilingHigh,
      },
    ],
    y: { title: 'Accuracy', format: percent, tick: percentTick, bounds: { min: 0, max: 1 }, step: 0.05 },
  };
}

/** Amdahl's ceiling is drawn only when it is near the data; far above, it would squash the curve (the words still give it). */
const CEILING_IN_VIEW = 1.6;

export function amdahlSpec(fit: AmdahlFit): FitChartSpec {
  const top = Math.max(...fit.curve.map((p) => p.high), ...fit.measured.map((p) => p.high), 1);
  const ceiling = fit.maxSpeedup;
  return {
    series: [{ label: `Amdahl, p = ${trimmed(fit.p)} (95% band)`, curve: fit.curve, measured: fit.measured, measuredLabel: 'measured speedup (95% interval)' }],
    rules:
      ceiling !== null && ceiling <= top * CEILING_IN_VIEW
        ? [{ label: `no team exceeds ${times(ceiling)}: 1 / (1 − p)`, short: `max ${times(ceiling)}`, orientation: 'horizontal', value: ceiling }]
        : [],
    y: { title: 'Speedup over one agent', format: times, bounds: { min: 0, max: Number.POSITIVE_INFINITY }, step: 0.25 },
  };
}

const USL_TITLES: Record<UslFit['quantity'], string> = {
  speed: 'Speed vs one agent, C(n)',
  cost: 'Work per token vs one agent, C(n)',
};

export function uslSpec(fit: UslFit): FitChartSpec {
  const largest = Math.max(...fit.curve.map((p) => p.n), ...fit.measured.map((p) => p.n));
  const peak = fit.peak;
  const peakInterval = fit.peakLow !== null || fit.peakHigh !== null ? ` (95% interval ${fit.peakLow === null ? '?' : trimmed(fit.peakLow)} to ${fit.peakHigh === null ? '?' : trimmed(fit.peakHigh)})` : '';
  return {
    series: [{ label: `USL, α = ${trimmed(fit.alpha)}, β = ${trimmed(fit.beta)} (95% band)`, curve: fit.curve, measured: fit.measured, measuredLabel: `measured ${fit.quantity} (95% interval)` }],
    rules: peak !== null && peak <= largest ? [{ label: `peak n* = ${trimmed(peak)}${peakInterval}`, short: `n* = ${trimmed(peak)}`, orientation: 'vertical', value: peak }] : [],
    y: { title: USL_TITLES[fit.quantity], format: times, bounds: { min: 0, max: Number.POSITIVE_INFINITY }, step: 0.1 },
  };
}

/** Headings for the figures: what each fit is of. */
export function condorcetTitle(fit: CondorcetFit): string {
  return `Condorcet: ${fit.teamLabel} on ${fit.model}`;
}
export function amdahlTitle(fit: AmdahlFit): string {
  return `Amdahl: latency of ${fit.teamLabel} on ${fit.model}`;
}
export function uslTitle(fit: UslFit): string {
  return `USL: ${fit.quantity} of ${fit.teamLabel} on ${fit.model}`;
}
