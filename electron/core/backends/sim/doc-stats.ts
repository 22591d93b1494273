/**
 * The statistics the sim's measured tables report: accuracy, how agents' errors
 * go together, votes of the first n agents, and paired differences. Each takes
 * per-trial answers (one row per trial, one entry per agent).
 */
import { Z95 } from '../../analysis/intervals';

export interface Graded {
  answer: string | null;
  correct: boolean;
}

export interface PairStats {
  /** Share of answers that are wrong. */
  errorRate: number;
  /**
   * φ between two agents' errors across trials: (P(both wrong) − e²) / (e(1 − e)),
   * pooled over every pair of agents in a row (they are exchangeable).
   */
  errorCorrelation: number;
  /** Of the pairs where both are wrong and both gave an answer, the share giving the same one. */
  wrongAgreement: number;
  /** How many such pairs `wrongAgreement` rests on. */
  bothWrongPairs: number;
}

export function pairStats(rows: ReadonlyArray<readonly Graded[]>, pairs?: ReadonlyArray<readonly [number, number]>): PairStats {
  let answers = 0;
  let wrong = 0;
  let pairCount = 0;
  let bothWrong = 0;
  let bothAnswered = 0;
  let same = 0;
  for (const row of rows) {
    for (const a of row) {
      answers++;
      if (!a.correct) wrong++;
    }
    const rowPairs = pairs ?? row.flatMap((_, i) => row.slice(i + 1).map((__, d) => [i, i + 1 + d] as const));
    for (const [i, j] of rowPairs) {
      const a = row[i]!;
      const b = row[j]!;
      pairCount++;
      if (!a.correct && !b.correct) {
        bothWrong++;
        if (a.answer !== null && b.answer !== null) {
          bothAnswered++;
          if (a.answer === b.answer) same++;
        }
      }
    }
  }
  const e = wrong / answers;
  const pBoth = bothWrong / pairCount;
  return {
    errorRate: e,
    errorCorrelation: e > 0 && e < 1 ? (pBoth - e * e) / (e * (1 - e)) : 0,
    wrongAgreement: bothAnswered > 0 ? same / bothAnswered : 0,
    bothWrongPairs: bothAnswered,
  };
}

/** Whether a strict majority of the first n answers is right: more than n/2 right answers. */
export function prefixMajorityRight(row: readonly Graded[], n: number): boolean {
  return row.slice(0, n).filter((a) => a.correct).length * 2 > n;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean of paired differences with its 95% half-width (t ≈ z for the item counts used here). */
export function pairedDifference(a: readonly number[], b: readonly number[]): { mean: number; halfWidth: number } {
  const d = a.map((x, i) => x - b[i]!);
  const m = mean(d);
  const variance = d.reduce((sum, x) => sum + (x - m) ** 2, 0) / Math.max(1, d.length - 1);
  return { mean: m, halfWidth: Z95 * Math.sqrt(variance / d.length) };
}

/** 0.734 → "0.73" */
export const fixed2 = (x: number): string => x.toFixed(2);

/** A signed difference in points: 0.034 → "+3.4". */
export const points = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
