/**
 * Runs experiments on the sim the way the lab does (spec → cells → items →
 * trials through the team engine), in memory and without a database, for the
 * measured tables of docs/sim-backend.md and for tests that check the sim
 * against theory. Nothing in the app imports it.
 */
import { formatIssues } from '../../../../shared/contract/schema';
import { expandCells, parseExperimentSpec, type CellSpec, type ExperimentSpec } from '../../../../shared/domain/spec';
import { callSettingsFor } from '../../engine/call-settings';
import { runTrial } from '../../engine/trial-engine';
import { generatedItems, suiteForTasks, type TaskItem } from '../../tasks';
import type { AgentAnswer, TrialOutcome } from '../../trial-record';
import { deriveSeed } from '../../util/random';
import { BackendRegistry } from '../registry';
import { SimBackend } from '../sim';

export interface TrialRun {
  item: TaskItem;
  repetition: number;
  outcome: TrialOutcome;
}

export interface CellRun {
  cell: CellSpec;
  trials: TrialRun[];
}

export function parseSpec(input: unknown): ExperimentSpec {
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(`invalid spec:\n${formatIssues(parsed.issues)}`);
  return parsed.value;
}

/** The spec's items, generated as the lab generates them (with the spec's hardness mixture, if any). */
export function itemsOf(spec: ExperimentSpec): TaskItem[] {
  return generatedItems(spec.tasks);
}

/**
 * Every cell × item × repetition of the spec, one trial at a time. Trial seeds
 * come from (spec seed, item, repetition) as the planner derives them, never
 * from the cell, so cells are compared on common random numbers.
 */
export async function runExperiment(input: unknown): Promise<CellRun[]> {
  const spec = parseSpec(input);
  const items = itemsOf(spec);
  const suite = suiteForTasks(spec.tasks);
  const settings = callSettingsFor(spec);
  const backends = new BackendRegistry([new SimBackend()]);
  const signal = new AbortController().signal;
  const runs: CellRun[] = [];
  for (const cell of expandCells(spec)) {
    const trials: TrialRun[] = [];
    for (let repetition = 0; repetition < spec.repetitions; repetition++) {
      for (const item of items) {
        const seed = deriveSeed(spec.seed, 'trial', item.index, repetition);
        const outcome = await runTrial({ item, suite, cell, defaults: spec.agents, settings, seed }, backends, signal);
        trials.push({ item, repetition, outcome });
      }
    }
    runs.push({ cell, trials });
  }
  return runs;
}

/** The answers of a trial's first calls (round 0), one per agent, in agent order. */
export function firstAnswers(outcome: TrialOutcome): AgentAnswer[] {
  const roundOf = new Map(outcome.calls.map((c) => [c.seq, c.round]));
  return outcome.answers.filter((a) => roundOf.get(a.callSeq) === 0).sort((a, b) => a.agentIndex - b.agentIndex);
}
