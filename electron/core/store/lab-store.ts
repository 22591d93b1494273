/**
 * The lab's persistence: one SQLite file holding experiments, their plans and
 * everything each trial produced. Every write is a short synchronous
 * transaction, so callers never hold a transaction across a model call.
 */
import type { Database } from 'better-sqlite3';
import type { CellSpec } from '../../../shared/domain/spec';
import type { CalibrationProfile, ModelLoadCount } from '../../../shared/domain/models';
import type { TaskItem } from '../tasks/types';
import type { TrialOutcome } from '../trial-record';
import { openDatabase, type OpenDatabaseOptions } from './database';
import { ExperimentRepository } from './experiment-repository';
import { LEASE_STALE_MS, LeaseRepository } from './lease-repository';
import { ModelRepository, type ModelLoadRecord, type ThroughputRow } from './model-repository';
import { OutcomeWriter } from './outcome-writer';
import { TrialRepository } from './trial-repository';
import type {
  ExperimentDetail,
  ExperimentRow,
  ExperimentStatus,
  NewExperiment,
  PendingTrial,
  RunnerLease,
  TrialCounts,
  TrialOutcomeToSave,
  TrialResultRow,
} from './types';

export interface LabStoreOptions extends OpenDatabaseOptions {
  /** Recorded on each new experiment, so a file says which build planned what. */
  quorumVersion?: string;
  /** The clock for created/started/finished timestamps; tests pin it. */
  now?: () => number;
}

export { LEASE_STALE_MS };

export class LabStore {
  private readonly experiments: ExperimentRepository;
  private readonly leases: LeaseRepository;
  private readonly trials: TrialRepository;
  private readonly outcomes: OutcomeWriter;
  private readonly models: ModelRepository;

  private constructor(
    private readonly db: Database,
    options: LabStoreOptions,
  ) {
    this.experiments = new ExperimentRepository(db, {
      quorumVersion: options.quorumVersion ?? null,
      now: options.now ?? Date.now,
    });
    this.leases = new LeaseRepository(db);
    this.trials = new TrialRepository(db);
    this.outcomes = new OutcomeWriter(db);
    this.models = new ModelRepository(db);
  }

  /** Opens (creating if needed) and migrates the file; throws StoreError when it must not be touched. */
  static open(path: string, options: LabStoreOptions = {}): LabStore {
    return new LabStore(openDatabase(path, options), options);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // Experiments

  createExperiment(experiment: NewExperiment): void {
    this.experiments.create(experiment);
  }

  /** Newest first, with trial counts. */
  listExperiments(): ExperimentRow[] {
    return this.experiments.list();
  }

  getExperiment(id: string): ExperimentDetail | null {
    return this.experiments.get(id);
  }

  /** Sets started_at on the first 'running', finished_at on completed/cancelled/failed. */
  setStatus(id: string, status: ExperimentStatus, opts?: { error?: string | null }): void {
    this.experiments.setStatus(id, status, opts);
  }

  getCells(experimentId: string): CellSpec[] {
    return this.experiments.cells(experimentId);
  }

  getItems(experimentId: string): TaskItem[] {
    return this.experiments.items(experimentId);
  }

  // Runner lease

  acquireLease(experimentId: string, lease: RunnerLease, staleMs: number = LEASE_STALE_MS): boolean {
    return this.leases.acquire(experimentId, lease, staleMs);
  }

  heartbeat(experimentId: string, runnerId: string, nowMs: number = Date.now()): boolean {
    return this.leases.heartbeat(experimentId, runnerId, nowMs);
  }

  releaseLease(experimentId: string, runnerId: string): void {
    this.leases.releaseLease(experimentId, runnerId);
  }

  markInterrupted(nowMs: number, staleMs: number = LEASE_STALE_MS): string[] {
    return this.leases.markInterrupted(nowMs, staleMs);
  }

  // Trials

  pendingTrials(experimentId: string): PendingTrial[] {
    return this.trials.pending(experimentId);
  }

  resetRunningTrials(experimentId: string): number {
    return this.trials.resetRunningTrials(experimentId);
  }

  markTrialRunning(trialId: number, startedAtMs: number): void {
    this.trials.markRunning(trialId, startedAtMs);
  }

  /** A batch of one; see saveTrialOutcomes. */
  saveTrialOutcome(trialId: number, outcome: TrialOutcome): void {
    this.outcomes.save([{ trialId, outcome }]);
  }

  /**
   * Writes finished trials in one transaction (group commit): all of the batch
   * or, on any error, none of it. Idempotent: a trial saved again (in this
   * batch or an earlier one) has its rows replaced, never duplicated. An
   * unknown trial id throws StoreError 'not_found'.
   */
  saveTrialOutcomes(batch: ReadonlyArray<TrialOutcomeToSave>): void {
    this.outcomes.save(batch);
  }

  markTrialFailed(trialId: number, error: string, finishedAtMs: number): void {
    this.trials.markFailed(trialId, error, finishedAtMs);
  }

  countTrials(experimentId: string): TrialCounts {
    return this.trials.counts(experimentId);
  }

  trialResults(experimentId: string): TrialResultRow[] {
    return this.trials.results(experimentId);
  }

  recordModelLoad(load: ModelLoadRecord): void {
    this.models.recordLoad(load);
  }

  modelLoads(experimentId: string): ModelLoadCount[] {
    return this.models.loads(experimentId);
  }

  saveCalibration(profile: Omit<CalibrationProfile, 'id'>): CalibrationProfile {
    return this.models.saveCalibration(profile);
  }

  listCalibrations(): CalibrationProfile[] {
    return this.models.listCalibrations();
  }

  latestCalibration(host: string, model: string): CalibrationProfile | null {
    return this.models.latestCalibration(host, model);
  }

  throughputOf(experimentId: string): ThroughputRow[] {
    return this.models.throughputOf(experimentId);
  }
}
