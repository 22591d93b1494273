/**
 * Each fit's parameters in a sentence a researcher can paste into a paper
 * or a lab notebook: the number, its interval, and what it means for team
 * size. docs/theory.md explains how to read them.
 */
import type { CondorcetFit } from '../../../../shared/domain/analysis';
import { effectiveSize } from './condorcet-correlated';
import type { AmdahlEstimate } from './amdahl';
import type { UslEstimate } from './usl';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function count(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < NUMBER_WORDS.length ? NUMBER_WORDS[n]! : String(n);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Two decimals, a true minus sign. */
export function fixed(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

function percent(share: number): string {
  return `${(100 * share).toFixed(share >= 0.995 || share <= 0.005 ? 1 : 0)}%`;
}

/** A small coefficient in as few digits as it needs: 0.05, 0.0012, 2.3e−5. */
function coefficient(value: number): string {
  if (value === 0) return '0';
  if (value >= 0.01) return fixed(value, 2);
  if (value >= 0.0001) return value.toPrecision(2);
  return value.toExponential(1).replace('e-', 'e−');
}

function interval(low: number, high: number, format: (v: number) => string = fixed): string {
  return `${format(low)} to ${format(high)}`;
}

/** The size the sentence speaks of: the largest team measured, or nine when none is larger than two. */
export function exampleSize(measuredSizes: readonly number[]): number {
  const largest = Math.max(0, ...measuredSizes);
  return largest >= 3 ? largest : 9;
}

export function condorcetWords(fit: Omit<CondorcetFit, 'words'>, example: number): string {
  const nEff = effectiveSize(example, fit.rho);
  const rho = `ρ = ${fixed(fit.rho)} (${interval(fit.rhoLow, fit.rhoHigh)})`;
  const worth = `${count(example)} voters are worth ${fixed(nEff, 1)} independent ones`;
  const opening = fit.rhoLow > 0 ? `Errors are correlated, ${rho}: ${worth}.` : `Errors are close to independent, ${rho}: ${worth}.`;
  const at = fit.curve.find((p) => p.n === example) ?? fit.curve[fit.curve.length - 1];
  const independent = fit.independent.find((p) => p.n === at?.n);
  const rule = fit.rule === 'majority' ? 'majority' : 'plurality';
  const curve =
    at && independent
      ? ` A ${rule} of ${at.n} is predicted to be right ${percent(at.value)} of the time (${interval(at.low, at.high, percent)}), where independent errors would give ${percent(independent.value)}.`
      : '';
  const c = fit.ceiling;
  const ceiling =
    c.allWrongItems > 0
      ? ` Every agent was wrong on ${percent(c.allWrongShare)} of items (${c.allWrongItems} of ${c.items}, ${fixed(c.answersPerItem, 0)} answers each): no team that picks one of these agents' answers can be right more than ${percent(c.ceiling)} of the time (95% up to ${percent(c.ceilingHigh)}).`
      : ` On every item at least one of ${fixed(c.answersPerItem, 0)} answers was right: the co-failure ceiling is above ${percent(c.ceilingLow)} (95%).`;
  return opening + curve + ceiling;
}

export function amdahlWords(fit: AmdahlEstimate, teamLabel: string): string {
  const p = `p = ${fixed(fit.p)} (${interval(fit.pLow, fit.pHigh)})`;
  const best = fit.speedups.reduce((a, b) => (b.value > a.value ? b : a), fit.speedups[0]!);
  if (best.value < 1) {
    return (
      `Every ${teamLabel} team measured is slower than one agent (at best ${fixed(best.value)}× at n = ${best.n}): ` +
      `splitting and combining cost more than the parallel work saves, so ${p}, and Amdahl's law, which charges nothing for them, does not describe these teams; the USL does.`
    );
  }
  const ceiling = fit.maxSpeedup === null ? 'a team could in principle grow as fast as it grows large' : `no ${teamLabel} team of any size is more than ${fixed(fit.maxSpeedup, 1)}× faster than one agent`;
  return `${capitalised(p)}: ${ceiling}.${looseFit(fit.rmse, fit.speedups.map((s) => s.value))}`;
}

/** A team must beat one agent by this much at its best size for a rise (and a peak) to be worth a sentence. */
const MATERIAL_GAIN = 1.05;

export function uslWords(fit: UslEstimate, teamLabel: string, quantity: 'speed' | 'cost'): string {
  const coefficients = `α = ${coefficient(fit.alpha)} (${interval(fit.alphaLow, fit.alphaHigh, coefficient)}), β = ${coefficient(fit.beta)} (${interval(fit.betaLow, fit.betaHigh, coefficient)})`;
  const loose = looseFit(fit.rmse, fit.points.map((p) => p.value));
  const best = fit.curve.reduce((a, b) => (b.value > a.value ? b : a), fit.curve[0] ?? { n: 1, value: 1, low: 1, high: 1 });
  // With α's interval reaching 1, or a best size barely above one agent, no rise is established, whatever a small β makes of the peak.
  if (fit.alpha >= 1 || fit.alphaHigh >= 1 || best.value < MATERIAL_GAIN) {
    const atBest = best.n > 1 && best.value > 1 ? ` (at best ${fixed(best.value)}× at n = ${best.n})` : '';
    const what =
      quantity === 'speed'
        ? `no ${teamLabel} team is materially faster than one agent, whatever its size${atBest}`
        : `every agent of the ${teamLabel} costs about a whole agent's tokens or more: the team buys no more work per token than one agent${atBest}`;
    return `${capitalised(what)} (${coefficients}).${loose}`;
  }
  if (fit.peak !== null) {
    const range = fit.peakLow !== null ? ` (${fixed(fit.peakLow, 0)} to ${fit.peakHigh === null ? 'no turn at all' : fixed(fit.peakHigh, 0)})` : '';
    const what = quantity === 'speed' ? `the ${teamLabel} gets slower` : `the ${teamLabel} gets less work out of each token`;
    return `Past n* = ${fixed(fit.peak, fit.peak < 10 ? 1 : 0)} agents${range} ${what}: ${coefficients}.${loose}`;
  }
  const limit = 1 / fit.alpha;
  const what = quantity === 'speed' ? `the ${teamLabel} speeds up with size but never past ${fixed(limit, 1)}× one agent` : `the ${teamLabel}'s work per token rises with size but never past ${fixed(limit, 1)} agents' worth`;
  return `${capitalised(what)}, with no turn down measured (${coefficients}).${loose}`;
}

/** A warning when the law misses the points by more than a tenth of their typical size. */
function looseFit(rmse: number, values: readonly number[]): string {
  const typical = values.reduce((a, b) => a + Math.abs(b), 0) / Math.max(1, values.length);
  if (!(typical > 0) || rmse <= 0.1 * typical) return '';
  return ` The law fits loosely here: the measured points stray from it by ${fixed(rmse)} on average.`;
}
