/**
 * The lab's persistence: one SQLite file holding experiments, their plans and
 * everything each trial produced. Every write is a short synchronous
 * transaction, so callers never hold a transaction across a model call.
 *
 * Every method turns SQLite's storage errors (a lock held too long, a full
 * disk, a read-only file) into a StoreError naming the file, the cause and the
 * fix. A file that cannot be written opens read-only: reads work, writes are
 * refused with such an error.
 */
import type { Database } from 'better-sqlite3';
import { resolve } from 'node:path';
import type { CellSpec } from '../../../shared/domain/spec';
import type { CalibrationProfile, ModelLoadCount } from '../../../shared/domain/models';
import type { TaskItem } from '../tasks/types';
import type { TrialOutcome } from '../trial-record';
import { openDatabase, type OpenDatabaseOptions } from './database';
import { BUSY_TIMEOUT_MS, explainStorageError, storageMessage } from './storage-errors';
import { ExperimentRepository } from './experiment-repository';
import { LEASE_STALE_MS, LeaseRepository, type LeaseHolder } from './lease-repository';
import { ModelRepository, type ModelLoadRecord, type ThroughputRow } from './model-repository';
import { OutcomeWriter } from './outcome-writer';
import { TrialRepository } from './trial-repository';
import { TrialBrowser } from './trial-browser';
import { AnalysisCalls } from './analysis-calls';
import { RecommendationRepository } from './recommendation-repository';
import type { CallTotals, PilotRecord, PredictionRecord, VerificationEvaluation, VerificationRecord, VoterCall } from './recommendation-records';
import { VerificationRepository } from './verification-repository';
import { JobRunRows, type JobRunRow } from './job-run-rows';
import { ImportedRunWriter, type ImportedExperimentState, type ImportedExperimentWrite } from './imported-run-writer';
import type { JobEvent } from '../../../shared/domain/jobs';
import type { VerificationRef } from '../../../shared/domain/recommend';
import type { CallText, TrialDetail, TrialOutcome as TrialOutcomeKind, TrialPage } from '../../../shared/domain/trials';
import type {
  AnalysisCall,
  ExperimentDetail,
  ExperimentRow,
  ExperimentStatus,
  NewExperiment,
  PendingTrial,
  RunnerLease,
  TrialCounts,
  TrialOutcomeToSave,
  PlannedTrial,
  TrialResultRow,
  TrialResultToSave,
} from './types';
import { StoreError } from './types';

export interface LabStoreOptions extends OpenDatabaseOptions {
  /** Recorded on each new experiment, so a file says which build planned what. */
  quorumVersion?: string;
  /** The clock for created/started/finished timestamps; tests pin it. */
  now?: () => number;
}

export { LEASE_STALE_MS };

/** How long one write may wait for another connection's lock before it fails as busy. */
export interface Patience {
  busyTimeoutMs: number;
}
export type { LeaseHolder };

export class LabStore {
  private readonly experiments: ExperimentRepository;
  private readonly leases: LeaseRepository;
  private readonly trials: TrialRepository;
  private readonly outcomes: OutcomeWriter;
  private readonly models: ModelRepository;
  private readonly browser: TrialBrowser;
  private readonly analysisCalls: AnalysisCalls;
  private readonly recommendations: RecommendationRepository;
  private readonly verifications: VerificationRepository;
  private readonly jobRuns: JobRunRows;
  private readonly importedRuns: ImportedRunWriter;

  private constructor(
    private readonly db: Database,
    private readonly cleanup: () => void,
    /** The file, as messages name it. */
    readonly path: string,
    /** True when the file could not be opened for writing: reads work, writes throw StoreError 'read_only'. */
    readonly readOnly: boolean,
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
    this.browser = new TrialBrowser(db);
    this.analysisCalls = new AnalysisCalls(db);
    this.recommendations = new RecommendationRepository(db);
    this.verifications = new VerificationRepository(db);
    this.jobRuns = new JobRunRows(db);
    this.importedRuns = new ImportedRunWriter(db, { quorumVersion: options.quorumVersion ?? null, now: options.now ?? Date.now });
  }

  /** Opens (creating if needed) and migrates the file; throws StoreError when it must not be touched. */
  static open(path: string, options: LabStoreOptions = {}): LabStore {
    const { db, readOnly, cleanup } = openDatabase(path, options);
    try {
      return new LabStore(db, cleanup, resolve(path), readOnly, options);
    } catch (error) {
      db.close();
      cleanup();
      throw explainStorageError(error, resolve(path));
    }
  }

  close(): void {
    if (!this.db.open) return;
    this.db.close();
    this.cleanup();
  }

  // Experiments

  createExperiment(experiment: NewExperiment): void {
    this.write(() => this.experiments.create(experiment));
  }

  /** Starts a plan written in chunks: the experiment is 'planning' and held by `planner` until finishPlan. */
  beginPlan(experiment: NewExperiment, planner: RunnerLease): void {
    this.write(() => this.experiments.beginPlan(experiment, planner));
  }

  addPlannedTrials(experimentId: string, plannerId: string, trials: readonly PlannedTrial[], nowMs: number = Date.now()): void {
    this.write(() => this.experiments.addPlannedTrials(experimentId, plannerId, trials, nowMs));
  }

  abandonPlan(experimentId: string, plannerId: string): void {
    this.write(() => this.experiments.abandonPlan(experimentId, plannerId));
  }

  finishPlan(experimentId: string, plannerId: string): void {
    this.write(() => this.experiments.finishPlan(experimentId, plannerId));
  }

  /** Newest first, with trial counts. */
  listExperiments(): ExperimentRow[] {
    return this.read(() => this.experiments.list());
  }

  getExperiment(id: string): ExperimentDetail | null {
    return this.read(() => this.experiments.get(id));
  }

  /** Sets started_at on the first 'running', finished_at on completed/cancelled/failed. */
  setStatus(id: string, status: ExperimentStatus, opts?: { error?: string | null }): void {
    this.write(() => this.experiments.setStatus(id, status, opts));
  }

  getCells(experimentId: string): CellSpec[] {
    return this.read(() => this.experiments.cells(experimentId));
  }

  getItems(experimentId: string): TaskItem[] {
    return this.read(() => this.experiments.items(experimentId));
  }

  // Runner lease

  acquireLease(experimentId: string, lease: RunnerLease, staleMs: number = LEASE_STALE_MS): boolean {
    return this.write(() => this.leases.acquire(experimentId, lease, staleMs));
  }

  /** `patience`: how long to wait for another connection's write lock (default: the connection's busy timeout). */
  heartbeat(experimentId: string, runnerId: string, nowMs: number = Date.now(), patience?: Patience): boolean {
    return this.write(() => this.leases.heartbeat(experimentId, runnerId, nowMs), patience);
  }

  releaseLease(experimentId: string, runnerId: string): void {
    this.write(() => this.leases.releaseLease(experimentId, runnerId));
  }

  /** Who holds the experiment's lease (pid, host, last heartbeat, whether that process still runs), or null. */
  leaseHolder(experimentId: string): LeaseHolder | null {
    return this.read(() => this.leases.holder(experimentId));
  }

  /**
   * Experiments whose runner stopped beating become 'interrupted', and plans
   * whose planner did are removed. A read-only file is left as it is: nothing
   * can run from it anyway.
   */
  markInterrupted(nowMs: number, staleMs: number = LEASE_STALE_MS, patience?: Patience): string[] {
    if (this.readOnly) return [];
    return this.write(() => this.leases.markInterrupted(nowMs, staleMs), patience);
  }

  // Trials

  pendingTrials(experimentId: string): PendingTrial[] {
    return this.read(() => this.trials.pending(experimentId));
  }

  resetRunningTrials(experimentId: string): number {
    return this.write(() => this.trials.resetRunningTrials(experimentId));
  }

  /** Failed trials go back to 'planned' so the next run retries them; returns how many. */
  resetFailedTrials(experimentId: string): number {
    return this.write(() => this.trials.resetFailedTrials(experimentId));
  }

  markTrialRunning(trialId: number, startedAtMs: number): void {
    this.write(() => this.trials.markRunning(trialId, startedAtMs));
  }

  /** A batch of one; see saveTrialOutcomes. */
  saveTrialOutcome(trialId: number, outcome: TrialOutcome): void {
    this.saveTrialResults([{ trialId, outcome }]);
  }

  /**
   * Writes finished trials in one transaction (group commit): all of the batch
   * or, on any error, none of it. Idempotent: a trial saved again (in this
   * batch or an earlier one) has its rows replaced, never duplicated. An
   * unknown trial id throws StoreError 'not_found'.
   */
  saveTrialOutcomes(batch: ReadonlyArray<TrialOutcomeToSave>): void {
    this.saveTrialResults(batch);
  }

  /**
   * As saveTrialOutcomes, for a batch that may also hold failed trials. A
   * caller that retries on its own (the run's result queue) passes a short
   * `patience`, so a locked file does not block the event loop for the whole
   * busy timeout on every attempt.
   */
  saveTrialResults(batch: ReadonlyArray<TrialResultToSave>, patience?: Patience): void {
    this.write(() => this.outcomes.save(batch), patience);
  }

  markTrialFailed(trialId: number, error: string, finishedAtMs: number): void {
    this.write(() => this.trials.markFailed(trialId, error, finishedAtMs));
  }

  countTrials(experimentId: string): TrialCounts {
    return this.read(() => this.trials.counts(experimentId));
  }

  trialResults(experimentId: string): TrialResultRow[] {
    return this.read(() => this.trials.results(experimentId));
  }

  /** Every call of the finished trials with the answer read from it, in plan order: what theory and predictions fit. */
  callsForAnalysis(experimentId: string): AnalysisCall[] {
    return this.read(() => this.analysisCalls.all(experimentId));
  }

  /** A page of one cell's trials, optionally only those with one outcome. */
  trialPage(experimentId: string, cellIndex: number, outcome: TrialOutcomeKind | undefined, offset: number, limit: number): TrialPage {
    return this.read(() => this.browser.page(experimentId, cellIndex, outcome, offset, limit));
  }

  /** One trial in full, without its cell (the caller has the cells); null when there is no such trial. */
  trialDetail(experimentId: string, trialId: number): (Omit<TrialDetail, 'cell'> & { cellIndex: number }) | null {
    return this.read(() => this.browser.detail(experimentId, trialId));
  }

  callText(experimentId: string, trialId: number, seq: number): CallText | null {
    return this.read(() => this.browser.callText(experimentId, trialId, seq));
  }

  recordModelLoad(load: ModelLoadRecord): void {
    this.write(() => this.models.recordLoad(load));
  }

  modelLoads(experimentId: string): ModelLoadCount[] {
    return this.read(() => this.models.loads(experimentId));
  }

  saveCalibration(profile: Omit<CalibrationProfile, 'id'>): CalibrationProfile {
    return this.write(() => this.models.saveCalibration(profile));
  }

  listCalibrations(): CalibrationProfile[] {
    return this.read(() => this.models.listCalibrations());
  }

  latestCalibration(host: string, model: string): CalibrationProfile | null {
    return this.read(() => this.models.latestCalibration(host, model));
  }

  throughputOf(experimentId: string): ThroughputRow[] {
    return this.read(() => this.models.throughputOf(experimentId));
  }

  // Pilots, predictions and verifications (docs/recommend.md)

  savePilot(pilot: PilotRecord): void {
    this.write(() => this.recommendations.savePilot(pilot));
  }

  pilot(experimentId: string): PilotRecord | null {
    return this.read(() => this.recommendations.pilot(experimentId));
  }

  savePrediction(prediction: PredictionRecord): void {
    this.write(() => this.recommendations.savePrediction(prediction));
  }

  prediction(predictionId: string): PredictionRecord | null {
    return this.read(() => this.recommendations.prediction(predictionId));
  }

  /** The newest prediction already made for this experiment, objective and budget with this method version, or null. */
  samePrediction(experimentId: string, objective: PredictionRecord['objective'], budgetTokens: number | null, methodVersion: number): PredictionRecord | null {
    return this.read(() => this.recommendations.samePrediction(experimentId, objective, budgetTokens, methodVersion));
  }

  /** Calls of the experiment's finished trials and their tokens. */
  callTotals(experimentId: string): CallTotals {
    return this.read(() => this.recommendations.callTotals(experimentId));
  }

  /** The first answers of a vote cell's voters (a judge left out), with what each call took. */
  voterCalls(experimentId: string, cellIndex: number, voters: number): VoterCall[] {
    return this.read(() => this.recommendations.voterCalls(experimentId, cellIndex, voters));
  }

  saveVerification(verification: Omit<VerificationRecord, 'evaluation'>): void {
    this.write(() => this.verifications.save(verification));
  }

  saveVerificationEvaluation(verificationId: string, evaluation: VerificationEvaluation): void {
    this.write(() => this.verifications.saveEvaluation(verificationId, evaluation));
  }

  verificationsOf(predictionId: string): VerificationRef[] {
    return this.read(() => this.verifications.forPrediction(predictionId));
  }

  verification(verificationId: string): VerificationRecord | null {
    return this.read(() => this.verifications.get(verificationId));
  }

  // Coding jobs: runs, their events, and runs imported from released data (docs/job-metrics.md)

  /** Whether the experiment's items are coding jobs. */
  holdsJobs(experimentId: string): boolean {
    return this.read(() => this.jobRuns.holdsJobs(experimentId));
  }

  /** The experiment's finished runs of coding jobs, in trial order. */
  jobRunRows(experimentId: string): JobRunRow[] {
    return this.read(() => this.jobRuns.runs(experimentId));
  }

  /** Every job event of the experiment's finished trials, by trial id, in order. */
  jobEventsByTrial(experimentId: string): Map<number, JobEvent[]> {
    return this.read(() => this.jobRuns.eventsByTrial(experimentId));
  }

  /** Where the experiment's runs were imported from, or null for an experiment Quorum ran. */
  importedFrom(experimentId: string): string | null {
    return this.read(() => this.jobRuns.importedFrom(experimentId));
  }

  importedRunDirs(source: string): Set<string> {
    return this.read(() => this.importedRuns.importedRunDirs(source));
  }

  importedExperimentState(experimentId: string): ImportedExperimentState {
    return this.read(() => this.importedRuns.state(experimentId));
  }

  /** Writes an import's experiments, trials, events and released records in one transaction. */
  writeImportedRuns(writes: readonly ImportedExperimentWrite[]): void {
    this.write(() => this.importedRuns.write(writes));
  }

  private read<T>(body: () => T): T {
    try {
      return body();
    } catch (error) {
      throw explainStorageError(error, this.path);
    }
  }

  private write<T>(body: () => T, patience?: Patience): T {
    if (this.readOnly) throw new StoreError(storageMessage('read_only', this.path, 'opened read-only'), 'read_only');
    if (patience === undefined) return this.read(body);
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.round(patience.busyTimeoutMs))}`);
    try {
      return this.read(body);
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
}
