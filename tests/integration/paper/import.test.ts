/**
 * `importPaper` on the released data (tests/fixtures/paper-data) into a real
 * SQLite file: every run becomes a trial with its events and its released
 * record, importing again adds nothing, and the imported experiments show as
 * completed and cannot be run.
 */
import Database from 'better-sqlite3';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { importPaper, type ImportSummary } from '../../../electron/core/paper/import-paper';
import { readPaperEvents, readPaperRuns, type PaperRun } from '../../../electron/core/paper/paper-files';
import { parseExperimentSpec } from '../../../shared/domain/spec';
import { measureExperimentRuns } from '../../../electron/core/analysis/jobs/measured-runs';

const root = join(import.meta.dirname, '..', '..', '..');
const data = join(root, 'tests', 'fixtures', 'paper-data');

/** The released counts of events.parquet by type (docs: the digest's section 1 and the brief). */
const RELEASED_EVENTS: Record<string, number> = {
  run_start: 1413,
  initialize: 1413,
  round_start: 23998,
  agent_reply: 73963,
  lock_attempt: 99839,
  edit_file: 99839,
  claim_task: 22309,
  claim_blocked: 36731,
  complete_task: 28785,
  run_tests: 33055,
  run_end: 1413,
};

let dir: string;
let handle: LabHandle;
let first: ImportSummary;
let db: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quorum-import-'));
  handle = createLab({ databasePath: join(dir, 'lab.sqlite'), appRoot: root, transport: 'http' });
  first = await importPaper(handle.store, data);
  db = new Database(join(dir, 'lab.sqlite'), { readonly: true });
});

afterAll(async () => {
  db.close();
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

describe('import-paper', () => {
  it('brings in all 1,413 runs as trials, one experiment per model and mode', () => {
    expect(first.runsAdded).toBe(1413);
    expect(count('SELECT COUNT(*) AS n FROM trials')).toBe(1413);
    expect(count("SELECT COUNT(*) AS n FROM trials WHERE status = 'done'")).toBe(1413);
    expect(count('SELECT COUNT(*) AS n FROM imported_runs')).toBe(1413);
    const experiments = db.prepare('SELECT id, status FROM experiments ORDER BY id').all() as Array<{ id: string; status: string }>;
    expect(experiments).toEqual(
      ['claude-sonnet-4-6', 'gemini-3-flash-preview', 'gpt-5.2'].flatMap((m) => [
        { id: `paper-${m}-preassign`, status: 'completed' },
        { id: `paper-${m}-self-claim`, status: 'completed' },
      ]),
    );
  });

  it('keeps every released event but `initialize`, whose team size and agent names the cell holds', () => {
    const byKind = Object.fromEntries((db.prepare('SELECT kind, COUNT(*) AS n FROM job_events GROUP BY kind').all() as Array<{ kind: string; n: number }>).map((r) => [r.kind, r.n]));
    const { initialize, ...kept } = RELEASED_EVENTS;
    expect(byKind).toEqual(kept);
    expect(first.leftOut).toEqual([{ type: 'initialize', count: initialize, why: expect.stringMatching(/cell/) }]);
    expect(first.eventsAdded).toBe(422_758 - 1413);
  });

  it('keeps each run\'s released row verbatim beside the trial it became', async () => {
    const released = await readPaperRuns(join(data, 'runs.parquet'));
    const stored = new Map((db.prepare('SELECT * FROM imported_runs').all() as Array<Omit<PaperRun, 'success'> & { trial_id: number; source: string; success: number }>).map((r) => [r.run_dir, r]));
    for (const run of released) {
      const row = stored.get(run.run_dir)!;
      expect({ ...row, success: row.success === 1 }).toEqual({ ...run, trial_id: row.trial_id, source: 'paper:2603.12229' });
    }
  });

  it('maps each run onto its cell, job and trial: mode, team size, domain × p, success, seconds, rounds, tokens', () => {
    const rows = db
      .prepare(`
        SELECT r.mode AS released_mode, r.n_teammates, r.task_type, r.p_true, r.success, r.wall_clock_seconds, r.total_rounds, r.total_input_tokens, r.total_output_tokens,
               c.size, c.model, c.structure, json_extract(c.params_json, '$.mode') AS mode, json_extract(c.params_json, '$.execution') AS execution,
               json_extract(i.job_json, '$.domain') AS domain, json_extract(i.job_json, '$.p') AS p, json_extract(i.job_json, '$.criticalPath') AS c,
               t.correct, t.critical_path_ms, t.wall_ms, t.rounds, t.tokens_in, t.tokens_out, t.score
        FROM imported_runs r JOIN trials t ON t.id = r.trial_id
        JOIN cells c ON c.experiment_id = t.experiment_id AND c.cell_index = t.cell_index
        JOIN items i ON i.experiment_id = t.experiment_id AND i.item_index = t.item_index`)
      .all() as Array<Record<string, number | string | null>>;
    expect(rows).toHaveLength(1413);
    const criticalPath: Record<string, number> = { '0.2': 16, '0.5': 10, '0.9': 2 };
    for (const row of rows) {
      expect(row.mode).toBe(row.released_mode === 'preassign_nolead' ? 'preassign' : 'self-claim');
      expect(row.structure).toBe('coding-team');
      expect(row.execution).toBe('rounds');
      expect(row.size).toBe(row.n_teammates);
      expect(row.model).toMatch(/^paper:(claude-sonnet-4-6|gemini-3-flash-preview|gpt-5\.2)$/);
      expect([row.domain, row.p]).toEqual([row.task_type, row.p_true]);
      expect(row.c).toBe(criticalPath[String(row.p_true)]);
      expect(row.correct).toBe(row.success);
      expect(row.critical_path_ms).toBeCloseTo(Number(row.wall_clock_seconds) * 1000, 6);
      expect(row.wall_ms).toBe(row.critical_path_ms);
      expect([row.rounds, row.tokens_in, row.tokens_out]).toEqual([row.total_rounds, row.total_input_tokens, row.total_output_tokens]);
      expect(row.score).toBeNull();
    }
  });

  it("stores the nine jobs from the task files, with their subtasks and the paper's critical paths", () => {
    expect(first.jobsFromTaskFiles).toBe(9);
    expect(first.minimalJobs).toEqual([]);
    const jobs = db.prepare("SELECT DISTINCT job_json FROM items WHERE experiment_id = 'paper-gpt-5.2-preassign'").all() as Array<{ job_json: string }>;
    expect(jobs).toHaveLength(9);
    for (const { job_json } of jobs) expect((JSON.parse(job_json) as { subtasks: unknown[] }).subtasks).toHaveLength(20);
  });

  it("gives every board event of a reply to the agent who replied, as the paper's loop applied them", async () => {
    // The released file names the agent of claim_task itself: the attribution must agree with it everywhere.
    const events = await readPaperEvents(join(data, 'events.parquet'));
    const claimsNamed = events.filter((e) => e.type === 'claim_task').length;
    expect(count("SELECT COUNT(*) AS n FROM job_events WHERE kind = 'claim_task' AND agent_index IS NOT NULL")).toBe(claimsNamed);
    expect(count("SELECT COUNT(*) AS n FROM job_events WHERE kind IN ('edit_file', 'lock_attempt', 'complete_task', 'claim_blocked', 'run_tests') AND agent_index IS NULL")).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM job_events WHERE kind IN ('round_start', 'run_start', 'run_end') AND agent_index IS NOT NULL")).toBe(0);
  });

  it("measures every run from its events, and agrees with the released columns where docs/job-metrics.md says it does", () => {
    const released = new Map((db.prepare('SELECT trial_id, concurrent_writes, claims_blocked, total_rounds FROM imported_runs').all() as Array<Record<string, number>>).map((r) => [r.trial_id!, r]));
    const runs = (db.prepare('SELECT id FROM experiments').all() as Array<{ id: string }>).flatMap(({ id }) => measureExperimentRuns(handle.store, id).runs);
    expect(runs).toHaveLength(1413);
    const agree = (field: 'concurrentWrites' | 'claimsBlocked', column: string) => runs.filter((r) => r[field] === released.get(r.trialId)![column]).length;
    expect(agree('concurrentWrites', 'concurrent_writes')).toBe(963);
    expect(agree('claimsBlocked', 'claims_blocked')).toBe(1244);
    expect(runs.every((r) => r.rounds === released.get(r.trialId)!.total_rounds)).toBe(true);
    expect(runs.every((r) => r.origin === 'paper' && r.lockConflicts === 0)).toBe(true);
  });

  it('adds nothing when the same data is imported again', async () => {
    const again = await importPaper(handle.store, data);
    expect(again.runsAdded).toBe(0);
    expect(again.runsAlreadyThere).toBe(1413);
    expect(count('SELECT COUNT(*) AS n FROM trials')).toBe(1413);
    expect(count('SELECT COUNT(*) AS n FROM job_events')).toBe(422_758 - 1413);
    expect(count('SELECT COUNT(*) AS n FROM experiments')).toBe(6);
  });

  it('refuses to run an imported experiment, and says what to do instead', async () => {
    for (const retryFailed of [false, true]) {
      await expect(handle.lab.startExperiment({ id: 'paper-gpt-5.2-preassign', retryFailed })).rejects.toMatchObject({
        code: 'unsupported',
        message: expect.stringMatching(/imported from released data.*not a plan Quorum can run.*coding-team/s),
      });
    }
    expect(count("SELECT COUNT(*) AS n FROM experiments WHERE status = 'completed'")).toBe(6);
  });

  it('refuses a spec that names a paper: model, saying why', () => {
    const parsed = parseExperimentSpec({ name: 'x', tasks: { suite: 'arithmetic', count: 1 }, agents: { model: 'paper:gpt-5.2' }, teams: [{ structure: 'single' }] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.message).toMatch(/imported from the paper's released data.*cannot be run|can be analysed but not run/);
  });
});

describe('import-paper on bad folders', () => {
  it('names the missing files of a folder that is not the released data', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'quorum-empty-'));
    try {
      await expect(importPaper(handle.store, empty)).rejects.toThrow(/runs\.parquet and .*events\.parquet not found/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not parquet, and writes nothing', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'quorum-bad-'));
    try {
      writeFileSync(join(bad, 'runs.parquet'), 'run_dir,success\nx,true\n');
      cpSync(join(data, 'events.parquet'), join(bad, 'events.parquet'));
      await expect(importPaper(handle.store, bad)).rejects.toThrow(/runs\.parquet is not a parquet file/);
      expect(count('SELECT COUNT(*) AS n FROM trials')).toBe(1413);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('stores minimal jobs when the task files are absent, and says so', async () => {
    const noTasks = mkdtempSync(join(tmpdir(), 'quorum-notasks-'));
    const file = join(noTasks, 'other.sqlite');
    const other = createLab({ databasePath: file, appRoot: root, transport: 'http' });
    try {
      mkdirSync(join(noTasks, 'data'));
      for (const name of ['runs.parquet', 'events.parquet']) cpSync(join(data, name), join(noTasks, 'data', name));
      const summary = await importPaper(other.store, join(noTasks, 'data'));
      expect(summary.jobsFromTaskFiles).toBe(0);
      expect(summary.minimalJobs).toHaveLength(9);
      const detail = await other.lab.getJobReport({ ids: ['paper-claude-sonnet-4-6-preassign'], by: ['p'] });
      expect(detail.groups.map((g) => [g.key.p, g.criticalPath])).toEqual([
        [0.2, 16],
        [0.5, 10],
        [0.9, 2],
      ]);
    } finally {
      await other.close();
      rmSync(noTasks, { recursive: true, force: true });
    }
  });
});
