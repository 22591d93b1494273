/**
 * Pairs the trials of two cells by (item, repetition): the trials that met
 * the same item in the same repetition drew from the same seeds (common
 * random numbers), so their difference is the comparison with the least noise.
 */
import type { TrialResultRow } from '../../store/types';
import type { ItemPairs } from './difference';

/** A finished trial's strict score: 1 when it completed with a correct answer; a wrong answer, no answer and a failure are 0. */
export function strictScore(row: TrialResultRow): number {
  return row.status === 'done' && row.correct ? 1 : 0;
}

export interface CellPairs {
  /** Every shared (item, repetition), strict scores. */
  strict: ItemPairs[];
  /** The pairs where neither trial failed. */
  completed: ItemPairs[];
}

export function groupByCell(rows: readonly TrialResultRow[]): Map<number, TrialResultRow[]> {
  const byCell = new Map<number, TrialResultRow[]>();
  for (const row of rows) {
    const list = byCell.get(row.cellIndex);
    if (list) list.push(row);
    else byCell.set(row.cellIndex, [row]);
  }
  return byCell;
}

const keyOf = (row: TrialResultRow): string => `${row.itemIndex}:${row.repetition}`;

export function pairTrials(cell: readonly TrialResultRow[], baseline: readonly TrialResultRow[]): CellPairs {
  const baselineByKey = new Map(baseline.map((row) => [keyOf(row), row]));
  const strict = new Map<number, ItemPairs>();
  const completed = new Map<number, ItemPairs>();
  const add = (into: Map<number, ItemPairs>, itemIndex: number, a: number, b: number): void => {
    let item = into.get(itemIndex);
    if (!item) into.set(itemIndex, (item = { itemIndex, cell: [], baseline: [] }));
    item.cell.push(a);
    item.baseline.push(b);
  };
  for (const row of cell) {
    const other = baselineByKey.get(keyOf(row));
    if (!other) continue;
    add(strict, row.itemIndex, strictScore(row), strictScore(other));
    if (row.status === 'done' && other.status === 'done') add(completed, row.itemIndex, strictScore(row), strictScore(other));
  }
  const sorted = (map: Map<number, ItemPairs>) => [...map.values()].sort((a, b) => a.itemIndex - b.itemIndex);
  return { strict: sorted(strict), completed: sorted(completed) };
}
