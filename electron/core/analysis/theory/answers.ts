/**
 * Agents' answers grouped as the Condorcet fit reads them: by item (how many
 * answers, how many right, which wrong answers) and by trial (the pairs of
 * agents that voted together), and the pairwise error correlation between
 * agents of one trial.
 */
import type { AgentAnswer, ErrorCorrelation } from './condorcet-correlated';
import { percentile, seededRng } from './resample';

/** Code of a right answer in `ItemAnswers.codes`. */
export const RIGHT = 0;
/** Code of a reply without an answer: wrong for a majority, an abstention in a plurality. */
export const NO_ANSWER = 1;

/** One item's answers, pooled over every trial that met it. */
export interface ItemAnswers {
  itemIndex: number;
  answers: number;
  correct: number;
  /**
   * Each answer as a code: RIGHT, NO_ANSWER, or 2, 3, … for each distinct
   * wrong answer, numbered in order of first appearance. Every right answer
   * is one code, whatever its spelling, since a vote counts them together
   * once read (the suites' extractors normalise them).
   */
  codes: Int32Array;
  /** How many answers carry each code (index = code). */
  codeCounts: number[];
}

/** Items in order of their index, each with its pooled answers. */
export function itemAnswerCounts(answers: readonly AgentAnswer[]): ItemAnswers[] {
  const byItem = new Map<number, AgentAnswer[]>();
  for (const answer of answers) {
    const list = byItem.get(answer.itemIndex);
    if (list) list.push(answer);
    else byItem.set(answer.itemIndex, [answer]);
  }
  return [...byItem.entries()].sort((a, b) => a[0] - b[0]).map(([itemIndex, list]) => itemAnswers(itemIndex, list));
}

function itemAnswers(itemIndex: number, list: readonly AgentAnswer[]): ItemAnswers {
  const wrongCodes = new Map<string, number>();
  const codes = new Int32Array(list.length);
  const codeCounts = [0, 0];
  list.forEach((answer, i) => {
    let code: number;
    if (answer.correct) code = RIGHT;
    else if (answer.answer === null) code = NO_ANSWER;
    else {
      code = wrongCodes.get(answer.answer) ?? 2 + wrongCodes.size;
      wrongCodes.set(answer.answer, code);
    }
    codes[i] = code;
    codeCounts[code] = (codeCounts[code] ?? 0) + 1;
  });
  return { itemIndex, answers: list.length, correct: codeCounts[RIGHT]!, codes, codeCounts };
}

/** Sums over one item's clusters of answers that ρ is computed from (each a count of ordered pairs). */
interface PairSums {
  /** Σ m(m − 1): ordered pairs of different agents in one cluster. */
  pairs: number;
  /** Σ (m − 1)·wrong: the pairs' first member is wrong. */
  firstWrong: number;
  /** Σ wrong·(wrong − 1): both wrong. */
  bothWrong: number;
}

/**
 * ρ = (P(both wrong) − q²) / (q(1 − q)) over ordered pairs of different
 * agents in one cluster, q the share of wrong among those pairs' members:
 * exactly the Pearson correlation of the two agents' "wrong" indicators over
 * every such pair. 0 when q is 0 or 1 (nothing varies to correlate).
 */
export function correlationOf(sums: PairSums): number {
  if (sums.pairs === 0) return 0;
  const q = sums.firstWrong / sums.pairs;
  if (q <= 0 || q >= 1) return 0;
  return (sums.bothWrong / sums.pairs - q * q) / (q * (1 - q));
}

/** The pair sums of clusters of answers (a cluster: the answers that count as one team). */
export function pairSums(clusters: Iterable<{ answers: number; wrong: number }>): PairSums {
  const sums: PairSums = { pairs: 0, firstWrong: 0, bothWrong: 0 };
  for (const { answers: m, wrong } of clusters) addCluster(sums, m, wrong);
  return sums;
}

function addCluster(sums: PairSums, m: number, wrong: number): void {
  sums.pairs += m * (m - 1);
  sums.firstWrong += (m - 1) * wrong;
  sums.bothWrong += wrong * (wrong - 1);
}

/** ρ between agents of one trial, with a percentile bootstrap over items. */
export function pairedErrorCorrelation(answers: readonly AgentAnswer[], seed: number, resamples: number): ErrorCorrelation {
  const byTrial = new Map<string, { item: number; answers: number; wrong: number }>();
  for (const answer of answers) {
    const cluster = byTrial.get(answer.trial) ?? { item: answer.itemIndex, answers: 0, wrong: 0 };
    cluster.answers += 1;
    if (!answer.correct) cluster.wrong += 1;
    byTrial.set(answer.trial, cluster);
  }
  const withinTrial = [...byTrial.values()].some((c) => c.answers >= 2);
  const perItem = new Map<number, PairSums>();
  const clusters = withinTrial ? byTrial.values() : itemClusters(answers);
  for (const cluster of clusters) {
    const sums = perItem.get(cluster.item) ?? { pairs: 0, firstWrong: 0, bothWrong: 0 };
    addCluster(sums, cluster.answers, cluster.wrong);
    perItem.set(cluster.item, sums);
  }
  const items = [...perItem.values()];
  const total = sumOf(items);
  const rho = correlationOf(total);
  const rng = seededRng(seed, 'rho');
  const draws = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const sums: PairSums = { pairs: 0, firstWrong: 0, bothWrong: 0 };
    for (let i = 0; i < items.length; i++) {
      const item = items[Math.floor(rng.next() * items.length)]!;
      sums.pairs += item.pairs;
      sums.firstWrong += item.firstWrong;
      sums.bothWrong += item.bothWrong;
    }
    draws[r] = correlationOf(sums);
  }
  return {
    rho,
    low: resamples > 0 ? percentile(draws, 0.025) : rho,
    high: resamples > 0 ? percentile(draws, 0.975) : rho,
    pairs: total.pairs / 2,
    pairing: withinTrial ? 'trial' : 'item',
  };
}

function itemClusters(answers: readonly AgentAnswer[]): Iterable<{ item: number; answers: number; wrong: number }> {
  const byItem = new Map<number, { item: number; answers: number; wrong: number }>();
  for (const answer of answers) {
    const cluster = byItem.get(answer.itemIndex) ?? { item: answer.itemIndex, answers: 0, wrong: 0 };
    cluster.answers += 1;
    if (!answer.correct) cluster.wrong += 1;
    byItem.set(answer.itemIndex, cluster);
  }
  return byItem.values();
}

function sumOf(items: readonly PairSums[]): PairSums {
  return items.reduce((a, b) => ({ pairs: a.pairs + b.pairs, firstWrong: a.firstWrong + b.firstWrong, bothWrong: a.bothWrong + b.bothWrong }), { pairs: 0, firstWrong: 0, bothWrong: 0 });
}
