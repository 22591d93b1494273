/**
 * How a run ends when something goes wrong that is not a trial's fault: it
 * stops every worker before it reports, and keeps storage problems apart from
 * trial failures.
 */
import { describe, expect, it } from 'vitest';
import { expandCells, parseExperimentSpec } from '../../../shared/domain/spec';
import { BackendRegistry } from '../../../electron/core/backends/registry';
import { SimBackend } from '../../../electron/core/backends/sim';
import type { CallRequest, CallResult, ModelBackend } from '../../../electron/core/backends/types';
import { ExperimentRunner, type RunEnd } from '../../../electron/core/scheduler/experiment-runner';
import type { TrialSink } from '../../../electron/core/scheduler/trial-sink';
import type { PendingTrial, TrialResultToSave } from '../../../electron/core/store/types';
import { getTaskSuite } from '../../../electron/core/tasks';
import { callSettingsFor } from '../../../electron/core/engine/call-settings';

const parsed = parseExperimentSpec({
  name: 'runner',
  tasks: { suite: 'arithmetic', count: 40, seed: 1 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'vote', sizes: [3] }],
  concurrency: 4,
});
if (!parsed.ok) throw new Error('bad spec');
const spec = parsed.value;
const cells = expandCells(spec);
const suite = getTaskSuite('arithmetic');
const items = suite.generate({ count: 40, seed: 1, difficulty: 3 });

/** A real-time sim that counts the calls it is serving right now. */
class CountingSim implements ModelBackend {
  readonly kind = 'sim';
  active = 0;
  private readonly sim = new SimBackend({ realTime: true, timeScale: 0.01 });
  async check(): Promise<void> {}
  async call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    this.active++;
    try {
      return await this.sim.call(request, signal);
    } finally {
      this.active--;
    }
  }
}

function runner(pending: PendingTrial[], sink: TrialSink, backend: CountingSim, onSettled: (end: RunEnd, error: string | null, inFlight: number, active: number) => void) {
  const run: ExperimentRunner = new ExperimentRunner(
    { experimentId: 'exp', defaults: spec.agents, settings: callSettingsFor(spec), suite, cells, items, pending, counts: { total: pending.length, planned: pending.length, running: 0, done: 0, failed: 0 }, concurrency: 4 },
    {
      sink,
      backends: new BackendRegistry([backend]),
      onProgress() {},
      onSettled: (end, error) => onSettled(end, error, run.progress().inFlight, backend.active),
      results: { maxDelayMs: 5 },
    },
  );
  return run;
}

const trials = (n: number): PendingTrial[] => Array.from({ length: n }, (_, i) => ({ trialId: i + 1, cellIndex: 0, itemIndex: i % 40, repetition: 0, seed: 1000 + i }));

describe('ExperimentRunner', () => {
  it('stops every other worker before it settles a run that failed', async () => {
    const backend = new CountingSim();
    const saved: TrialResultToSave[] = [];
    // The fifth trial names a cell the plan does not have: its worker throws, mid-run, while three others are in flight.
    const pending = trials(20);
    pending[4] = { ...pending[4]!, cellIndex: 7 };
    let settled: { end: RunEnd; error: string | null; inFlight: number; active: number } | null = null;
    await runner(pending, { saveResults: (batch) => saved.push(...batch) }, backend, (end, error, inFlight, active) => (settled = { end, error, inFlight, active })).run();
    expect(settled).toMatchObject({ end: 'failed', inFlight: 0, active: 0 });
    expect(settled!.error).toMatch(/missing cell or item/);
    // What finished before the failure is still saved; nothing was run after it.
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(20);
    expect(saved.every((result) => 'outcome' in result)).toBe(true);
  });

  it('never records a storage failure as a failed trial', async () => {
    const backend = new CountingSim();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    let attempts = 0;
    let settled: { end: RunEnd; error: string | null } | null = null;
    await runner(
      trials(12),
      {
        saveResults: () => {
          attempts++;
          throw full;
        },
      },
      backend,
      (end, error) => (settled = { end, error }),
    ).run();
    expect(settled).toMatchObject({ end: 'interrupted' });
    expect(settled!.error).toMatch(/could not be saved: database or disk is full/);
    // One failed commit stops the run: nothing is retried against a full disk, and no failure entry is written.
    expect(attempts).toBe(1);
  });

  it('keeps a batch through a busy database and commits it once the lock is gone', async () => {
    const backend = new CountingSim();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const saved: TrialResultToSave[] = [];
    let refusals = 3;
    let settled: RunEnd | null = null;
    await runner(
      trials(16),
      {
        saveResults: (batch) => {
          if (refusals-- > 0) throw busy;
          saved.push(...batch);
        },
      },
      backend,
      (end) => (settled = end),
    ).run();
    expect(settled).toBe('completed');
    expect(new Set(saved.map((result) => result.trialId)).size).toBe(16);
    expect(saved.every((result) => 'outcome' in result)).toBe(true);
  });
});
