/** Holm's step-down correction for a family of tests, from @stdlib/stats-padjust (the same as R's p.adjust(method = "holm")). */
import padjust from '@stdlib/stats-padjust';

/** The family's p-values adjusted, in their order. */
export function holm(pValues: readonly number[]): number[] {
  if (pValues.length === 0) return [];
  return padjust([...pValues], 'holm');
}
