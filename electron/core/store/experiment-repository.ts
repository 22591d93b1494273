/** Experiments, their cells and items: writing a plan, reading it back, moving its status. */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { CellSpec } from '../../../shared/domain/spec';
import { hasFaults } from '../../../shared/domain/faults';
import type { TaskItem } from '../tasks/types';
import {
  toCellSpec,
  toExperimentDetail,
  toExperimentRow,
  toTaskItem,
  type CellAgentRecord,
  type CellRecord,
  type ExperimentDetailRecord,
  type ExperimentRecord,
  type ItemRecord,
} from './rows';
import { StoreError, type ExperimentDetail, type ExperimentRow, type ExperimentStatus, type NewExperiment, type PlannedTrial, type RunnerLease } from './types';

/** Statuses after which an experiment has stopped for good (until someone runs it again). */
const FINISHED_STATUSES: ReadonlySet<ExperimentStatus> = new Set(['completed', 'cancelled', 'failed']);

/** One grouped pass over the trials index gives every experiment's progress at once. */
const EXPERIMENT_WITH_COUNTS = `
  SELECT e.id, e.name, e.status, e.created_at, e.started_at, e.finished_at, e.source,
         e.spec_json, e.error,
         COALESCE(c.total, 0) AS total, COALESCE(c.done, 0) AS done, COALESCE(c.failed, 0) AS failed
  FROM experiments e
  LEFT JOIN (
    SELECT experiment_id, COUNT(*) AS total,
           SUM(status = 'done') AS done, SUM(status = 'failed') AS failed
    FROM trials %WHERE% GROUP BY experiment_id
  ) c ON c.experiment_id = e.id`;

/** Whether Quorum made the experiment as a recommendation's pilot or as a prediction's check (migration 004's tables). */
const PURPOSE_COLUMNS = `
         EXISTS (SELECT 1 FROM pilots p WHERE p.experiment_id = e.id) AS is_pilot,
         (SELECT v.id FROM verifications v WHERE v.experiment_id = e.id) AS verification_id,
         (SELECT v.prediction_id FROM verifications v WHERE v.experiment_id = e.id) AS verified_prediction_id,
         (SELECT p.experiment_id FROM verifications v JOIN predictions p ON p.id = v.prediction_id WHERE v.experiment_id = e.id) AS verified_experiment_id`;

export interface ExperimentRepositoryOptions {
  quorumVersion: string | null;
  now: () => number;
}

export class ExperimentRepository {
  private readonly insertExperiment: Statement<[Record<string, unknown>]>;
  private readonly insertCell: Statement<[Record<string, unknown>]>;
  private readonly insertCellAgent: Statement<[Record<string, unknown>]>;
  private readonly selectCellAgents: Statement<[string], CellAgentRecord>;
  private readonly insertItem: Statement<[Record<string, unknown>]>;
  private readonly insertTrial: Statement<[string, number, number, number, number]>;
  private readonly selectAll: Statement<[], ExperimentRecord>;
  private readonly selectOne: Statement<[{ id: string }], ExperimentDetailRecord>;
  private readonly updateStatus: Statement<[Record<string, unknown>]>;
  private readonly selectCells: Statement<[string], CellRecord>;
  private readonly selectItems: Statement<[string], ItemRecord>;
  private readonly writePlan: Transaction<(experiment: NewExperiment) => void>;
  private readonly writePlanStart: Transaction<(experiment: NewExperiment, planner: RunnerLease) => void>;
  private readonly writeTrials: Transaction<(experimentId: string, plannerId: string, trials: readonly PlannedTrial[], nowMs: number) => void>;
  private readonly setPlanned: Statement<[Record<string, unknown>]>;
  private readonly claimPlan: Statement<[Record<string, unknown>]>;
  private readonly deletePlan: Statement<[Record<string, unknown>]>;

  constructor(
    db: Database,
    private readonly options: ExperimentRepositoryOptions,
  ) {
    this.insertExperiment = db.prepare(`
      INSERT INTO experiments (id, name, spec_json, source, seed, status, created_at, quorum_version,
                               runner_id, runner_pid, runner_host, heartbeat_at_ms)
      VALUES (@id, @name, @specJson, @source, @seed, @status, @createdAt, @quorumVersion,
              @runnerId, @pid, @hostname, @heartbeatAtMs)`);
    this.insertCell = db.prepare(`
      INSERT INTO cells (experiment_id, cell_index, model, structure, size, aggregate, label, params_json, entry_index, team_label, faults_json)
      VALUES (@experimentId, @index, @model, @structure, @size, @aggregate, @label, @paramsJson, @entry, @teamLabel, @faultsJson)`);
    this.insertCellAgent = db.prepare(`
      INSERT INTO cell_agents (experiment_id, cell_index, agent_index, model, temperature, persona, role, weight)
      VALUES (@experimentId, @cellIndex, @index, @model, @temperature, @persona, @role, @weight)`);
    this.selectCellAgents = db.prepare(`
      SELECT cell_index, agent_index, model, temperature, persona, role, weight
      FROM cell_agents WHERE experiment_id = ? ORDER BY cell_index, agent_index`);
    this.insertItem = db.prepare(`
      INSERT INTO items (experiment_id, item_index, suite, prompt, answer, difficulty, hardness, distractors_json, choices_json, parts_json, job_json)
      VALUES (@experimentId, @index, @suite, @prompt, @answer, @difficulty, @hardness, @distractorsJson, @choicesJson, @partsJson, @jobJson)`);
    this.insertTrial = db.prepare(`
      INSERT INTO trials (experiment_id, cell_index, item_index, repetition, seed, status)
      VALUES (?, ?, ?, ?, ?, 'planned')`);
    this.selectAll = db.prepare(
      `${EXPERIMENT_WITH_COUNTS.replace('%WHERE%', '')} ORDER BY e.created_at DESC, e.rowid DESC`,
    );
    this.selectOne = db.prepare(
      `${EXPERIMENT_WITH_COUNTS.replace('%WHERE%', 'WHERE experiment_id = @id').replace('e.spec_json, e.error,', `e.spec_json, e.error, ${PURPOSE_COLUMNS},`)} WHERE e.id = @id`,
    );
    // started_at keeps the first start across resumes; finished_at is cleared
    // while running so that a resumed experiment does not look finished.
    this.updateStatus = db.prepare(`
      UPDATE experiments SET
        status = @status,
        error = CASE WHEN @setError THEN @error ELSE error END,
        started_at = CASE WHEN @status = 'running' THEN COALESCE(started_at, @nowIso) ELSE started_at END,
        finished_at = CASE WHEN @finished THEN @nowIso WHEN @status = 'running' THEN NULL ELSE finished_at END
      WHERE id = @id`);
    this.selectCells = db.prepare(
      'SELECT cell_index, model, structure, size, aggregate, label, params_json, entry_index, team_label, faults_json FROM cells WHERE experiment_id = ? ORDER BY cell_index',
    );
    this.selectItems = db.prepare(`
      SELECT item_index, suite, prompt, answer, difficulty, hardness, distractors_json, choices_json, parts_json, job_json
      FROM items WHERE experiment_id = ? ORDER BY item_index`);
    this.writePlan = db.transaction((experiment: NewExperiment) => {
      this.writePlanRows(experiment, 'planned', null);
      this.writeTrialRows(experiment.id, experiment.trials);
    });
    this.writePlanStart = db.transaction((experiment: NewExperiment, planner: RunnerLease) => this.writePlanRows(experiment, 'planning', planner));
    // The planner holds the experiment's lease while it plans, and each chunk
    // beats for it: a plan whose planner died goes stale and is deleted.
    this.claimPlan = db.prepare(`
      UPDATE experiments SET heartbeat_at_ms = @nowMs WHERE id = @id AND status = 'planning' AND runner_id = @plannerId`);
    this.writeTrials = db.transaction((experimentId: string, plannerId: string, trials: readonly PlannedTrial[], nowMs: number) => {
      if (this.claimPlan.run({ id: experimentId, plannerId, nowMs }).changes === 0) throw lostPlan(experimentId);
      this.writeTrialRows(experimentId, trials);
    });
    this.deletePlan = db.prepare("DELETE FROM experiments WHERE id = @id AND status = 'planning' AND runner_id = @plannerId");
    this.setPlanned = db.prepare(`
      UPDATE experiments SET status = 'planned', runner_id = NULL, runner_pid = NULL, runner_host = NULL, heartbeat_at_ms = NULL
      WHERE id = @id AND status = 'planning' AND runner_id = @plannerId`);
  }

  /** Writes the experiment and its whole plan (cells, items, every trial as planned) in one transaction. */
  create(experiment: NewExperiment): void {
    this.writePlan.immediate(experiment);
  }

  /**
   * Starts a plan too large for one transaction: the experiment (as
   * 'planning', held by `planner`), its cells and items. `experiment.trials`
   * is ignored; add them with `addPlannedTrials`, then `finishPlan`.
   */
  beginPlan(experiment: NewExperiment, planner: RunnerLease): void {
    this.writePlanStart.immediate(experiment, planner);
  }

  /** Appends one chunk of trials in its own transaction; throws if the plan is gone (its planner was presumed dead). */
  addPlannedTrials(experimentId: string, plannerId: string, trials: readonly PlannedTrial[], nowMs: number): void {
    this.writeTrials.immediate(experimentId, plannerId, trials, nowMs);
  }

  /** Removes a plan that could not be finished, with everything written for it so far. */
  abandonPlan(experimentId: string, plannerId: string): void {
    this.deletePlan.run({ id: experimentId, plannerId });
  }

  /** The last trial is written: the experiment becomes 'planned' and may run. */
  finishPlan(experimentId: string, plannerId: string): void {
    if (this.setPlanned.run({ id: experimentId, plannerId }).changes === 0) throw lostPlan(experimentId);
  }

  list(): ExperimentRow[] {
    return this.selectAll.all().map(toExperimentRow);
  }

  get(id: string): ExperimentDetail | null {
    const record = this.selectOne.get({ id });
    return record === undefined ? null : toExperimentDetail(record);
  }

  /**
   * Moves an experiment to `status`. `opts.error` replaces the stored error when
   * given (null clears it); going to 'running' without one also clears it, so a
   * resumed run does not carry the previous failure.
   */
  setStatus(id: string, status: ExperimentStatus, opts: { error?: string | null } = {}): void {
    const setError = opts.error !== undefined || status === 'running';
    const result = this.updateStatus.run({
      id,
      status,
      setError: setError ? 1 : 0,
      error: opts.error ?? null,
      finished: FINISHED_STATUSES.has(status) ? 1 : 0,
      nowIso: new Date(this.options.now()).toISOString(),
    });
    if (result.changes === 0) throw new StoreError(`There is no experiment "${id}".`, 'not_found');
  }

  cells(experimentId: string): CellSpec[] {
    const agents = new Map<number, CellAgentRecord[]>();
    for (const agent of this.selectCellAgents.all(experimentId)) {
      const list = agents.get(agent.cell_index) ?? [];
      list.push(agent);
      agents.set(agent.cell_index, list);
    }
    return this.selectCells.all(experimentId).map((cell) => toCellSpec(cell, agents.get(cell.cell_index) ?? []));
  }

  items(experimentId: string): TaskItem[] {
    return this.selectItems.all(experimentId).map(toTaskItem);
  }

  private writePlanRows(experiment: NewExperiment, status: 'planning' | 'planned', planner: RunnerLease | null): void {
    const experimentId = experiment.id;
    this.insertExperiment.run({
      id: experimentId,
      name: experiment.name,
      specJson: JSON.stringify(experiment.spec),
      source: experiment.source,
      seed: experiment.spec.seed,
      status,
      createdAt: new Date(this.options.now()).toISOString(),
      quorumVersion: this.options.quorumVersion,
      runnerId: planner?.runnerId ?? null,
      pid: planner?.pid ?? null,
      hostname: planner?.hostname ?? null,
      heartbeatAtMs: planner?.heartbeatAtMs ?? null,
    });
    for (const cell of experiment.cells) {
      this.insertCell.run({
        experimentId,
        index: cell.index,
        model: cell.model,
        structure: cell.structure,
        size: cell.size,
        aggregate: cell.aggregate,
        label: cell.label,
        paramsJson: JSON.stringify(cell.params),
        entry: cell.entry,
        teamLabel: cell.teamLabel,
        faultsJson: hasFaults(cell.faults) ? JSON.stringify(cell.faults) : null,
      });
      for (const agent of cell.agents) this.insertCellAgent.run({ experimentId, cellIndex: cell.index, ...agent });
    }
    for (const item of experiment.items) {
      this.insertItem.run({
        experimentId,
        index: item.index,
        suite: item.suite,
        prompt: item.prompt,
        answer: item.answer,
        difficulty: item.difficulty,
        hardness: item.hardness,
        distractorsJson: JSON.stringify(item.distractors),
        choicesJson: item.choices ? JSON.stringify(item.choices) : null,
        partsJson: item.parts ? JSON.stringify(item.parts) : null,
        jobJson: item.job ? JSON.stringify(item.job) : null,
      });
    }
  }

  private writeTrialRows(experimentId: string, trials: readonly PlannedTrial[]): void {
    // One prepared statement in a loop inside one transaction, bound by position
    // (cheaper than by name): ~100k trials take a fraction of a second.
    for (const trial of trials) {
      this.insertTrial.run(experimentId, trial.cellIndex, trial.itemIndex, trial.repetition, trial.seed);
    }
  }
}

function lostPlan(experimentId: string): StoreError {
  return new StoreError(
    `Experiment "${experimentId}" is no longer being planned by this process (its plan was presumed abandoned and removed). Create it again.`,
    'not_found',
  );
}
