/**
 * What the app draws for an imported experiment (Results.jobs) and for the
 * paper's experiments pooled (getJobFigures): the speedup per p against
 * Amdahl's curve with intervals, the paper's other figures, and captions
 * that say how failed runs count.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { importPaper } from '../../../electron/core/paper/import-paper';
import type { JobFigure, JobFigures } from '../../../shared/domain/job-metrics';

const root = join(import.meta.dirname, '..', '..', '..');

let dir: string;
let handle: LabHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-paper-results-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
  await importPaper(handle.store, join(root, 'tests', 'fixtures', 'paper-data'));
});

afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

function figure(jobs: JobFigures | null, id: JobFigure['id']): JobFigure {
  const found = jobs?.figures.find((f) => f.id === id);
  if (!found) throw new Error(`no figure "${id}"`);
  return found;
}

describe('Results.jobs of an imported experiment', () => {
  it('draws the speedup against team size for each p, beside Amdahl\'s curve, with intervals', async () => {
    const results = await handle.lab.getResults({ id: 'paper-claude-sonnet-4-6-preassign' });
    const speedup = figure(results.jobs, 'speedup');
    expect(speedup.series.map((s) => s.key.p).sort()).toEqual([0.2, 0.5, 0.9]);
    const p09 = speedup.series.find((s) => s.key.p === 0.9)!;
    expect(p09.points.map((p) => p.x)).toEqual([1, 2, 3, 4, 5]);
    expect(p09.points.map((p) => p.y.toFixed(2))).toEqual(['1.00', '1.80', '2.42', '2.78', '3.35']);
    for (const point of p09.points.slice(1)) {
      expect(point.low).toBeLessThan(point.y);
      expect(point.high).toBeGreaterThan(point.y);
    }
    const amdahl = speedup.references.find((r) => r.key.p === 0.9)!;
    expect(amdahl.points.map((p) => p.y.toFixed(2))).toEqual(['1.00', '1.82', '2.50', '3.08', '3.57']);
    expect(speedup.caption).toMatch(/failed runs are left out of this figure/);
  });

  it("puts ours, with failed runs kept, beside the paper's: lower where runs failed", async () => {
    const results = await handle.lab.getResults({ id: 'paper-gpt-5.2-self-claim' });
    const paper = figure(results.jobs, 'speedup').series.find((s) => s.key.p === 0.2)!;
    const ours = figure(results.jobs, 'speedup-all-runs').series.find((s) => s.key.p === 0.2)!;
    for (const [index, point] of ours.points.entries()) if (point.x > 1) expect(point.y).toBeLessThan(paper.points[index]!.y);
    expect(figure(results.jobs, 'speedup-all-runs').caption).toMatch(/failed run counts at the time it stopped/);
  });

  it("draws the paper's other figures and says why the final test-pass rate is missing", async () => {
    const results = await handle.lab.getResults({ id: 'paper-gemini-3-flash-preview-self-claim' });
    const ids = results.jobs!.figures.map((f) => f.id);
    expect(ids).toEqual(['speedup', 'speedup-all-runs', 'straggler-gap', 'tokens', 'conflicts', 'idle-rounds', 'barrier-utilization', 'success']);
    expect(results.jobs!.notes.join(' ')).toMatch(/no run has a final test run/);
    expect(figure(results.jobs, 'straggler-gap').series[0]!.points.map((p) => p.x)).toEqual([2, 3, 4, 5]);
    expect(figure(results.jobs, 'conflicts').series.map((s) => s.key.metric)).toEqual(['concurrent writes', 'rewrites', 'lock conflicts', 'claims blocked']);
    const success = figure(results.jobs, 'success');
    const p02 = success.series.find((s) => s.key.p === 0.2)!;
    expect(p02.points.every((p) => p.y >= 0 && p.y <= 1 && p.low !== null && p.high !== null)).toBe(true);
    for (const f of results.jobs!.figures) expect(f.caption).toMatch(/95%/);
  });

  it('is null for an experiment of other tasks', async () => {
    const { id } = await handle.lab.createExperiment({
      spec: { name: 'plain', tasks: { suite: 'arithmetic', count: 2 }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] },
      start: true,
    });
    await handle.lab.waitFor(id);
    expect((await handle.lab.getResults({ id })).jobs).toBeNull();
    await expect(handle.lab.getJobReport({ ids: [id], by: [] })).resolves.toMatchObject({ groups: [], notes: [expect.stringMatching(/no coding jobs/)] });
  });
});

describe('getJobFigures: experiments pooled', () => {
  it("draws both of the paper's modes and all three models in one figure", async () => {
    const ids = (await handle.lab.listExperiments()).map((e) => e.id).filter((id) => id.startsWith('paper-'));
    const pooled = await handle.lab.getJobFigures({ ids });
    const tokens = figure(pooled, 'tokens');
    expect(tokens.series).toHaveLength(6);
    expect(new Set(tokens.series.map((s) => s.key.mode))).toEqual(new Set(['preassign', 'self-claim']));
  });

  it('names an experiment that does not exist instead of leaving it out', async () => {
    await expect(handle.lab.getJobFigures({ ids: ['paper-gpt-5.2-preassign', 'nope'] })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/"nope"/) });
  });
});

describe('a job edited by hand', () => {
  it('leaves out the runs of a job that can no longer be read, and says which, instead of failing the report', async () => {
    const db = new Database(join(dir, 'lab.sqlite'));
    try {
      db.prepare("UPDATE items SET job_json = '{\"subtasks\": 3' WHERE experiment_id = 'paper-gemini-3-flash-preview-preassign' AND item_index = 0").run();
    } finally {
      db.close();
    }
    const report = await handle.lab.getJobReport({ ids: ['paper-gemini-3-flash-preview-preassign'], by: ['mode'] });
    expect(report.notes.join(' ')).toMatch(/runs of item\(s\) 0 are left out: their items\.job_json cannot be read/);
    expect(report.groups[0]!.runs).toBeGreaterThan(0);
    expect(report.groups[0]!.runs).toBeLessThan(228);
  });
});
