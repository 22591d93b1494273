/**
 * Results.jobs and the report for an experiment Quorum ran itself: the
 * coding team on the sim, with and without a barrier, through the lab on a
 * real SQLite file. The figures a user reads from it: speedup against
 * Amdahl's curve, barrier utilization of rounds against async, and the final
 * test-pass rate the paper's runs lack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import type { JobFigure, JobFigures } from '../../../shared/domain/job-metrics';

const root = join(import.meta.dirname, '..', '..', '..');

let dir: string;
let handle: LabHandle;
let id: string;
let jobs: JobFigures | null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-sim-jobs-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
  ({ id } = await handle.lab.createExperiment({
    spec: {
      name: 'coding team on the sim',
      tasks: { suite: 'coding', count: 2, p: [0.5], subtasks: 8, domains: ['math', 'text'] },
      agents: { model: 'sim:default' },
      teams: [{ structure: 'coding-team', sizes: [1, 3], mode: 'preassign', execution: ['rounds', 'async'] }],
      repetitions: 2,
    },
    start: true,
  }));
  await handle.lab.waitFor(id);
  jobs = (await handle.lab.getResults({ id })).jobs;
}, 120_000);

afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

function figure(figureId: JobFigure['id']): JobFigure {
  const found = jobs?.figures.find((f) => f.id === figureId);
  if (!found) throw new Error(`no figure "${figureId}"; notes: ${jobs?.notes.join(' ')}`);
  return found;
}

describe('Results.jobs of a sim experiment', () => {
  it('draws the speedup of each execution against team size, from 1 at n = 1, beside Amdahl at p = 0.5', () => {
    const speedup = figure('speedup');
    expect(speedup.series.map((s) => s.key.execution).sort()).toEqual(['async', 'rounds']);
    for (const series of speedup.series) {
      expect(series.points.map((p) => p.x)).toEqual([1, 3]);
      expect(series.points[0]!.y).toBe(1);
      expect(series.points[1]!.y).toBeGreaterThan(0);
    }
    expect(speedup.references.map((r) => r.points.map((p) => p.y.toFixed(2)))).toEqual([['1.00', '1.33', '1.50']]);
  });

  it('sets barrier utilization with rounds beside async, each a share of agent-time', () => {
    const utilization = figure('barrier-utilization');
    const byExecution = new Map(utilization.series.map((s) => [String(s.key.execution), s.points]));
    expect([...byExecution.keys()].sort()).toEqual(['async', 'rounds']);
    for (const points of byExecution.values()) {
      expect(points.map((p) => p.x)).toEqual([3]);
      expect(points[0]!.y).toBeGreaterThan(0);
      expect(points[0]!.y).toBeLessThanOrEqual(1);
    }
  });

  it('draws the final test-pass rate from the runs\' closing test runs, and the straggler gap for rounds only', () => {
    const finalTests = figure('final-tests');
    for (const series of finalTests.series) for (const point of series.points) expect(point.runs).toBe(4);
    expect(figure('straggler-gap').series.map((s) => s.key.execution)).toEqual(['rounds']);
  });

  it('reports every metric per cell, with the final test run counted for every run', async () => {
    const report = await handle.lab.getJobReport({ ids: [id], by: [] });
    expect(report.groups).toHaveLength(4);
    for (const group of report.groups) {
      expect(group.runs).toBe(4);
      expect(group.jobs).toBe(2);
      expect(group.finalTestsPassRate.runs).toBe(4);
      expect(group.agentTurns.value).toBeGreaterThan(0);
      expect(group.tokens.value).toBeGreaterThan(0);
    }
    const byOrigin = await handle.lab.getJobReport({ ids: [id], by: ['origin'] });
    expect(byOrigin.groups.map((g) => [g.key.origin, g.runs])).toEqual([['quorum', 16]]);
  });
});
