/**
 * The finished runs of coding jobs, read in bulk for the job metrics
 * (docs/job-metrics.md): each trial with its cell, its job and, for a run
 * imported from the paper's released data, where it came from; and every
 * job event of those trials in one ordered pass. A trial is a run of a coding
 * job when its item holds a job (items.job_json); other trials are left out.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CodingJob, JobEvent } from '../../../shared/domain/jobs';
import { toJobEvent } from './job-event-rows';

/** One finished trial of a coding job, as the metrics read it. */
export interface JobRunRow {
  experimentId: string;
  trialId: number;
  cellIndex: number;
  itemIndex: number;
  repetition: number;
  /** 'failed': the trial itself stopped on an error (no run record beyond its timing). */
  status: 'done' | 'failed';
  model: string;
  structure: string;
  size: number;
  /** The cell's parameters as stored (mode, execution, maxRounds for coding-team). */
  params: Record<string, unknown>;
  /** Null when items.job_json cannot be read as a coding job (someone edited the file): the run is then left out, and said so. */
  job: JobSummary | null;
  correct: boolean;
  score: number | null;
  criticalPathMs: number | null;
  wallMs: number | null;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  rounds: number | null;
  tokensIn: number;
  tokensOut: number;
  /** imported_runs.source for a run brought in from released data; null for Quorum's own runs. */
  importedFrom: string | null;
}

/** What the metrics need of a job: its shape, not its files. */
export interface JobSummary {
  id: string;
  domain: string;
  p: number;
  criticalPath: number;
  subtasks: number;
}

interface RunRecord {
  experiment_id: string;
  trial_id: number;
  cell_index: number;
  item_index: number;
  repetition: number;
  status: string;
  model: string;
  structure: string;
  size: number;
  params_json: string;
  job_json: string;
  correct: number | null;
  score: number | null;
  critical_path_ms: number | null;
  wall_ms: number | null;
  started_at_ms: number | null;
  finished_at_ms: number | null;
  rounds: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  source: string | null;
}

type EventTuple = [number, string, number | null, number | null, number, string | null, string | null, number | null, number | null, number | null, string | null];

const RUNS = `
  SELECT t.experiment_id, t.id AS trial_id, t.cell_index, t.item_index, t.repetition, t.status,
         c.model, c.structure, c.size, c.params_json, i.job_json,
         t.correct, t.score, t.critical_path_ms, t.wall_ms, t.started_at_ms, t.finished_at_ms, t.rounds, t.tokens_in, t.tokens_out,
         ir.source
  FROM trials t
  JOIN cells c ON c.experiment_id = t.experiment_id AND c.cell_index = t.cell_index
  JOIN items i ON i.experiment_id = t.experiment_id AND i.item_index = t.item_index
  LEFT JOIN imported_runs ir ON ir.trial_id = t.id
  WHERE t.experiment_id = ? AND t.status IN ('done', 'failed') AND i.job_json IS NOT NULL
  ORDER BY t.id`;

// Trials in id order, each trial's events by the (trial_id, seq) key: one range scan per trial.
const EVENTS = `
  SELECT e.trial_id, e.kind, e.round, e.agent_index, e.at_ms, e.path, e.task_id, e.ok, e.returncode, e.seconds, e.detail
  FROM trials t JOIN job_events e ON e.trial_id = t.id
  WHERE t.experiment_id = ? AND t.status IN ('done', 'failed')
  ORDER BY t.id, e.seq`;

export class JobRunRows {
  private readonly selectRuns: Statement<[string], RunRecord>;
  private readonly selectEvents: Statement<[string], EventTuple>;
  private readonly hasJobs: Statement<[string], { found: number }>;
  private readonly importSource: Statement<[string], { source: string }>;

  constructor(db: Database) {
    this.selectRuns = db.prepare(RUNS);
    this.selectEvents = db.prepare<[string], EventTuple>(EVENTS).raw(true) as unknown as Statement<[string], EventTuple>;
    this.hasJobs = db.prepare('SELECT EXISTS (SELECT 1 FROM items WHERE experiment_id = ? AND job_json IS NOT NULL) AS found');
    this.importSource = db.prepare(`
      SELECT ir.source FROM trials t JOIN imported_runs ir ON ir.trial_id = t.id WHERE t.experiment_id = ? LIMIT 1`);
  }

  /** Whether the experiment's items are coding jobs. */
  holdsJobs(experimentId: string): boolean {
    return this.hasJobs.get(experimentId)?.found === 1;
  }

  /** Where the experiment's runs were imported from (imported_runs.source), or null for an experiment Quorum ran. */
  importedFrom(experimentId: string): string | null {
    return this.importSource.get(experimentId)?.source ?? null;
  }

  /** The experiment's finished runs of coding jobs, in trial order; a job Quorum cannot read is left null, not guessed. */
  runs(experimentId: string): JobRunRow[] {
    const jobs = new Map<string, JobSummary | null>();
    return this.selectRuns.all(experimentId).map((record) => {
      if (!jobs.has(record.job_json)) jobs.set(record.job_json, summarizeJob(record.job_json, record.item_index));
      return toJobRun(record, jobs.get(record.job_json)!);
    });
  }

  /** Every job event of the experiment's finished trials, by trial, in order. */
  eventsByTrial(experimentId: string): Map<number, JobEvent[]> {
    const byTrial = new Map<number, JobEvent[]>();
    let current: JobEvent[] = [];
    let currentTrial = -1;
    for (const row of this.selectEvents.iterate(experimentId)) {
      const [trialId, kind, round, agent, atMs, path, taskId, ok, returncode, seconds, detail] = row;
      if (trialId !== currentTrial) {
        currentTrial = trialId;
        current = [];
        byTrial.set(trialId, current);
      }
      const event = toJobEvent({ kind, round, agent_index: agent, at_ms: atMs, path, task_id: taskId, ok, returncode, seconds, detail });
      if (event) current.push(event);
    }
    return byTrial;
  }
}

function toJobRun(record: RunRecord, job: JobSummary | null): JobRunRow {
  return {
    experimentId: record.experiment_id,
    trialId: record.trial_id,
    cellIndex: record.cell_index,
    itemIndex: record.item_index,
    repetition: record.repetition,
    status: record.status === 'failed' ? 'failed' : 'done',
    model: record.model,
    structure: record.structure,
    size: record.size,
    params: parseObject(record.params_json),
    job,
    correct: record.correct === 1,
    score: record.score,
    criticalPathMs: record.critical_path_ms,
    wallMs: record.wall_ms,
    startedAtMs: record.started_at_ms,
    finishedAtMs: record.finished_at_ms,
    rounds: record.rounds,
    tokensIn: record.tokens_in ?? 0,
    tokensOut: record.tokens_out ?? 0,
    importedFrom: record.source,
  };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The job's shape from items.job_json, checked field by field (the file is public and people edit it); null when it is not a job. */
function summarizeJob(json: string, itemIndex: number): JobSummary | null {
  let value: Partial<CodingJob>;
  try {
    value = JSON.parse(json) as Partial<CodingJob>;
  } catch {
    return null;
  }
  const subtasks = typeof value === 'object' && value !== null && Array.isArray(value.subtasks) ? value.subtasks.length : null;
  if (subtasks === null || typeof value.p !== 'number' || typeof value.criticalPath !== 'number') return null;
  return {
    id: typeof value.id === 'string' ? value.id : `item-${itemIndex}`,
    domain: typeof value.domain === 'string' ? value.domain : 'unknown',
    p: value.p,
    criticalPath: value.criticalPath,
    subtasks,
  };
}
