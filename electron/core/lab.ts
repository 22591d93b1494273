/**
 * The lab: composes the store, the task suites, the backends and the
 * experiment runners into the LabApi that every transport serves.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LabApi, LabErrorAction, LabReply, LabRequest } from '../../shared/contract/api';
import { formatIssues, type Issue } from '../../shared/contract/schema';
import type { ExperimentStatus, Progress } from '../../shared/domain/results';
import { expandCells, modelsOf, parseExperimentSpec, type CellSpec, type ExperimentSpec } from '../../shared/domain/spec';
import { summarizeCells } from './analysis/summary';
import { comparePickedCells } from './analysis/paired';
import { ResultsCache } from './analysis/experiment-results';
import type { BackendRegistry } from './backends/registry';
import { BackendError } from './backends/types';
import { LabEventHub } from './events';
import { loadExamples } from './examples';
import { LabFailure } from './lab-errors';
import { RunKeeper } from './run-keeper';
import { plannedTrials, trialCount, writePlan } from './planning';
import { describeHolder } from './lease-messages';
import { LiveCalls } from './scheduler/live-calls';
import type { LabStore } from './store/lab-store';
import { itemsForSpec } from './tasks/items-for-spec';
import { knownStructures } from './teams';
import type { PendingTrial } from './store/types';
import { LabModels } from './models/lab-models';
import type { OllamaBackend } from './backends/ollama/ollama-backend';
import { defaultHostUrl } from './backends/ollama/host';
import type { OpenAiBackend } from './backends/openai';
import { callSettingsFor } from './engine/call-settings';
import { RecommendationService } from './recommend/service';
import { answerJobFigures, answerJobReport } from './analysis/jobs/job-requests';
import { refuseToRunImported } from './paper/imported-experiments';

export interface LabOptions {
  store: LabStore;
  backends: BackendRegistry;
  databasePath: string;
  examplesDir: string;
  version: string;
  transport: 'electron' | 'http';
  /** The Ollama backend (also in `backends`), for host set-up and model management. */
  ollama: OllamaBackend;
  openai: OpenAiBackend;
  /** A runner's lease is stale (its process presumed dead) after this long without a heartbeat. */
  staleLeaseMs?: number;
  heartbeatMs?: number;
}

const RESUMABLE: readonly ExperimentStatus[] = ['planned', 'paused', 'interrupted'];
/** With retryFailed, an experiment that ended may be opened again to re-run its failed trials. */
const RETRYABLE: readonly ExperimentStatus[] = [...RESUMABLE, 'completed', 'failed'];

export class Lab implements LabApi {
  readonly events = new LabEventHub();
  private readonly models: LabModels;
  private readonly runs: RunKeeper;
  private readonly recommendations: RecommendationService;
  private readonly results: ResultsCache;
  private readonly staleLeaseMs: number;

  constructor(private readonly options: LabOptions) {
    this.staleLeaseMs = options.staleLeaseMs ?? 15_000;
    const live = new LiveCalls((payload) => this.events.publish({ type: 'callStream', payload }));
    this.runs = new RunKeeper({ store: options.store, events: this.events, live, backends: options.backends, staleLeaseMs: this.staleLeaseMs, heartbeatMs: options.heartbeatMs ?? 3_000 });
    this.runs.sweep();
    this.models = new LabModels(options.ollama, options.store, this.events);
    this.results = new ResultsCache(options.store);
    this.recommendations = new RecommendationService({
      store: options.store,
      examplesDir: options.examplesDir,
      version: options.version,
      createExperiment: (r) => this.createExperiment(r),
      startExperiment: (r) => this.startExperiment(r),
    });
  }

  listHosts = () => this.models.listHosts();
  checkHost = (r: LabRequest<'checkHost'>) => this.models.checkHost(r);
  listModels = (r: LabRequest<'listModels'>) => this.models.listModels(r);
  pullModel = (r: LabRequest<'pullModel'>) => this.models.pullModel(r);
  cancelPull = (r: LabRequest<'cancelPull'>) => this.models.cancelPull(r);
  deleteModel = (r: LabRequest<'deleteModel'>) => this.models.deleteModel(r);
  calibrate = (r: LabRequest<'calibrate'>) => this.models.calibrate(r);
  listCalibrations = () => this.models.listCalibrations();
  estimateDuration = (r: LabRequest<'estimateDuration'>) => this.models.estimateDuration(r);
  getModelLoads = (r: LabRequest<'getModelLoads'>) => this.models.getModelLoads(r);

  async compareCells({ id, cellIndex, baselineCellIndex }: LabRequest<'compareCells'>): Promise<LabReply<'compareCells'>> {
    this.requireExperiment(id);
    const cells = this.options.store.getCells(id);
    const trials = this.options.store.trialResults(id);
    const picked = comparePickedCells({ cells, summaries: summarizeCells(cells, trials), trials, calls: () => [] }, cellIndex, baselineCellIndex);
    if (!picked.ok) throw new LabFailure(picked.code, `Experiment "${id}": ${picked.message}`);
    return picked.comparison;
  }

  // Pilot → predict → recommend → verify (docs/recommend.md).
  startRecommendation = (r: LabRequest<'startRecommendation'>) => this.recommendations.start(r);
  getRecommendation = (r: LabRequest<'getRecommendation'>) => this.recommendations.recommend(r);
  verifyRecommendation = (r: LabRequest<'verifyRecommendation'>) => this.recommendations.verify(r);
  getVerification = (r: LabRequest<'getVerification'>) => this.recommendations.verification(r);

  // Coding jobs: the paper's metrics and ours (docs/job-metrics.md).
  getJobReport = async (r: LabRequest<'getJobReport'>) => answerJobReport(this.options.store, r);
  getJobFigures = async (r: LabRequest<'getJobFigures'>) => answerJobFigures(this.options.store, r);

  /** Waits for a pull started with pullModel (the CLI shows its progress, then returns). */
  waitForPull(pullId: string) {
    return this.models.service.waitForPull(pullId);
  }

  async getAppInfo(): Promise<LabReply<'getAppInfo'>> {
    return { version: this.options.version, databasePath: this.options.databasePath, transport: this.options.transport };
  }

  async listExamples(): Promise<LabReply<'listExamples'>> {
    return loadExamples(this.options.examplesDir);
  }

  async listExperiments(): Promise<LabReply<'listExperiments'>> {
    // A CLI run that died since the last look shows up as interrupted, not running forever.
    this.runs.sweep();
    return this.options.store.listExperiments();
  }

  async getExperiment({ id }: LabRequest<'getExperiment'>): Promise<LabReply<'getExperiment'>> {
    this.runs.sweep();
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    return detail;
  }

  async validateSpec({ spec }: LabRequest<'validateSpec'>): Promise<LabReply<'validateSpec'>> {
    const parsed = parseExperimentSpec(spec);
    return parsed.ok ? { valid: true, issues: [] } : { valid: false, issues: parsed.issues };
  }

  async createExperiment({ spec: raw, source, start }: LabRequest<'createExperiment'>): Promise<LabReply<'createExperiment'>> {
    const parsed = parseExperimentSpec(raw);
    if (!parsed.ok) {
      throw new LabFailure('invalid_spec', `The experiment spec is not valid:\n${formatIssues(parsed.issues)}`, parsed.issues);
    }
    const spec = parsed.value;
    this.configureHosts(spec);
    await this.checkModels(spec);
    const id = `exp-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const cells = expandCells(spec);
    // Generated, or read from the user's file and checked row by row; stored with the experiment, with the item count in its spec.
    const { items, spec: planned } = await itemsForSpec(spec, { source: source ?? null, examplesDir: this.options.examplesDir });
    const planner = { runnerId: this.runs.runnerId, pid: process.pid, hostname: hostname() };
    const experiment = { id, name: spec.name, spec: planned, source: source ?? null, cells, items };
    await writePlan(this.options.store, experiment, plannedTrials(planned, cells), trialCount(planned, cells), planner);
    this.events.publish({ type: 'experimentsChanged', payload: {} });
    if (start) await this.startExperiment({ id });
    return { id };
  }

  async startExperiment({ id, retryFailed }: LabRequest<'startExperiment'>): Promise<Progress> {
    const running = this.runs.progress(id);
    if (running) return running;
    const store = this.options.store;
    const detail = store.getExperiment(id);
    if (!detail) throw notFound(id);
    refuseToRunImported(store, id, detail.name);
    if (detail.status === 'planning') {
      throw new LabFailure('conflict', `Experiment "${detail.name}" is still being planned (${detail.total} trials written so far); start it once planning has finished.`);
    }
    const allowed = retryFailed ? RETRYABLE : RESUMABLE;
    if (!allowed.includes(detail.status) && detail.status !== 'running') {
      const hint = detail.failed > 0 && !retryFailed ? ` To run its ${detail.failed} failed trial(s) again, resume it with retry-failed.` : ' Create a new experiment from its spec to run it again.';
      throw new LabFailure('conflict', `Experiment "${detail.name}" is ${detail.status}; only planned, paused or interrupted experiments can be started.${hint}`);
    }
    const runnerId = this.runs.runnerId;
    const acquired = store.acquireLease(id, { runnerId, pid: process.pid, hostname: hostname(), heartbeatAtMs: Date.now() }, this.staleLeaseMs);
    if (!acquired) {
      throw new LabFailure('conflict', `Experiment "${detail.name}" ${describeHolder(store.leaseHolder(id), Date.now())}`);
    }
    const spec = detail.spec;
    try {
      await this.checkModels(spec);
    } catch (error) {
      store.releaseLease(id, runnerId);
      throw error;
    }
    try {
      store.resetRunningTrials(id);
      if (retryFailed) store.resetFailedTrials(id);
    } catch (error) {
      store.releaseLease(id, runnerId);
      throw error;
    }
    const cells = store.getCells(id);
    const pending = store.pendingTrials(id);
    const unrunnable = unknownStructures(cells, pending);
    if (unrunnable.length > 0) {
      store.releaseLease(id, runnerId);
      throw new LabFailure(
        'unsupported',
        `Experiment "${detail.name}" has trials of ${unrunnable.map((s) => `"${s}"`).join(', ')}, which this version of Quorum cannot run (a newer Quorum planned it). Its results can be shown; to finish it, open it with the Quorum that planned it.`,
      );
    }
    return this.runs.launch(id, spec, cells, pending);
  }

  async pauseExperiment({ id }: LabRequest<'pauseExperiment'>): Promise<Progress> {
    if (await this.runs.pause(id)) return this.getProgress({ id });
    const progress = await this.getProgress({ id });
    if (progress.status === 'running') throw new LabFailure('conflict', 'This experiment is being run by another Quorum process; pause it there.');
    return progress;
  }

  async resumeExperiment(request: LabRequest<'resumeExperiment'>): Promise<Progress> {
    return this.startExperiment(request);
  }

  async cancelExperiment({ id }: LabRequest<'cancelExperiment'>): Promise<Progress> {
    if (await this.runs.cancel(id)) return this.getProgress({ id });
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    if (detail.status === 'running') throw new LabFailure('conflict', 'This experiment is being run by another Quorum process; cancel it there.');
    if (RESUMABLE.includes(detail.status)) {
      this.options.store.setStatus(id, 'cancelled');
      this.runs.publishStatus(id, 'cancelled', null);
    }
    return this.getProgress({ id });
  }

  async getProgress({ id }: LabRequest<'getProgress'>): Promise<Progress> {
    const live = this.runs.progress(id);
    if (live) return live;
    this.runs.sweep();
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    const counts = this.options.store.countTrials(id);
    return { experimentId: id, status: detail.status, total: counts.total, done: counts.done, failed: counts.failed, inFlight: counts.running, ratePerSecond: 0, etaSeconds: null };
  }

  async getResults({ id }: LabRequest<'getResults'>): Promise<LabReply<'getResults'>> {
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    return this.results.get(detail);
  }

  async listTrials({ id, cellIndex, outcome, offset, limit }: LabRequest<'listTrials'>): Promise<LabReply<'listTrials'>> {
    this.requireExperiment(id);
    return this.options.store.trialPage(id, cellIndex, outcome, offset, limit);
  }

  async getTrial({ id, trialId }: LabRequest<'getTrial'>): Promise<LabReply<'getTrial'>> {
    this.requireExperiment(id);
    const detail = this.options.store.trialDetail(id, trialId);
    if (!detail) throw new LabFailure('not_found', `Experiment "${id}" has no trial ${trialId}.`);
    const cell = this.options.store.getCells(id).find((c) => c.index === detail.cellIndex);
    if (!cell) throw new LabFailure('not_found', `Trial ${trialId} refers to cell ${detail.cellIndex}, which the database does not hold.`);
    const { cellIndex: _cellIndex, ...rest } = detail;
    return { ...rest, cell: { index: cell.index, label: cell.label, structure: cell.structure, params: cell.params, agents: cell.agents } };
  }

  async getCallText({ id, trialId, seq }: LabRequest<'getCallText'>): Promise<LabReply<'getCallText'>> {
    this.requireExperiment(id);
    const text = this.options.store.callText(id, trialId, seq);
    if (!text) throw new LabFailure('not_found', `Trial ${trialId} of experiment "${id}" has no call ${seq}.`);
    return text;
  }

  private requireExperiment(id: string): void {
    if (!this.options.store.getExperiment(id)) throw notFound(id);
  }

  /** Resolves when the experiment's current run settles (completed, paused, cancelled or failed). */
  waitFor(id: string): Promise<void> {
    return this.runs.waitFor(id);
  }

  /** Pauses every run (calls already running finish and are saved) and releases leases. */
  close(): Promise<void> {
    return this.runs.close();
  }

  /**
   * Registers the spec's Ollama hosts with their slots. Nothing else is
   * process-wide: the OpenAI-compatible server and key travel with each
   * call (callSettingsFor), so experiments never redirect one another.
   */
  private configureHosts(spec: ExperimentSpec): void {
    try {
      for (const host of spec.hosts ?? []) this.options.ollama.configureHost(host.url ?? defaultHostUrl(), host.slots);
    } catch (error) {
      // Past the host limit: the message says how many are registered and what frees room.
      if (error instanceof BackendError) throw new LabFailure('unavailable', error.message);
      throw error;
    }
  }

  /**
   * Every model is checked before anything is planned: a missing one is named now, not discovered trial by trial.
   * The hosts are set up first, inside the check, so a failure here leaves nothing half started.
   */
  private async checkModels(spec: ExperimentSpec): Promise<void> {
    this.configureHosts(spec);
    const route = callSettingsFor(spec).route;
    const issues: Issue[] = [];
    const actions: LabErrorAction[] = [];
    let unavailable = false;
    for (const [index, model] of modelsOf(spec.agents).entries()) {
      const path = spec.agents.models ? `agents.models[${index}]` : 'agents.model';
      try {
        await this.options.backends.forModel(model).check(model, route);
      } catch (error) {
        if (!(error instanceof BackendError)) throw error;
        unavailable ||= error.code === 'unavailable';
        issues.push({ path, message: error.message });
        if (error.pullable) actions.push({ kind: 'pullModel', ...error.pullable });
      }
    }
    if (issues.length > 0) {
      throw new LabFailure(unavailable ? 'unavailable' : 'invalid_spec', formatIssues(issues), issues, actions);
    }
  }
}

/** Structures of cells that still have trials to run and that this build cannot run. */
function unknownStructures(cells: readonly CellSpec[], pending: readonly PendingTrial[]): string[] {
  const known = new Set(knownStructures());
  const waiting = new Set(pending.map((t) => t.cellIndex));
  return [...new Set(cells.filter((c) => waiting.has(c.index) && !known.has(c.structure)).map((c) => c.structure))];
}

function notFound(id: string): LabFailure {
  return new LabFailure('not_found', `No experiment with id "${id}" in this database. List experiments to see the ids it holds.`);
}
