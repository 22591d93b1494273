/** The desktop app and a CLI run may open one file at once: two stores on one file must cooperate. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../electron/core/store/lab-store';
import { makeTempDir, sampleExperiment, sampleOutcome, type TempDir } from '../../unit/store/fixtures';

let temp: TempDir;
let app: LabStore;
let cli: LabStore;

beforeEach(() => {
  temp = makeTempDir();
  const path = temp.file('shared.sqlite');
  app = LabStore.open(path);
  cli = LabStore.open(path);
});
afterEach(() => {
  app.close();
  cli.close();
  temp.remove();
});

describe('two stores on one file', () => {
  it('see each other’s writes and let only one run an experiment', () => {
    cli.createExperiment(sampleExperiment('exp', 2));
    expect(app.listExperiments().map((row) => row.id)).toEqual(['exp']);

    const now = Date.now();
    expect(cli.acquireLease('exp', { runnerId: 'cli', pid: 1, hostname: 'h', heartbeatAtMs: now })).toBe(true);
    expect(app.acquireLease('exp', { runnerId: 'app', pid: 2, hostname: 'h', heartbeatAtMs: now + 1 })).toBe(false);

    cli.setStatus('exp', 'running');
    for (const trial of cli.pendingTrials('exp')) {
      cli.markTrialRunning(trial.trialId, now);
      expect(app.countTrials('exp').running).toBe(1);
      cli.saveTrialOutcome(trial.trialId, sampleOutcome());
    }
    cli.setStatus('exp', 'completed');
    cli.releaseLease('exp', 'cli');

    expect(app.getExperiment('exp')).toMatchObject({ status: 'completed', total: 6, done: 6 });
    expect(app.acquireLease('exp', { runnerId: 'app', pid: 2, hostname: 'h', heartbeatAtMs: now + 2 })).toBe(true);
  });

  it('hand out distinct call ids when both write outcome batches', () => {
    app.createExperiment(sampleExperiment('exp', 4));
    const ids = app.pendingTrials('exp').map((trial) => trial.trialId);
    // Alternating writers: each batch must read the newest call id under its
    // write lock, not one remembered from its own previous batch.
    for (let i = 0; i < ids.length; i += 2) {
      const writer = i % 4 === 0 ? app : cli;
      writer.saveTrialOutcomes(ids.slice(i, i + 2).map((trialId) => ({ trialId, outcome: sampleOutcome() })));
    }
    cli.saveTrialOutcomes([{ trialId: ids[0]!, outcome: sampleOutcome() }]);
    app.saveTrialOutcomes([{ trialId: ids[1]!, outcome: sampleOutcome() }]);
    expect(app.countTrials('exp')).toMatchObject({ total: 12, done: 12 });
    expect(cli.trialResults('exp').every((row) => row.calls === 4)).toBe(true);
  });

  it('a second open of a migrated file does not migrate it again', () => {
    app.createExperiment(sampleExperiment('exp', 1));
    const third = LabStore.open(temp.file('shared.sqlite'));
    expect(third.getExperiment('exp')?.total).toBe(3);
    third.close();
  });
});
