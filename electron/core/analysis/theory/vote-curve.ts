/**
 * The predicted vote curve with its band: each item's chance that a vote of
 * n is right (vote-model.ts for a majority, plurality-model.ts for a
 * plurality), averaged over the items, and a percentile bootstrap over items
 * for the band. Every resample refits the Beta prior to the items it drew,
 * so the band carries the prior's own uncertainty where the curve leans on
 * it (beyond the answers an item has): on the sim that doubles the band's
 * width there. θ, the wrong answers' concentration, is held at its fit.
 */
import type { CurvePoint } from '../../../../shared/domain/analysis';
import { binomialMajority, hypergeometricMajority } from '../condorcet';
import type { ItemAnswers } from './answers';
import { independentPlurality, mixWins, pluralityChance, pluralityShapes, type PluralityShapes } from './plurality-model';
import { percentile, seededRng } from './resample';
import { drawWeights } from './size-items';
import { betaBinomialMajority, betaBinomialPmf, fitBetaPrior, fitVotePrior, majorityRows, type VotePrior, type VoteRule } from './vote-model';

export interface VoteCurve {
  curve: CurvePoint[];
  /** What the textbook binomial predicts at each size: every item alike, errors independent. */
  independent: number[];
  prior: VotePrior;
}

export function voteCurve(items: readonly ItemAnswers[], sizes: readonly number[], rule: VoteRule, seed: number, resamples: number): VoteCurve {
  const prior = fitVotePrior(items);
  if (rule === 'majority') {
    const rows = majorityRows(items, sizes, prior);
    const draws = majorityResamples(items, sizes, seed, resamples);
    return { curve: withBands(sizes, rows, draws), independent: sizes.map((n) => binomialMajority(n, prior.accuracy)), prior };
  }
  const shapes = pluralityShapes(items, sizes, prior.theta, seed);
  const pmfs = new Map<string, Float64Array>();
  const shapeRows = shapes.shapes.map((p) => sizes.map((n) => pluralityChance(p, n, prior, pmfs)));
  const rows = shapes.itemShape.map((shape) => shapeRows[shape]!);
  const draws = pluralityResamples(shapes, items, sizes, seed, resamples);
  return { curve: withBands(sizes, rows, draws), independent: independentPlurality(prior, sizes, seed), prior };
}

function withBands(sizes: readonly number[], rows: readonly (readonly number[])[], draws: readonly Float64Array[]): CurvePoint[] {
  return sizes.map((n, s) => {
    const value = rows.reduce((sum, row) => sum + row[s]!, 0) / rows.length;
    return draws[s]!.length > 0 ? { n, value, low: percentile(draws[s]!, 0.025), high: percentile(draws[s]!, 0.975) } : { n, value, low: value, high: value };
  });
}

/** The majority curve's mean over each bootstrap resample of the items, the Beta prior refitted to every resample. */
function majorityResamples(items: readonly ItemAnswers[], sizes: readonly number[], seed: number, resamples: number): Float64Array[] {
  const out = sizes.map(() => new Float64Array(resamples));
  if (items.length === 0) return out;
  // Items with the same (right, answers) predict alike: work per group.
  const { groups, itemGroup } = countGroups(items);
  // Within an item's answers the prediction needs no prior: compute it once.
  const within = groups.map((g) => sizes.map((n) => (n <= g.answers ? hypergeometricMajority(n, g.correct, g.answers) : Number.NaN)));
  const rng = seededRng(seed, 'majority');
  const groupWeight = new Float64Array(groups.length);
  const weights = new Float64Array(items.length);
  for (let r = 0; r < resamples; r++) {
    drawWeights(items.length, rng.next, weights);
    const prior = fitBetaPrior(items, weights);
    groupWeight.fill(0);
    itemGroup.forEach((g, i) => (groupWeight[g]! += weights[i]!));
    sizes.forEach((n, s) => {
      let sum = 0;
      groups.forEach((g, k) => {
        const w = groupWeight[k]!;
        if (w === 0) return;
        const known = within[k]![s]!;
        sum += w * (Number.isNaN(known) ? betaBinomialMajority(n, prior.a + g.correct, prior.b + g.answers - g.correct) : known);
      });
      out[s]![r] = sum / items.length;
    });
  }
  return out;
}

/**
 * The plurality curve's mean over each bootstrap resample of the items, the
 * Beta prior refitted to every resample (the restaurant tables G are not:
 * they do not depend on it).
 */
function pluralityResamples({ shapes, itemShape }: PluralityShapes, items: readonly ItemAnswers[], sizes: readonly number[], seed: number, resamples: number): Float64Array[] {
  const out = sizes.map(() => new Float64Array(resamples));
  if (items.length === 0) return out;
  // Shapes with the same (right, answers) share their Beta-binomial weights: one per group and size in each resample.
  const { groups, itemGroup: shapeGroup } = countGroups(shapes.map((s) => s.item));
  const rng = seededRng(seed, 'plurality-resamples');
  const shapeWeight = new Float64Array(shapes.length);
  const weights = new Float64Array(items.length);
  const largest = Math.max(0, ...sizes);
  const buffers = groups.map(() => new Float64Array(largest + 1));
  const pmfs: Array<Float64Array | null> = groups.map(() => null);
  for (let r = 0; r < resamples; r++) {
    drawWeights(items.length, rng.next, weights);
    const prior = fitBetaPrior(items, weights);
    shapeWeight.fill(0);
    for (let i = 0; i < items.length; i++) shapeWeight[itemShape[i]!]! += weights[i]!;
    sizes.forEach((n, s) => {
      pmfs.fill(null);
      let sum = 0;
      for (let k = 0; k < shapes.length; k++) {
        const w = shapeWeight[k]!;
        if (w === 0) continue;
        const shape = shapes[k]!;
        const known = shape.within.get(n);
        if (known !== undefined) {
          sum += w * known;
          continue;
        }
        const g = shapeGroup[k]!;
        let pmf = pmfs[g];
        if (!pmf) {
          const counts = groups[g]!;
          pmf = betaBinomialPmf(n, prior.a + counts.correct, prior.b + counts.answers - counts.correct, buffers[g]);
          pmfs[g] = pmf;
        }
        sum += w * mixWins(pmf, shape.g, shape.width, n);
      }
      out[s]![r] = sum / items.length;
    });
  }
  return out;
}

/** Items grouped by their (right, answers) counts: items of a group share their Beta posterior. */
function countGroups(items: readonly Pick<ItemAnswers, 'correct' | 'answers'>[]): { groups: Array<{ correct: number; answers: number }>; itemGroup: number[] } {
  const groupOf = new Map<string, number>();
  const groups: Array<{ correct: number; answers: number }> = [];
  const itemGroup = items.map((item) => {
    const key = `${item.correct}/${item.answers}`;
    let g = groupOf.get(key);
    if (g === undefined) {
      g = groups.length;
      groups.push({ correct: item.correct, answers: item.answers });
      groupOf.set(key, g);
    }
    return g;
  });
  return { groups, itemGroup };
}
