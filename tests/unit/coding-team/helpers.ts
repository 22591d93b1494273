/** Runs coding-team trials through the team engine on the sim, as the lab runs them. */
import type { CodingJob, JobEvent } from '../../../shared/domain/jobs';
import type { BackendRegistry } from '../../../electron/core/backends/registry';
import { callSettingsFor } from '../../../electron/core/engine/call-settings';
import { runTrial } from '../../../electron/core/engine/trial-engine';
import type { TrialOutcome } from '../../../electron/core/trial-record';
import { arithmetic, cellOf, simBackends, specOf } from '../teams/engine-helpers';
import { jobItem } from './jobs';

export interface CodingTrial {
  mode: string;
  execution?: string;
  n: number;
  job: CodingJob;
  seed?: number;
  model?: string;
  maxRounds?: number;
  /** Backends to call instead of the sim alone (a failing model). */
  backends?: BackendRegistry;
}

export async function runCoding(trial: CodingTrial): Promise<TrialOutcome & { jobEvents: JobEvent[] }> {
  const cell = cellOf({ structure: 'coding-team', sizes: [trial.n], mode: trial.mode, execution: trial.execution ?? 'rounds', ...(trial.maxRounds ? { maxRounds: trial.maxRounds } : {}) }, trial.model);
  const spec = specOf([{ structure: 'single' }]);
  const outcome = await runTrial(
    { item: jobItem(trial.job), suite: arithmetic, cell, defaults: { ...spec.agents, maxTokens: 4096 }, settings: callSettingsFor(spec), seed: trial.seed ?? 1 },
    trial.backends ?? simBackends(),
    new AbortController().signal,
  );
  return { ...outcome, jobEvents: outcome.jobEvents ?? [] };
}

export const eventsOf = (events: readonly JobEvent[], kind: JobEvent['kind']) => events.filter((e) => e.kind === kind);
