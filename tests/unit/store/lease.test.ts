import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEASE_STALE_MS, LabStore } from '../../../electron/core/store/lab-store';
import { StoreError, type RunnerLease } from '../../../electron/core/store/types';
import { makeTempDir, sampleExperiment, type TempDir } from './fixtures';

let temp: TempDir;
let store: LabStore;
const T0 = 1_700_000_000_000;

function lease(runnerId: string, heartbeatAtMs: number): RunnerLease {
  return { runnerId, pid: 1234, hostname: 'lab-host', heartbeatAtMs };
}

beforeEach(() => {
  temp = makeTempDir();
  store = LabStore.open(temp.file('lab.sqlite'));
  store.createExperiment(sampleExperiment('exp', 1));
});
afterEach(() => {
  store.close();
  temp.remove();
});

describe('LabStore runner lease', () => {
  it('lets one runner hold an experiment while it beats', () => {
    expect(store.acquireLease('exp', lease('a', T0))).toBe(true);
    expect(store.acquireLease('exp', lease('b', T0 + 1_000))).toBe(false);
    expect(store.heartbeat('exp', 'a', T0 + 10_000)).toBe(true);
    expect(store.acquireLease('exp', lease('b', T0 + 20_000))).toBe(false);
    // Re-acquiring one's own lease succeeds.
    expect(store.acquireLease('exp', lease('a', T0 + 21_000))).toBe(true);
  });

  it('lets another runner take a lease whose holder went silent', () => {
    store.acquireLease('exp', lease('a', T0));
    expect(store.acquireLease('exp', lease('b', T0 + LEASE_STALE_MS + 1))).toBe(true);
    // The old holder learns from its heartbeat that it lost the experiment.
    expect(store.heartbeat('exp', 'a', T0 + LEASE_STALE_MS + 2)).toBe(false);
  });

  it('frees the lease on release, and only for its holder', () => {
    store.acquireLease('exp', lease('a', T0));
    store.releaseLease('exp', 'b');
    expect(store.acquireLease('exp', lease('b', T0 + 1))).toBe(false);
    store.releaseLease('exp', 'a');
    expect(store.acquireLease('exp', lease('b', T0 + 2))).toBe(true);
  });

  it('refuses a lease on an unknown experiment', () => {
    expect(() => store.acquireLease('ghost', lease('a', T0))).toThrow(StoreError);
  });

  it('marks running experiments with a stale heartbeat as interrupted', () => {
    store.createExperiment(sampleExperiment('alive', 1));
    store.createExperiment(sampleExperiment('paused', 1));
    store.acquireLease('exp', lease('a', T0));
    store.setStatus('exp', 'running');
    store.acquireLease('alive', lease('b', T0 + 10_000));
    store.setStatus('alive', 'running');
    store.acquireLease('paused', lease('c', T0));
    store.setStatus('paused', 'paused');

    const nowMs = T0 + LEASE_STALE_MS + 5_000;
    expect(store.markInterrupted(nowMs, LEASE_STALE_MS)).toEqual(['exp']);
    expect(store.getExperiment('exp')?.status).toBe('interrupted');
    expect(store.getExperiment('alive')?.status).toBe('running');
    expect(store.getExperiment('paused')?.status).toBe('paused');
    // The interrupted experiment is free for the next runner.
    expect(store.acquireLease('exp', lease('d', nowMs))).toBe(true);
    expect(store.markInterrupted(nowMs, LEASE_STALE_MS)).toEqual([]);
  });
});
