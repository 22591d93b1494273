/**
 * The experiments behind docs/sim-backend.md's measured tables, written as
 * ordinary specs, so every figure is what a user running the same JSON gets.
 * Item counts are kept small enough for the whole page to regenerate in a few
 * seconds (a unit test regenerates it); the tables say how many items each
 * figure rests on.
 */
import type { SimModelSpec } from '../../../../shared/domain/sim-spec';
import type { HardnessMixture } from '../../tasks/types';
import { firstAnswers, runExperiment, type CellRun } from './doc-runs';
import type { Graded } from './doc-stats';

/** Seed of every experiment's trials, and of its items. */
export const DOC_SEED = 5;
export const ITEM_SEED = 11;
export const PRESETS = ['weak', 'fast', 'default', 'strong'] as const;

/** Mostly easy items with a block of very hard ones: the mixture of arXiv 2403.02419. */
export const EASY_HARD_MIX: HardnessMixture = {
  mixture: [
    { share: 0.7, mean: 0.2 },
    { share: 0.3, mean: 0.85 },
  ],
};

export interface ExperimentInput {
  difficulty: number;
  items: number;
  teams: Array<Record<string, unknown>>;
  /** One model, or a model axis. */
  models?: string[];
  own?: Record<string, Partial<SimModelSpec>>;
  temperature?: number;
  hardness?: HardnessMixture;
  seed?: number;
}

export function experiment(input: ExperimentInput): Promise<CellRun[]> {
  return runExperiment({
    name: 'sim docs',
    tasks: { suite: 'arithmetic', count: input.items, seed: ITEM_SEED, difficulty: input.difficulty, ...(input.hardness ? { hardness: input.hardness } : {}) },
    agents: { models: input.models ?? ['sim:default'], temperature: input.temperature ?? 0.7 },
    teams: input.teams,
    ...(input.own ? { sim: { models: input.own } } : {}),
    seed: input.seed ?? DOC_SEED,
  });
}

/** Each trial's first answers, graded: one row per trial, one entry per agent. */
export function gradedRows(run: CellRun): Graded[][] {
  return run.trials.map((t) => firstAnswers(t.outcome).map((a) => ({ answer: a.extracted, correct: a.correct })));
}

/** 1 for a right team answer, else 0, per trial. */
export function outcomes(run: CellRun): number[] {
  return run.trials.map((t) => (t.outcome.correct ? 1 : 0));
}
