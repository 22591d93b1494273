/**
 * A cell's outcomes kept apart: right, wrong, no answer and failed are four
 * different things, and each share of them has its own denominator. Every
 * share is counted item by item, so its interval can treat the item as the
 * unit when repetitions cluster (clustered.ts).
 */
import type { IntervalMethod, Share } from '../../../shared/domain/analysis';
import type { TrialResultRow } from '../store/types';
import { itemShare, type ClusteredShare, type ItemCount } from './clustered';

/** One item's trials in one cell, by outcome. */
export interface ItemTally {
  itemIndex: number;
  /** Finished trials (completed or failed). */
  trials: number;
  failed: number;
  /** Completed with an answer. */
  answered: number;
  /** Completed without an answer. */
  noAnswer: number;
  correct: number;
}

export function tallyByItem(rows: readonly TrialResultRow[]): ItemTally[] {
  const byItem = new Map<number, ItemTally>();
  for (const row of rows) {
    let tally = byItem.get(row.itemIndex);
    if (!tally) byItem.set(row.itemIndex, (tally = { itemIndex: row.itemIndex, trials: 0, failed: 0, answered: 0, noAnswer: 0, correct: 0 }));
    tally.trials++;
    if (row.status === 'failed') {
      tally.failed++;
      continue;
    }
    if (row.finalAnswer === null) tally.noAnswer++;
    else tally.answered++;
    if (row.correct) tally.correct++;
  }
  return [...byItem.values()].sort((a, b) => a.itemIndex - b.itemIndex);
}

export interface CellOutcomes {
  method: IntervalMethod;
  items: number;
  /** correct / trials: a failed trial and a trial without an answer are not correct. */
  accuracy: ClusteredShare;
  /** correct / completed trials. */
  completedAccuracy: ClusteredShare;
  /** correct / answered (safety). */
  validity: ClusteredShare;
  /** answered / trials (liveness; failed trials count as no answer). */
  liveness: ClusteredShare;
  /** failed / trials. */
  failureRate: ClusteredShare;
  /** completed without an answer / trials. */
  noAnswerRate: ClusteredShare;
}

/**
 * Every share of a cell, each over its own denominator, all with the cell's
 * one interval method: clustered by item as soon as any item was met more
 * than once, Wilson when each was met once.
 */
export function cellOutcomes(rows: readonly TrialResultRow[]): CellOutcomes {
  const tallies = tallyByItem(rows);
  // With one item there is no spread between items to measure: accuracy falls back to Wilson, and so does every share.
  const accuracy = itemShare(tallies.map((t) => ({ successes: t.correct, trials: t.trials })));
  const method: IntervalMethod = accuracy.method;
  const share = (count: (t: ItemTally) => ItemCount) => itemShare(tallies.map(count), method);
  return {
    method,
    items: tallies.length,
    accuracy,
    completedAccuracy: share((t) => ({ successes: t.correct, trials: t.trials - t.failed })),
    validity: share((t) => ({ successes: t.correct, trials: t.answered })),
    liveness: share((t) => ({ successes: t.answered, trials: t.trials })),
    failureRate: share((t) => ({ successes: t.failed, trials: t.trials })),
    noAnswerRate: share((t) => ({ successes: t.noAnswer, trials: t.trials })),
  };
}

export function asShare(share: ClusteredShare): Share {
  return { value: share.value, low: share.low, high: share.high };
}
