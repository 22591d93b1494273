/**
 * Writing an experiment's plan: every trial, as planned, before anything runs.
 * A plan of a million trials takes seconds to write, so a large one is written
 * in chunks, one short transaction each, yielding to the event loop between
 * them: the app, the bridge and other processes sharing the file keep answering
 * meanwhile. Until the last chunk is in, the experiment is 'planning' and held
 * by the planner's lease; a plan whose planner dies is removed on a later open.
 */
import type { CellSpec, ExperimentSpec } from '../../shared/domain/spec';
import type { LabStore } from './store/lab-store';
import type { NewExperiment, PlannedTrial, RunnerLease } from './store/types';
import { deriveSeed } from './util/random';

/** Trials per transaction: about 0.1 s of writing on these machines. */
export const PLAN_CHUNK = 20_000;

/**
 * Every cell meets every item in every repetition. A trial's seed depends on
 * the item and the repetition, not the cell, so agent k of every structure
 * draws the same numbers on the same item (common random numbers): the
 * comparison between structures is paired, and differences come from the
 * structure, not from luck.
 */
export function* plannedTrials(spec: ExperimentSpec, cells: readonly Pick<CellSpec, 'index' | 'model'>[]): Generator<PlannedTrial> {
  // Model-major, so the trials of one model are contiguous and run together; teams of several models ("mixed") come last.
  for (const model of new Set(cells.map((c) => c.model))) {
    const modelCells = cells.filter((c) => c.model === model);
    for (let repetition = 0; repetition < spec.repetitions; repetition++) {
      for (let itemIndex = 0; itemIndex < plannedItems(spec); itemIndex++) {
        const seed = deriveSeed(spec.seed, 'trial', itemIndex, repetition);
        for (const cell of modelCells) yield { cellIndex: cell.index, itemIndex, repetition, seed };
      }
    }
  }
}

export function planTrials(spec: ExperimentSpec, cells: readonly Pick<CellSpec, 'index' | 'model'>[]): PlannedTrial[] {
  return [...plannedTrials(spec, cells)];
}

export function trialCount(spec: ExperimentSpec, cells: readonly unknown[]): number {
  return cells.length * plannedItems(spec) * spec.repetitions;
}

/** Items per repetition. A file read without `count` has its row count filled in before planning (tasks/items-for-spec.ts). */
function plannedItems(spec: ExperimentSpec): number {
  if (spec.tasks.count === undefined) throw new Error('internal: a task file is planned before its rows were counted');
  return spec.tasks.count;
}

/**
 * Writes the experiment and all its trials. Small plans go in one transaction;
 * large ones in chunks under the planner's lease. On failure the partial plan
 * is removed (or, if even that fails, left for the stale-plan sweep).
 */
export async function writePlan(
  store: LabStore,
  experiment: Omit<NewExperiment, 'trials'>,
  trials: Iterable<PlannedTrial>,
  total: number,
  planner: Omit<RunnerLease, 'heartbeatAtMs'>,
): Promise<void> {
  if (total <= PLAN_CHUNK) {
    store.createExperiment({ ...experiment, trials: [...trials] });
    return;
  }
  store.beginPlan({ ...experiment, trials: [] }, { ...planner, heartbeatAtMs: Date.now() });
  try {
    let chunk: PlannedTrial[] = [];
    for (const trial of trials) {
      chunk.push(trial);
      if (chunk.length < PLAN_CHUNK) continue;
      store.addPlannedTrials(experiment.id, planner.runnerId, chunk);
      chunk = [];
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (chunk.length > 0) store.addPlannedTrials(experiment.id, planner.runnerId, chunk);
    store.finishPlan(experiment.id, planner.runnerId);
  } catch (error) {
    try {
      store.abandonPlan(experiment.id, planner.runnerId);
    } catch {
      // The stale-plan sweep removes it once the lease goes stale.
    }
    throw error;
  }
}
