/**
 * Accuracy against the number of faulty agents: the fault-sweep chart's
 * series. One series per team (its label without the faults) and size, so a
 * sweep's cells line up on one line, with the classical bounds for that size:
 * a majority of honest answers survives f < n/2 faulty agents, agreement
 * among n (Byzantine consensus) needs f < n/3.
 */
import { faultLabel, type CellFaults } from '../../../shared/domain/faults';
import type { CellSummary, FaultSeries, SweptFaultKind } from '../../../shared/domain/results';
import { SWEPT_FAULT_KINDS } from '../../../shared/domain/results';

const countOf = (faults: CellFaults, kind: SweptFaultKind): number => (kind === 'byzantine' ? faults.byzantine : kind === 'crash' ? faults.crash : faults.stragglers);

/** What the sweep counts: Byzantine agents if any cell has some, else crashed agents, else stragglers; null without any. */
export function sweptFaultKind(summaries: readonly CellSummary[]): SweptFaultKind | null {
  return SWEPT_FAULT_KINDS.find((kind) => summaries.some((cell) => countOf(cell.faults, kind) > 0)) ?? null;
}

/** The faults that tell series of one team and size apart: everything but the swept count (and, for Byzantine sweeps, whether they collude). */
function otherFaults(faults: CellFaults, kind: SweptFaultKind): string | null {
  const rest: CellFaults = { ...faults, [kind]: 0 };
  return faultLabel(rest);
}

const joinLabel = (...parts: readonly (string | null)[]): string => parts.filter((p) => p !== null).join(' · ');

/**
 * One series per team, size, other faults and (Byzantine) mode. A cell with
 * no agents of the swept kind is every mode's baseline at f = 0, so it joins
 * each series of its team, size and other faults instead of standing alone.
 */
export function accuracyByFaults(summaries: readonly CellSummary[]): FaultSeries[] {
  const kind = sweptFaultKind(summaries);
  if (kind === null) return [];
  const series = new Map<string, FaultSeries & { base: string }>();
  const measured = summaries.filter((cell) => cell.accuracy !== null && cell.ciLow !== null && cell.ciHigh !== null);
  const pointOf = (cell: CellSummary) => ({ x: countOf(cell.faults, kind), y: cell.accuracy ?? 0, low: cell.ciLow ?? 0, high: cell.ciHigh ?? 0, size: cell.size, trials: cell.trials, noAnswer: cell.noAnswer, failed: cell.failed });
  const baseOf = (cell: CellSummary) => joinLabel(`${cell.teamLabel} · n=${cell.size}`, otherFaults(cell.faults, kind));
  const add = (cell: CellSummary, label: string): void => {
    let entry = series.get(label);
    if (!entry) {
      entry = { label, base: baseOf(cell), teamLabel: cell.teamLabel, structure: cell.structure, size: cell.size, faultKind: kind, faultBounds: { majority: cell.size / 2, agreement: cell.size / 3 }, points: [] };
      series.set(label, entry);
    }
    entry.points.push(pointOf(cell));
  };
  for (const cell of measured) {
    if (countOf(cell.faults, kind) === 0) continue;
    add(cell, joinLabel(baseOf(cell), kind === 'byzantine' && cell.faults.mode === 'colluding' ? 'colluding' : null));
  }
  for (const cell of measured) {
    if (countOf(cell.faults, kind) !== 0) continue;
    const joined = [...series.values()].filter((entry) => entry.base === baseOf(cell));
    if (joined.length === 0) add(cell, baseOf(cell));
    for (const entry of joined) entry.points.push(pointOf(cell));
  }
  return [...series.values()].map(({ base: _base, ...entry }) => ({ ...entry, points: [...entry.points].sort((a, b) => a.x - b.x) }));
}
