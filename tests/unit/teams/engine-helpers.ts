/**
 * Runs real trials of a structure through the team engine on the sim backend,
 * and checks a trial against what the structure registry promises: its calls,
 * messages between agents and rounds, and a timeline on which no call starts
 * before what it reads or waits for has ended.
 */
import { expect } from 'vitest';
import type { CellSpec } from '../../../shared/domain/cells';
import { expandCells, parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';
import { structureDefinition } from '../../../shared/domain/structures';
import { BackendRegistry } from '../../../electron/core/backends/registry';
import { SimBackend } from '../../../electron/core/backends/sim';
import type { ModelBackend } from '../../../electron/core/backends/types';
import { callSettingsFor } from '../../../electron/core/engine/call-settings';
import { runTrial } from '../../../electron/core/engine/trial-engine';
import { getTaskSuite, type TaskItem } from '../../../electron/core/tasks';
import { agentMessageCount, type TrialOutcome } from '../../../electron/core/trial-record';
import { deriveSeed } from '../../../electron/core/util/random';

export const arithmetic = getTaskSuite('arithmetic');

/** A valid experiment spec around some team entries, on sim:default unless `model` says otherwise. */
export function specOf(teams: Array<Record<string, unknown>>, model = 'sim:default'): ExperimentSpec {
  const parsed = parseExperimentSpec({ name: 'engine test', tasks: { suite: 'arithmetic', count: 4, seed: 3, difficulty: 3 }, agents: { model }, teams });
  if (!parsed.ok) throw new Error(`invalid test spec: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/** The cells of one team entry (one per combination of its axis values). */
export function cellsOf(team: Record<string, unknown>, model?: string): CellSpec[] {
  return expandCells(specOf([team], model));
}

/** The single cell of an entry with one value per axis. */
export function cellOf(team: Record<string, unknown>, model?: string): CellSpec {
  const cells = cellsOf(team, model);
  if (cells.length !== 1) throw new Error(`expected one cell, got ${cells.length}`);
  return cells[0]!;
}

export function itemsOf(count: number, seed = 3, difficulty = 3): TaskItem[] {
  return arithmetic.generate({ count, seed, difficulty });
}

/** A trial seed from its coordinates, as the planner derives it: never from run order. */
export function trialSeed(cell: number, item: number, repetition = 0): number {
  return deriveSeed(0, 'trial', cell, item, repetition);
}

export function simBackends(...extra: ModelBackend[]): BackendRegistry {
  return new BackendRegistry(extra.length > 0 ? extra : [new SimBackend()]);
}

export interface RunOptions {
  backends?: BackendRegistry;
  seed?: number;
  signal?: AbortSignal;
}

export function runOn(cell: CellSpec, item: TaskItem, options: RunOptions = {}): Promise<TrialOutcome> {
  const spec = specOf([{ structure: 'single' }]);
  return runTrial(
    { item, suite: arithmetic, cell, defaults: spec.agents, settings: callSettingsFor(spec), seed: options.seed ?? trialSeed(cell.index, item.index) },
    options.backends ?? simBackends(),
    options.signal ?? new AbortController().signal,
  );
}

/** No call starts before a call it reads or waits for has ended, and the critical path is the latest end. */
export function expectConsistentTimeline(outcome: TrialOutcome): void {
  const bySeq = new Map(outcome.calls.map((c) => [c.seq, c]));
  for (const call of outcome.calls) {
    expect(call.logicalEndMs).toBeGreaterThanOrEqual(call.logicalStartMs);
    for (const seq of [...call.consumes, ...call.waitsFor]) {
      const before = bySeq.get(seq);
      expect(before, `call ${call.seq} refers to a call ${seq} that was never recorded`).toBeDefined();
      expect(call.logicalStartMs, `call ${call.seq} starts before call ${seq} ends`).toBeGreaterThanOrEqual(before!.logicalEndMs);
    }
  }
  expect(outcome.criticalPathMs).toBe(Math.max(...outcome.calls.map((c) => c.logicalEndMs)));
}

/** Calls, deliveries between agents and rounds equal the registry's formulas for the cell. */
export function expectRegistryCounts(cell: CellSpec, outcome: TrialOutcome): void {
  const expected = structureDefinition(cell.structure)!.expected(cell.params);
  const label = `${cell.structure} ${JSON.stringify(cell.params)}`;
  expect(outcome.calls.length, `${label}: calls`).toBe(expected.calls);
  expect(agentMessageCount(outcome.messages), `${label}: messages`).toBe(expected.messages);
  expect(outcome.rounds, `${label}: rounds`).toBe(expected.rounds);
}

/** Runs every cell on every item and checks each trial against the registry and the timeline rules. */
export async function expectCellsMatchRegistry(cells: readonly CellSpec[], items: readonly TaskItem[]): Promise<TrialOutcome[]> {
  const outcomes: TrialOutcome[] = [];
  for (const cell of cells) {
    for (const item of items) {
      const outcome = await runOn(cell, item);
      expect(outcome.calls.every((c) => c.status === 'ok')).toBe(true);
      expectRegistryCounts(cell, outcome);
      expectConsistentTimeline(outcome);
      outcomes.push(outcome);
    }
  }
  return outcomes;
}

/** An outcome without its wall-clock fields: what must be identical between two runs of one trial. */
export function logicalPart(outcome: TrialOutcome): unknown {
  const { wallMs: _w, startedAtMs: _s, finishedAtMs: _f, calls, ...rest } = outcome;
  return { ...rest, calls: calls.map(({ startedAtMs: _a, endedAtMs: _b, ...call }) => call) };
}
