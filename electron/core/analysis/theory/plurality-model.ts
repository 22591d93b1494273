/**
 * A plurality vote's chance of being right on each item (docs/theory.md).
 * Unlike a majority, a plurality depends on which wrong answers coincide:
 * the right answer wins with fewer than half the votes when the wrong ones
 * scatter, and loses to a shared wrong answer that outnumbers it.
 *
 * Up to the item's own answer count, n of its answers are drawn without
 * replacement (Monte Carlo; unbiased, no model). Beyond, the vote of n new
 * answers splits exactly into how many are right, r ~ Beta-binomial(n, a +
 * right, b + wrong) from the item's Beta posterior, and, given r, whether
 * the n − r others leave no wrong answer with r votes or more:
 *   P(right) = Σ_r P(r) · G(n − r, r),
 * G(k, r) the chance that k non-right answers, drawn from the item's
 * Chinese restaurant (an earlier one in proportion to its count, a new one
 * with weight θ; answer-less replies abstain), have no answer above r, a tie
 * at r counting the share of the draw the right answer would win. G does
 * not depend on the Beta prior, so a bootstrap that refits the prior only
 * recomputes the Beta-binomial weights.
 */
import { NO_ANSWER, RIGHT, type ItemAnswers } from './answers';
import { seededRng } from './resample';
import { betaBinomialPmf, type BetaPrior, type VotePrior } from './vote-model';
import type { Rng } from '../../util/random';

/** Simulations shared among the shapes of items (at least MIN, at most MAX per shape). */
const SIMULATION_BUDGET = 12_000;
const MIN_SIMULATIONS = 100;
const MAX_SIMULATIONS = 4_000;
/** Simulations of the textbook curve's one virtual item. */
const INDEPENDENT_SIMULATIONS = 5_000;

/**
 * What the plurality predictions of items alike are computed from. Items
 * whose answers have the same shape (as many right, as many without an
 * answer, the same counts of coinciding wrong answers, whatever those
 * answers are) predict alike, so they share one simulation: fewer to run,
 * and each with more draws.
 */
export interface PluralityItem {
  /** A representative of the items of this shape. */
  item: ItemAnswers;
  /** For n up to the item's answers: P(right) by drawing without replacement. */
  within: Map<number, number>;
  /** G[k][r], k non-right answers against r right ones, as a flat (K + 1)² table; K the largest size. */
  g: Float64Array;
  width: number;
}

export interface PluralityShapes {
  shapes: PluralityItem[];
  /** The shape of each item, in the order the items were given. */
  itemShape: number[];
}

export function pluralityShapes(items: readonly ItemAnswers[], sizes: readonly number[], theta: number, seed: number): PluralityShapes {
  const shapeOf = new Map<string, number>();
  const representatives: ItemAnswers[] = [];
  const itemShape = items.map((item) => {
    const key = shapeKey(item);
    let shape = shapeOf.get(key);
    if (shape === undefined) {
      shape = representatives.length;
      representatives.push(item);
      shapeOf.set(key, shape);
    }
    return shape;
  });
  const simulations = Math.min(MAX_SIMULATIONS, Math.max(MIN_SIMULATIONS, Math.ceil(SIMULATION_BUDGET / Math.max(1, representatives.length))));
  const largest = Math.max(0, ...sizes);
  const shapes = representatives.map((item) => {
    const rng = seededRng(seed, `plurality:${shapeKey(item)}`);
    const inside = sizes.filter((n) => n <= item.answers);
    const beyond = sizes.some((n) => n > item.answers);
    return {
      item,
      within: inside.length > 0 ? subsampleWins(item, inside, simulations, rng) : new Map<number, number>(),
      g: beyond ? winTable(item, theta, largest, simulations, rng) : new Float64Array(0),
      width: largest + 1,
    };
  });
  return { shapes, itemShape };
}

/** right / answers / no answer / the wrong answers' counts, largest first. */
function shapeKey(item: ItemAnswers): string {
  const wrong = item.codeCounts.slice(NO_ANSWER + 1).filter((c) => c > 0).sort((a, b) => b - a);
  return `${item.correct}/${item.answers}/${item.codeCounts[NO_ANSWER] ?? 0}/${wrong.join(',')}`;
}

/**
 * The item's chance that a plurality of n is right, under the Beta prior
 * `prior`. `pmfs` caches the Beta-binomial weights by the item's counts,
 * which items with the same counts share (valid for one prior only).
 */
export function pluralityChance(p: PluralityItem, n: number, prior: BetaPrior, pmfs: Map<string, Float64Array> = new Map()): number {
  const known = p.within.get(n);
  if (known !== undefined) return known;
  const key = `${p.item.correct}/${p.item.answers}/${n}`;
  let pmf = pmfs.get(key);
  if (!pmf) {
    pmf = betaBinomialPmf(n, prior.a + p.item.correct, prior.b + p.item.answers - p.item.correct);
    pmfs.set(key, pmf);
  }
  return mixWins(pmf, p.g, p.width, n);
}

/** Σ_r P(r) · G(n − r, r). */
export function mixWins(pmf: Float64Array, g: Float64Array, width: number, n: number): number {
  let sum = 0;
  for (let r = 1; r <= n; r++) sum += pmf[r]! * (2 * r > n ? 1 : g[(n - r) * width + r]!);
  return Math.min(1, sum);
}

/** One row per item, one column per size: P(right) under `prior`. */
export function pluralityRows(items: readonly ItemAnswers[], sizes: readonly number[], prior: VotePrior, seed: number): number[][] {
  const pmfs = new Map<string, Float64Array>();
  const { shapes, itemShape } = pluralityShapes(items, sizes, prior.theta, seed);
  const rows = shapes.map((p) => sizes.map((n) => pluralityChance(p, n, prior, pmfs)));
  return itemShape.map((shape) => rows[shape]!);
}

/** Without replacement: n of the item's answers in a random order, for each n wanted. */
function subsampleWins(item: ItemAnswers, sizes: readonly number[], simulations: number, rng: Rng): Map<number, number> {
  const largest = Math.max(...sizes);
  const wanted = new Set(sizes);
  const wins = new Map<number, number>();
  const pool = Int32Array.from(item.codes);
  const tally = new Tally(item.codeCounts.length);
  for (let s = 0; s < simulations; s++) {
    tally.reset();
    let right = 0;
    for (let n = 1; n <= largest; n++) {
      // A partial Fisher–Yates shuffle: position n − 1 takes a uniform pick of the rest.
      const j = n - 1 + Math.floor(rng.next() * (pool.length - n + 1));
      const code = pool[j]!;
      pool[j] = pool[n - 1]!;
      pool[n - 1] = code;
      if (code === RIGHT) right += 1;
      else tally.add(code);
      if (wanted.has(n)) wins.set(n, (wins.get(n) ?? 0) + tally.shareFor(right));
    }
  }
  for (const [n, total] of wins) wins.set(n, total / simulations);
  return wins;
}

/**
 * G[k][r] by simulating the item's non-right answers: `simulations` runs of
 * `largest` draws from its Chinese restaurant. After k draws a run's leading
 * wrong answer has `top` votes, shared by `tied` answers: against r right
 * votes it wins nothing for r < top, 1/(tied + 1) at r = top, all above; so
 * each run adds to two counters per k, and G is their running sum over r.
 */
function winTable(item: ItemAnswers, theta: number, largest: number, simulations: number, rng: Rng): Float64Array {
  const width = largest + 1;
  const beaten = new Float64Array(width * (width + 1));
  const tiedShare = new Float64Array(width * width);
  const observed = item.codeCounts.slice(NO_ANSWER);
  const counts = new Float64Array(observed.length + largest);
  const tally = new Tally(observed.length + largest + NO_ANSWER);
  for (let s = 0; s < simulations; s++) {
    const draw = restaurant(observed, theta, counts, rng);
    tally.reset();
    for (let k = 0; k <= largest; k++) {
      if (k > 0) tally.add(draw());
      // Right wins outright from r = top + 1 on; at r = top (when top ≥ 1) it wins its share of the draw.
      beaten[k * (width + 1) + tally.leader + 1]! += 1;
      if (tally.leader > 0) tiedShare[k * width + tally.leader]! += 1 / (1 + tally.tiedAtLead);
    }
  }
  const g = new Float64Array(width * width);
  for (let k = 0; k <= largest; k++) {
    let outright = 0;
    for (let r = 1; r <= largest; r++) {
      outright += beaten[k * (width + 1) + r]!;
      g[k * width + r] = (outright + tiedShare[k * width + r]!) / simulations;
    }
  }
  return g;
}

/** Successive non-right answer codes: an earlier one in proportion to its count (observed ones included), a new one with weight θ. */
function restaurant(observed: readonly number[], theta: number, counts: Float64Array, rng: Rng): () => number {
  counts.fill(0);
  counts.set(observed);
  let labels = observed.length;
  let seen = observed.reduce((a, b) => a + b, 0);
  return () => {
    let u = rng.next() * (seen + theta);
    let chosen = labels;
    for (let k = 0; k < labels; k++) {
      u -= counts[k]!;
      if (u < 0) {
        chosen = k;
        break;
      }
    }
    if (chosen === labels) labels += 1;
    counts[chosen]! += 1;
    seen += 1;
    return chosen + NO_ANSWER;
  };
}

/** The wrong answers' running counts in one vote (answer-less replies abstain); codes below `codes`. */
class Tally {
  private readonly counts: Int32Array;
  /** Votes of the leading wrong answer (0 with none). */
  leader = 0;
  /** Wrong answers with that many votes. */
  tiedAtLead = 0;

  constructor(codes: number) {
    this.counts = new Int32Array(codes);
  }

  /** Empties the tally for the next vote (one tally serves a whole simulation: allocating one per vote costs more than the vote). */
  reset(): void {
    this.counts.fill(0);
    this.leader = 0;
    this.tiedAtLead = 0;
  }

  add(code: number): void {
    if (code === NO_ANSWER) return;
    const count = ++this.counts[code]!;
    if (count > this.leader) {
      this.leader = count;
      this.tiedAtLead = 1;
    } else if (count === this.leader) this.tiedAtLead += 1;
  }

  /** The right answer's chance of winning with `right` votes: 1 ahead, 1/(k + 1) tied with k wrong answers, 0 behind or with none. */
  shareFor(right: number): number {
    if (right === 0 || right < this.leader) return 0;
    if (right > this.leader) return 1;
    return 1 / (1 + this.tiedAtLead);
  }
}

/**
 * The textbook curve for a plurality: every item alike at the mean accuracy
 * μ and answers independent, r ~ Binomial(n, μ), wrong ones coinciding as
 * the pooled answers' do (a restaurant with the same θ and nothing observed).
 */
export function independentPlurality(prior: VotePrior, sizes: readonly number[], seed: number): number[] {
  const largest = Math.max(0, ...sizes);
  const empty: ItemAnswers = { itemIndex: -1, answers: 0, correct: 0, codes: new Int32Array(0), codeCounts: [0, 0] };
  const g = winTable(empty, prior.theta, largest, INDEPENDENT_SIMULATIONS, seededRng(seed, 'independent'));
  return sizes.map((n) => mixWins(binomialPmf(n, prior.accuracy), g, largest + 1, n));
}

function binomialPmf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  let coefficient = 1;
  for (let k = 0; k <= n; k++) {
    pmf[k] = coefficient * p ** k * (1 - p) ** (n - k);
    coefficient = (coefficient * (n - k)) / (k + 1);
  }
  return pmf;
}
