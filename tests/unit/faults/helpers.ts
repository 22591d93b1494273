/**
 * Runs trials of cells with faults through the team engine, on the sim
 * unless told otherwise, with the call timeout and signals a test needs.
 */
import type { CellSpec } from '../../../shared/domain/cells';
import { SimBackend } from '../../../electron/core/backends/sim';
import type { CallRequest, CallResult, ModelBackend } from '../../../electron/core/backends/types';
import { callSettingsFor } from '../../../electron/core/engine/call-settings';
import { runTrial } from '../../../electron/core/engine/trial-engine';
import type { TaskItem } from '../../../electron/core/tasks';
import type { TrialOutcome } from '../../../electron/core/trial-record';
import { arithmetic, simBackends, specOf } from '../teams/engine-helpers';

export { cellOf, cellsOf, expectConsistentTimeline, itemsOf, logicalPart } from '../teams/engine-helpers';

export interface FaultRunOptions {
  seed?: number;
  backend?: ModelBackend;
  /** The call timeout (default: the spec default, 600 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  pauseSignal?: AbortSignal;
}

export function runFaulty(cell: CellSpec, item: TaskItem, options: FaultRunOptions = {}): Promise<TrialOutcome> {
  const spec = specOf([{ structure: 'single' }]);
  const settings = callSettingsFor(spec);
  return runTrial(
    {
      item,
      suite: arithmetic,
      cell,
      defaults: spec.agents,
      settings: options.timeoutMs === undefined ? settings : { ...settings, timeoutMs: options.timeoutMs },
      seed: options.seed ?? 1000 + item.index,
      ...(options.pauseSignal ? { pauseSignal: options.pauseSignal } : {}),
    },
    simBackends(...(options.backend ? [options.backend] : [])),
    options.signal ?? new AbortController().signal,
  );
}

/** The sim, counting the requests each agent really sent. */
export class CountingSim implements ModelBackend {
  readonly kind = 'sim';
  readonly requests: CallRequest[] = [];
  private readonly sim: SimBackend;
  constructor(options: ConstructorParameters<typeof SimBackend>[0] = {}) {
    this.sim = new SimBackend(options);
  }
  get virtualTime(): boolean {
    return this.sim.virtualTime;
  }
  check(model: string): Promise<void> {
    return this.sim.check(model);
  }
  call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    this.requests.push(request);
    return this.sim.call(request, signal);
  }
  sentBy(agent: number): number {
    return this.requests.filter((r) => r.agentIndex === agent).length;
  }
}

/** The agents an event kind names, ascending. */
export function agentsOf(outcome: TrialOutcome, kind: string): number[] {
  return outcome.events.filter((e) => e.kind === kind).map((e) => e.agentIndex!).sort((a, b) => a - b);
}
