/**
 * Writes runs imported from released data (the paper's, docs/job-metrics.md)
 * as a finished experiment: cells, items with their jobs, one done trial per
 * run with its job events, and the released record verbatim in
 * imported_runs. Everything one import adds is written in one transaction:
 * all of it or, on any error, none of it. imported_runs is unique on
 * (source, run_dir), so a run can never be imported twice.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { CodingJob, JobEvent } from '../../../shared/domain/jobs';
import type { CellSpec, ExperimentSpec } from '../../../shared/domain/spec';
import { BulkInsert } from './bulk-insert';

/** A released run's record, column for column as imported_runs holds it. */
export interface ImportedRunRecord {
  source: string;
  run_dir: string;
  model_dir: string;
  exp_dir: string;
  mode: string;
  task_type: string;
  p_label: string;
  p_true: number;
  n_teammates: number;
  rep: number;
  success: boolean;
  wall_clock_seconds: number;
  total_rounds: number;
  concurrent_writes: number;
  claims_blocked: number;
  total_input_tokens: number;
  total_output_tokens: number;
}

export interface ImportedTrial {
  cellIndex: number;
  itemIndex: number;
  repetition: number;
  /** How the run ended (run_end's reason), kept as the trial's final answer. */
  finalAnswer: string;
  correct: boolean;
  wallMs: number;
  criticalPathMs: number;
  rounds: number;
  tokensIn: number;
  tokensOut: number;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  events: readonly JobEvent[];
  record: ImportedRunRecord;
}

export interface ImportedItem {
  index: number;
  prompt: string;
  job: CodingJob;
}

/** What one import adds to one experiment (creating it when `create`). */
export interface ImportedExperimentWrite {
  id: string;
  name: string;
  /** Written whole: it describes every cell the experiment holds after the import. */
  spec: ExperimentSpec;
  source: string | null;
  create: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  /** Cells and items not yet in the experiment. */
  newCells: CellSpec[];
  newItems: ImportedItem[];
  trials: ImportedTrial[];
}

/** What an experiment already holds, so that an import adds only what is new. */
export interface ImportedExperimentState {
  exists: boolean;
  /** The sources of its imported runs; empty for an experiment Quorum planned (never to be mixed with imports). */
  sources: string[];
  trials: number;
  cells: Array<{ index: number; size: number }>;
  items: Array<{ index: number; jobId: string | null }>;
  /** The next free repetition per "cell:item". */
  nextRepetition: Map<string, number>;
}

const EVENT_COLUMNS = ['trial_id', 'seq', 'kind', 'round', 'agent_index', 'at_ms', 'path', 'task_id', 'ok', 'returncode', 'seconds', 'detail'] as const;
const RECORD_COLUMNS = [
  'source', 'run_dir', 'model_dir', 'exp_dir', 'mode', 'task_type', 'p_label', 'p_true', 'n_teammates', 'rep', 'success',
  'wall_clock_seconds', 'total_rounds', 'concurrent_writes', 'claims_blocked', 'total_input_tokens', 'total_output_tokens',
] as const;

export class ImportedRunWriter {
  private readonly selectExperiment: Statement<[string], { id: string }>;
  private readonly selectSources: Statement<[string], { source: string }>;
  private readonly selectTrialCount: Statement<[string], { count: number }>;
  private readonly selectCells: Statement<[string], { cell_index: number; size: number }>;
  private readonly selectItems: Statement<[string], { item_index: number; job_id: string | null }>;
  private readonly selectRepetitions: Statement<[string], { cell_index: number; item_index: number; next: number }>;
  private readonly selectRunDirs: Statement<[string], { run_dir: string }>;
  private readonly insertExperiment: Statement<[Record<string, unknown>]>;
  private readonly updateExperiment: Statement<[Record<string, unknown>]>;
  private readonly insertCell: Statement<[Record<string, unknown>]>;
  private readonly insertCellAgent: Statement<[Record<string, unknown>]>;
  private readonly insertItem: Statement<[Record<string, unknown>]>;
  private readonly insertTrial: Statement<[Record<string, unknown>]>;
  private readonly insertRecord: Statement<unknown[]>;
  private readonly events: BulkInsert;
  private readonly writeAll: Transaction<(writes: readonly ImportedExperimentWrite[]) => void>;

  constructor(
    db: Database,
    private readonly options: { quorumVersion: string | null; now: () => number },
  ) {
    this.selectExperiment = db.prepare('SELECT id FROM experiments WHERE id = ?');
    this.selectSources = db.prepare('SELECT DISTINCT ir.source FROM imported_runs ir JOIN trials t ON t.id = ir.trial_id WHERE t.experiment_id = ?');
    this.selectTrialCount = db.prepare('SELECT COUNT(*) AS count FROM trials WHERE experiment_id = ?');
    this.selectCells = db.prepare('SELECT cell_index, size FROM cells WHERE experiment_id = ? ORDER BY cell_index');
    this.selectItems = db.prepare("SELECT item_index, json_extract(job_json, '$.id') AS job_id FROM items WHERE experiment_id = ? ORDER BY item_index");
    this.selectRepetitions = db.prepare('SELECT cell_index, item_index, MAX(repetition) + 1 AS next FROM trials WHERE experiment_id = ? GROUP BY cell_index, item_index');
    this.selectRunDirs = db.prepare('SELECT run_dir FROM imported_runs WHERE source = ?');
    this.insertExperiment = db.prepare(`
      INSERT INTO experiments (id, name, spec_json, source, seed, status, created_at, started_at, finished_at, quorum_version)
      VALUES (@id, @name, @specJson, @source, 0, 'completed', @createdAt, @startedAt, @finishedAt, @quorumVersion)`);
    this.updateExperiment = db.prepare(`
      UPDATE experiments SET spec_json = @specJson,
        started_at = CASE WHEN started_at IS NULL OR @startedAt < started_at THEN @startedAt ELSE started_at END,
        finished_at = CASE WHEN finished_at IS NULL OR @finishedAt > finished_at THEN @finishedAt ELSE finished_at END
      WHERE id = @id`);
    this.insertCell = db.prepare(`
      INSERT INTO cells (experiment_id, cell_index, model, structure, size, aggregate, label, params_json, entry_index, team_label, faults_json)
      VALUES (@experimentId, @index, @model, @structure, @size, NULL, @label, @paramsJson, @entry, @teamLabel, NULL)`);
    this.insertCellAgent = db.prepare(`
      INSERT INTO cell_agents (experiment_id, cell_index, agent_index, model, temperature, persona, role, weight)
      VALUES (@experimentId, @cellIndex, @index, @model, @temperature, @persona, @role, @weight)`);
    this.insertItem = db.prepare(`
      INSERT INTO items (experiment_id, item_index, suite, prompt, answer, difficulty, hardness, distractors_json, job_json)
      VALUES (@experimentId, @index, 'coding', @prompt, '', @difficulty, 0.5, '[]', @jobJson)`);
    this.insertTrial = db.prepare(`
      INSERT INTO trials (experiment_id, cell_index, item_index, repetition, seed, status, final_answer, correct, wall_ms, critical_path_ms,
                          tokens_in, tokens_out, call_count, rounds, score, message_count, started_at_ms, finished_at_ms)
      VALUES (@experimentId, @cellIndex, @itemIndex, @repetition, 0, 'done', @finalAnswer, @correct, @wallMs, @criticalPathMs,
              @tokensIn, @tokensOut, NULL, @rounds, NULL, NULL, @startedAtMs, @finishedAtMs)`);
    this.insertRecord = db.prepare<unknown[]>(`INSERT INTO imported_runs (trial_id, ${RECORD_COLUMNS.join(', ')}) VALUES (${['?', ...RECORD_COLUMNS.map(() => '?')].join(', ')})`);
    this.events = new BulkInsert(db, 'job_events', EVENT_COLUMNS);
    this.writeAll = db.transaction((writes: readonly ImportedExperimentWrite[]) => {
      for (const write of writes) this.writeOne(write);
    });
  }

  /** Run directories of `source` already imported into this file. */
  importedRunDirs(source: string): Set<string> {
    return new Set(this.selectRunDirs.all(source).map((r) => r.run_dir));
  }

  state(experimentId: string): ImportedExperimentState {
    const exists = this.selectExperiment.get(experimentId) !== undefined;
    const nextRepetition = new Map<string, number>();
    for (const row of this.selectRepetitions.all(experimentId)) nextRepetition.set(`${row.cell_index}:${row.item_index}`, row.next);
    return {
      exists,
      sources: this.selectSources.all(experimentId).map((r) => r.source),
      trials: this.selectTrialCount.get(experimentId)?.count ?? 0,
      cells: this.selectCells.all(experimentId).map((c) => ({ index: c.cell_index, size: c.size })),
      items: this.selectItems.all(experimentId).map((i) => ({ index: i.item_index, jobId: i.job_id })),
      nextRepetition,
    };
  }

  /** Writes every experiment's additions in one transaction. */
  write(writes: readonly ImportedExperimentWrite[]): void {
    this.writeAll.immediate(writes);
  }

  private writeOne(write: ImportedExperimentWrite): void {
    const experimentId = write.id;
    const times = { startedAt: write.startedAt, finishedAt: write.finishedAt };
    if (write.create) {
      this.insertExperiment.run({
        id: experimentId,
        name: write.name,
        specJson: JSON.stringify(write.spec),
        source: write.source,
        createdAt: new Date(this.options.now()).toISOString(),
        quorumVersion: this.options.quorumVersion,
        ...times,
      });
    } else {
      this.updateExperiment.run({ id: experimentId, specJson: JSON.stringify(write.spec), ...times });
    }
    for (const cell of write.newCells) {
      this.insertCell.run({
        experimentId,
        index: cell.index,
        model: cell.model,
        structure: cell.structure,
        size: cell.size,
        label: cell.label,
        paramsJson: JSON.stringify(cell.params),
        entry: cell.entry,
        teamLabel: cell.teamLabel,
      });
      for (const agent of cell.agents) this.insertCellAgent.run({ experimentId, cellIndex: cell.index, ...agent });
    }
    for (const item of write.newItems) {
      this.insertItem.run({ experimentId, index: item.index, prompt: item.prompt, difficulty: item.job.criticalPath, jobJson: JSON.stringify(item.job) });
    }
    for (const trial of write.trials) this.writeTrial(experimentId, trial);
  }

  private writeTrial(experimentId: string, trial: ImportedTrial): void {
    const { lastInsertRowid } = this.insertTrial.run({
      experimentId,
      cellIndex: trial.cellIndex,
      itemIndex: trial.itemIndex,
      repetition: trial.repetition,
      finalAnswer: trial.finalAnswer,
      correct: trial.correct ? 1 : 0,
      wallMs: trial.wallMs,
      criticalPathMs: trial.criticalPathMs,
      tokensIn: trial.tokensIn,
      tokensOut: trial.tokensOut,
      rounds: trial.rounds,
      startedAtMs: trial.startedAtMs,
      finishedAtMs: trial.finishedAtMs,
    });
    const trialId = Number(lastInsertRowid);
    const r = trial.record;
    this.insertRecord.run(
      trialId, r.source, r.run_dir, r.model_dir, r.exp_dir, r.mode, r.task_type, r.p_label, r.p_true, r.n_teammates, r.rep, r.success ? 1 : 0,
      r.wall_clock_seconds, r.total_rounds, r.concurrent_writes, r.claims_blocked, r.total_input_tokens, r.total_output_tokens,
    );
    const values: unknown[] = [];
    trial.events.forEach((e, seq) => {
      values.push(
        trialId, seq, e.kind, e.round, e.agent, e.atMs, e.path ?? null, e.taskId ?? null,
        e.ok === undefined ? null : e.ok ? 1 : 0, e.returncode ?? null, e.seconds ?? null, e.detail ?? null,
      );
    });
    this.events.insert(values);
  }
}
