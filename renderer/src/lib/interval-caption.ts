/**
 * Which interval the summary and the charts draw, said from the data: the lab
 * tells per cell whether its intervals are clustered by item (an item met
 * more than once) or Wilson's (each item met once).
 */
import type { IntervalMethod } from '../../../shared/domain/analysis';
import type { CellSummary } from '../../../shared/domain/results';

const ONE_METHOD: Record<IntervalMethod, string> = {
  'item-clustered': 'Brackets and bands are 95% intervals clustered by item: repetitions of an item are not independent, so the item is the unit.',
  wilson: 'Brackets and bands are 95% Wilson score intervals: each item was met once, so trials are independent.',
};

export const METHOD_SHORT: Record<IntervalMethod, string> = {
  'item-clustered': 'item-clustered',
  wilson: 'Wilson',
};

/** "95% intervals clustered by item (…)", or both methods with the cells under each when the experiment mixes them. */
export function intervalCaption(cells: readonly Pick<CellSummary, 'intervalMethod' | 'label' | 'size'>[]): string {
  const methods = [...new Set(cells.map((c) => c.intervalMethod))];
  const only = methods.length === 1 ? methods[0] : undefined;
  if (methods.length === 0) return '';
  if (only) return ONE_METHOD[only];
  const clustered = cells.filter((c) => c.intervalMethod === 'item-clustered').length;
  return `Brackets and bands are 95% intervals, clustered by item for the ${clustered} cells that met an item more than once (repetitions of an item are not independent) and Wilson score intervals for the ${cells.length - clustered} that met each item once; the Interval column says which.`;
}
