/**
 * Cost-matched baselines: beside every team, the single agent given the same
 * token budget. The team's mean tokens per trial buy k = round(team tokens /
 * single-agent tokens) answers of the single agent (at least one); their
 * plurality vote (self-consistency) is the baseline, because a team that only
 * wins by spending more tokens has not won.
 *
 * The vote's expected accuracy is estimated item by item from the single
 * agent's own answers on that item (cost-matched-pool.ts says which): the
 * share of seeded draws of k of them whose plurality is right, ties split
 * evenly (a seeded draw picks among tied answers), no answer and failed calls
 * casting no vote. Draws are without replacement when the item has at least k
 * answers (the average over subsets of the answers, an unbiased estimate of
 * the vote of k fresh answers), and with replacement otherwise (a plug-in
 * estimate, flagged as extrapolated). Items weigh the same; the team's
 * figure beside it is its strict accuracy with items weighted the same, so
 * the difference is paired by item.
 */
import type { CostMatchedBaseline } from '../../../shared/domain/analysis';
import type { CellSummary } from '../../../shared/domain/results';
import type { CellSpec } from '../../../shared/domain/spec';
import type { TrialResultRow } from '../store/types';
import { createRng, deriveSeed } from '../util/random';
import { clusteredMean } from './clustered';
import { holm } from './holm';
import { itemMeanTest } from './paired/difference';
import { strictScore } from './paired/pairing';
import type { AnswerPool, PooledAnswer } from './cost-matched-pool';

/**
 * Monte Carlo draws per item: max(MIN_DRAWS, DRAW_BUDGET / items). Each item's
 * estimate has variance at most 1/(4·draws), so the mean over K items has a
 * Monte Carlo error under √(1/(4·DRAW_BUDGET)) < 0.004. Past 200 items the
 * floor of MIN_DRAWS per item takes over; its noise (at most 0.05 per item)
 * adds to the items' spread, so the interval, drawn from that spread, carries it.
 */
const DRAW_BUDGET = 20_000;
const MIN_DRAWS = 100;

export interface CostMatchedRequest {
  team: CellSpec;
  teamSummary: CellSummary;
  teamRows: readonly TrialResultRow[];
  single: CellSpec;
  singleSummary: CellSummary;
  /** k: the single agent's samples the team's tokens buy. */
  samples: number;
  pool: AnswerPool;
}

/** k = round(team tokens / single-agent tokens), at least 1; null when either has no tokens counted. */
export function samplesForTokens(teamTokens: number | null, singleTokens: number | null): number | null {
  if (teamTokens === null || singleTokens === null || !(singleTokens > 0) || !(teamTokens > 0)) return null;
  return Math.max(1, Math.round(teamTokens / singleTokens));
}

/**
 * The expected accuracy of a plurality vote of k answers drawn from `answers`
 * (seeded Monte Carlo): without replacement when there are at least k.
 */
export function pluralityAccuracy(answers: readonly PooledAnswer[], k: number, draws: number, seed: number): number {
  const m = answers.length;
  if (m === 0) return 0;
  // Answers as small integers (−1: no answer), and which of them is right.
  const ids = new Map<string, number>();
  const idOf = answers.map((a) => (a.answer === null ? -1 : (ids.get(a.answer) ?? ids.set(a.answer, ids.size).get(a.answer)!)));
  const isRight = new Uint8Array(ids.size);
  answers.forEach((a, i) => {
    if (a.correct && idOf[i]! >= 0) isRight[idOf[i]!] = 1;
  });
  const counts = new Int32Array(ids.size);
  const order = answers.map((_, i) => i);
  const rng = createRng(seed);
  let credit = 0;
  for (let draw = 0; draw < draws; draw++) {
    counts.fill(0);
    for (let j = 0; j < k; j++) {
      let pick: number;
      if (m >= k) {
        // Partial Fisher–Yates: the first k of a fresh shuffle.
        const swap = j + Math.floor(rng.next() * (m - j));
        [order[j], order[swap]] = [order[swap]!, order[j]!];
        pick = order[j]!;
      } else pick = Math.floor(rng.next() * m);
      const id = idOf[pick]!;
      if (id >= 0) counts[id]!++;
    }
    let top = 0;
    let tied = 0;
    let rightAmongTied = false;
    for (let id = 0; id < counts.length; id++) {
      const count = counts[id]!;
      if (count === 0 || count < top) continue;
      if (count > top) {
        top = count;
        tied = 0;
        rightAmongTied = false;
      }
      tied++;
      if (isRight[id]) rightAmongTied = true;
    }
    if (rightAmongTied) credit += 1 / tied;
  }
  return credit / draws;
}

/** The baseline for one team; null when the team and the pool share no item. pAdjusted is the raw p-value until adjusted across teams. */
export function costMatchedBaseline(request: CostMatchedRequest): CostMatchedBaseline | null {
  const { team, teamSummary, single, singleSummary, samples: k, pool } = request;
  const teamByItem = new Map<number, { sum: number; trials: number }>();
  for (const row of request.teamRows) {
    const entry = teamByItem.get(row.itemIndex) ?? { sum: 0, trials: 0 };
    entry.sum += strictScore(row);
    entry.trials++;
    teamByItem.set(row.itemIndex, entry);
  }
  const items = [...teamByItem.keys()].filter((item) => (pool.answers.get(item)?.length ?? 0) > 0).sort((a, b) => a - b);
  if (items.length === 0) return null;
  const draws = Math.max(MIN_DRAWS, Math.ceil(DRAW_BUDGET / items.length));
  let extrapolatedItems = 0;
  let minAnswers = Number.POSITIVE_INFINITY;
  const baselineByItem = items.map((item) => {
    const answers = pool.answers.get(item)!;
    minAnswers = Math.min(minAnswers, answers.length);
    if (answers.length < k) extrapolatedItems++;
    return pluralityAccuracy(answers, k, draws, deriveSeed('cost-matched', single.index, k, item));
  });
  const teamByItemMean = items.map((item) => teamByItem.get(item)!.sum / teamByItem.get(item)!.trials);
  const accuracy = clusteredMean(baselineByItem.map((value) => ({ sum: value, weight: 1 })), [0, 1]);
  const differenceSums = items.map((_, i) => ({ sum: teamByItemMean[i]! - baselineByItem[i]!, weight: 1 }));
  const difference = clusteredMean(differenceSums, [-1, 1]);
  const { pValue } = itemMeanTest(differenceSums, difference);
  const singleTokens = singleSummary.meanTokens ?? 0;
  const extrapolated = extrapolatedItems > 0;
  return {
    cellIndex: team.index,
    label: team.label,
    singleCellIndex: single.index,
    samples: k,
    teamTokens: teamSummary.meanTokens ?? 0,
    singleTokens,
    tokens: k * singleTokens,
    items: items.length,
    accuracy: accuracy.mean,
    low: accuracy.low,
    high: accuracy.high,
    difference: difference.mean,
    differenceLow: difference.low,
    differenceHigh: difference.high,
    pValue,
    pAdjusted: pValue,
    significant: pValue < 0.05,
    minAnswersPerItem: minAnswers,
    extrapolated,
    extrapolatedItems,
    pooledCells: pool.cells,
    method: methodSentence(k, single, pool, extrapolatedItems, items.length, minAnswers),
  };
}

function methodSentence(k: number, single: CellSpec, pool: AnswerPool, extrapolatedItems: number, items: number, minAnswers: number): string {
  const vote = k === 1 ? 'one answer of the single agent' : `a plurality vote of ${k} answers of the single agent`;
  const from = pool.cells.length > 1 ? `its own answers and the first-round answers of voters of the same model and temperature in ${pool.cells.length - 1} vote cell${pool.cells.length === 2 ? '' : 's'}` : `its own answers (${single.label})`;
  const drawn =
    extrapolatedItems === 0
      ? `drawn without replacement from ${from} on each item`
      : `drawn from ${from} on each item; ${extrapolatedItems} of ${items} items had fewer than ${k} answers (as few as ${minAnswers}), so there the answers were drawn with replacement, a plug-in estimate that leans towards the answers seen`;
  return `Expected accuracy of ${vote}, the answers ${drawn}; items weigh the same, the interval is clustered by item.`;
}

/** Each baseline's p-value adjusted (Holm) across the experiment's baselines. */
export function adjustBaselines(baselines: readonly CostMatchedBaseline[]): CostMatchedBaseline[] {
  const adjusted = holm(baselines.map((b) => b.pValue));
  return baselines.map((b, i) => ({ ...b, pAdjusted: adjusted[i]!, significant: adjusted[i]! < 0.05 }));
}
