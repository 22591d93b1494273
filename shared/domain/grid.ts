/**
 * The size and expected cost of an experiment's grid, from the registry's
 * formulas: the one place that counts cells, trials, calls and messages
 * (validation, the Designer and the duration estimate all read it).
 */
import { expandCells, type CellSpec } from './cells';
import type { ExperimentSpec } from './spec';
import { structureDefinition, type Expected } from './structures';

export interface CellCost extends Expected {
  cellIndex: number;
  label: string;
  size: number;
}

export interface GridSummary {
  cells: number;
  items: number;
  repetitions: number;
  /** Cells × items × repetitions. */
  trials: number;
  /** Model calls the whole grid is expected to make (for rules that can stop early, at most). */
  calls: number;
  /** Messages between agents over the whole grid. */
  messages: number;
  /** Expected calls per model over the whole grid, for duration estimates. */
  callsByModel: Record<string, number>;
  perCell: CellCost[];
}

export function cellCost(cell: CellSpec): Expected {
  const definition = structureDefinition(cell.structure);
  return definition ? definition.expected(cell.params) : { calls: cell.size, messages: 0, rounds: 1 };
}

export function summarizeGrid(spec: ExperimentSpec): GridSummary {
  const cells = expandCells(spec);
  // A file read without `count` has an unknown number of rows until the lab reads it: counted as none here.
  const items = spec.tasks.count ?? 0;
  const perTrial = items * spec.repetitions;
  const callsByModel: Record<string, number> = {};
  const perCell = cells.map((cell) => {
    const cost = cellCost(cell);
    // Calls are spread over the cell's agents, and so over their models.
    const share = cost.calls / Math.max(1, cell.agents.length);
    for (const agent of cell.agents) callsByModel[agent.model] = (callsByModel[agent.model] ?? 0) + share * perTrial;
    return { cellIndex: cell.index, label: cell.label, size: cell.size, ...cost };
  });
  return {
    cells: cells.length,
    items,
    repetitions: spec.repetitions,
    trials: cells.length * perTrial,
    calls: perCell.reduce((sum, c) => sum + c.calls, 0) * perTrial,
    messages: perCell.reduce((sum, c) => sum + c.messages, 0) * perTrial,
    callsByModel,
    perCell,
  };
}
