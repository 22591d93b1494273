import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../electron/core/store/lab-store';
import { StoreError } from '../../../electron/core/store/types';
import { makeTempDir, sampleExperiment, sampleItems, type TempDir } from './fixtures';

let temp: TempDir;
let clockMs: number;
let store: LabStore;

beforeEach(() => {
  temp = makeTempDir();
  clockMs = Date.parse('2025-01-02T03:04:05.000Z');
  store = LabStore.open(temp.file('lab.sqlite'), { quorumVersion: '0.1.0', now: () => clockMs });
});
afterEach(() => {
  store.close();
  temp.remove();
});

describe('LabStore experiments', () => {
  it('writes the plan: experiment, cells, items and every trial as planned', () => {
    const experiment = sampleExperiment('exp-1', 4, 2);
    store.createExperiment(experiment);

    const detail = store.getExperiment('exp-1');
    expect(detail).toMatchObject({
      id: 'exp-1',
      name: 'vote vs single',
      status: 'planned',
      createdAt: '2025-01-02T03:04:05.000Z',
      startedAt: null,
      finishedAt: null,
      total: 3 * 4 * 2,
      done: 0,
      failed: 0,
      source: 'examples/vote.json',
      error: null,
    });
    expect(detail?.spec).toEqual(experiment.spec);
    expect(store.getCells('exp-1')).toEqual(experiment.cells);
    expect(store.getItems('exp-1')).toEqual(sampleItems(4));
    expect(store.countTrials('exp-1')).toEqual({ total: 24, planned: 24, running: 0, done: 0, failed: 0 });

    const pending = store.pendingTrials('exp-1');
    expect(pending).toHaveLength(24);
    expect(pending.map((trial) => trial.seed)).toEqual(experiment.trials.map((trial) => trial.seed));
    expect(pending[0]).toEqual({ trialId: pending[0]!.trialId, cellIndex: 0, itemIndex: 0, repetition: 0, seed: 1 });
    const ids = pending.map((trial) => trial.trialId);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('writes nothing when any part of the plan is invalid', () => {
    const experiment = sampleExperiment('broken', 2);
    experiment.trials.push({ cellIndex: 99, itemIndex: 0, repetition: 0, seed: 1 });
    expect(() => store.createExperiment(experiment)).toThrow(/FOREIGN KEY/);
    expect(store.getExperiment('broken')).toBeNull();
    expect(store.listExperiments()).toEqual([]);
  });

  it('plans 100k trials quickly', () => {
    const experiment = sampleExperiment('big', 10_000, 3); // 3 cells × 10k items × 3 repetitions = 90k
    experiment.trials.push(
      ...Array.from({ length: 10_000 }, (_, itemIndex) => ({ cellIndex: 0, itemIndex, repetition: 3, seed: itemIndex })),
    );
    const startedAt = performance.now();
    store.createExperiment(experiment);
    const elapsedMs = performance.now() - startedAt;
    expect(store.countTrials('big').total).toBe(100_000);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('lists experiments newest first with their counts', () => {
    store.createExperiment(sampleExperiment('old', 1));
    clockMs += 1000;
    store.createExperiment(sampleExperiment('new', 2));
    const trial = store.pendingTrials('new')[0]!;
    store.markTrialFailed(trial.trialId, 'backend down', clockMs);

    const rows = store.listExperiments();
    expect(rows.map((row) => row.id)).toEqual(['new', 'old']);
    expect(rows[0]).toMatchObject({ total: 6, done: 0, failed: 1 });
    expect(rows[1]).toMatchObject({ total: 3, done: 0, failed: 0 });
  });

  it('lists an experiment without trials with zero counts', () => {
    const empty = { ...sampleExperiment('empty', 1), trials: [] };
    store.createExperiment(empty);
    expect(store.listExperiments()[0]).toMatchObject({ id: 'empty', total: 0, done: 0, failed: 0 });
    expect(store.countTrials('empty')).toEqual({ total: 0, planned: 0, running: 0, done: 0, failed: 0 });
  });

  it('returns null for an unknown experiment', () => {
    expect(store.getExperiment('nope')).toBeNull();
  });

  it('stamps started_at once and finished_at on terminal statuses', () => {
    store.createExperiment(sampleExperiment('exp', 1));
    store.setStatus('exp', 'running');
    const firstStart = store.getExperiment('exp')?.startedAt;
    expect(firstStart).toBe('2025-01-02T03:04:05.000Z');

    clockMs += 60_000;
    store.setStatus('exp', 'interrupted');
    store.setStatus('exp', 'running');
    expect(store.getExperiment('exp')).toMatchObject({ status: 'running', startedAt: firstStart, finishedAt: null });

    clockMs += 60_000;
    store.setStatus('exp', 'failed', { error: 'model vanished' });
    expect(store.getExperiment('exp')).toMatchObject({
      status: 'failed',
      error: 'model vanished',
      finishedAt: '2025-01-02T03:06:05.000Z',
    });

    store.setStatus('exp', 'running');
    expect(store.getExperiment('exp')).toMatchObject({ status: 'running', error: null, finishedAt: null });
    store.setStatus('exp', 'completed');
    expect(store.getExperiment('exp')?.finishedAt).toBe('2025-01-02T03:06:05.000Z');
  });

  it('refuses a status change for an unknown experiment', () => {
    expect(() => store.setStatus('ghost', 'running')).toThrow(StoreError);
  });

  it('keeps everything across close and reopen', () => {
    const path = temp.file('lab.sqlite');
    const experiment = sampleExperiment('kept', 2);
    store.createExperiment(experiment);
    store.setStatus('kept', 'running');
    store.close();

    store = LabStore.open(path);
    expect(store.getExperiment('kept')).toMatchObject({ status: 'running', total: 6 });
    expect(store.getCells('kept')).toEqual(experiment.cells);
    expect(store.getItems('kept')).toEqual(experiment.items);
    expect(store.pendingTrials('kept')).toHaveLength(6);
  });
});
