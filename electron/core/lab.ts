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
import { accuracyBySize, SUMMARY_METHOD, summarizeCells } from './analysis/summary';
import { hardwareUse } from './models/hardware-use';
import type { BackendRegistry } from './backends/registry';
import { BackendError } from './backends/types';
import { LabEventHub } from './events';
import { loadExamples } from './examples';
import { LabFailure } from './lab-errors';
import { ExperimentRunner } from './scheduler/experiment-runner';
import { LiveCalls } from './scheduler/live-calls';
import type { LabStore } from './store/lab-store';
import type { PlannedTrial } from './store/types';
import { getTaskSuite } from './tasks';
import { LabModels } from './models/lab-models';
import type { OllamaBackend } from './backends/ollama/ollama-backend';
import { defaultHostUrl } from './backends/ollama/host';
import type { OpenAiBackend } from './backends/openai';
import { callSettingsFor } from './trial/run-trial';
import { deriveSeed } from './util/random';

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

interface ActiveRun {
  runner: ExperimentRunner;
  heartbeat: NodeJS.Timeout;
  settled: Promise<void>;
}

const RESUMABLE: readonly ExperimentStatus[] = ['planned', 'paused', 'interrupted'];

export class Lab implements LabApi {
  readonly events = new LabEventHub();
  private readonly models: LabModels;
  private readonly live = new LiveCalls((payload) => this.events.publish({ type: 'callStream', payload }));
  private readonly active = new Map<string, ActiveRun>();
  private readonly runnerId = randomUUID();
  private readonly staleLeaseMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly options: LabOptions) {
    this.staleLeaseMs = options.staleLeaseMs ?? 15_000;
    this.heartbeatMs = options.heartbeatMs ?? 3_000;
    this.options.store.markInterrupted(Date.now(), this.staleLeaseMs);
    this.models = new LabModels(options.ollama, options.store, this.events);
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
    this.options.store.markInterrupted(Date.now(), this.staleLeaseMs);
    return this.options.store.listExperiments();
  }

  async getExperiment({ id }: LabRequest<'getExperiment'>): Promise<LabReply<'getExperiment'>> {
    this.options.store.markInterrupted(Date.now(), this.staleLeaseMs);
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
    const items = getTaskSuite(spec.tasks.suite).generate({ count: spec.tasks.count, seed: spec.tasks.seed, difficulty: spec.tasks.difficulty });
    this.options.store.createExperiment({ id, name: spec.name, spec, source: source ?? null, cells, items, trials: planTrials(spec, cells) });
    this.events.publish({ type: 'experimentsChanged', payload: {} });
    if (start) await this.startExperiment({ id });
    return { id };
  }

  async startExperiment({ id }: LabRequest<'startExperiment'>): Promise<Progress> {
    const running = this.active.get(id);
    if (running) return running.runner.progress();
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    if (!RESUMABLE.includes(detail.status) && detail.status !== 'running') {
      throw new LabFailure('conflict', `Experiment "${detail.name}" is ${detail.status}; only planned, paused or interrupted experiments can be started. Create a new experiment from its spec to run it again.`);
    }
    const store = this.options.store;
    const acquired = store.acquireLease(id, { runnerId: this.runnerId, pid: process.pid, hostname: hostname(), heartbeatAtMs: Date.now() }, this.staleLeaseMs);
    if (!acquired) {
      throw new LabFailure('conflict', `Experiment "${detail.name}" is being run by another Quorum process (the desktop app or a CLI). Wait for it to finish, or stop that process; an interrupted run can then be resumed here.`);
    }
    const spec = detail.spec;
    this.configureHosts(spec);
    try {
      await this.checkModels(spec);
    } catch (error) {
      store.releaseLease(id, this.runnerId);
      throw error;
    }
    store.resetRunningTrials(id);
    const runner = new ExperimentRunner(
      {
        experimentId: id,
        agents: spec.agents,
        settings: callSettingsFor(spec, id),
        suite: getTaskSuite(spec.tasks.suite),
        cells: store.getCells(id),
        items: store.getItems(id),
        pending: store.pendingTrials(id),
        counts: store.countTrials(id),
        concurrency: spec.concurrency,
      },
      {
        sink: { saveOutcomes: (batch) => store.saveTrialOutcomes(batch), markFailed: (trialId, error, at) => store.markTrialFailed(trialId, error, at) },
        backends: this.options.backends,
        onProgress: (progress) => this.events.publish({ type: 'progress', payload: progress }),
        onCallDelta: (trialId, call, text) => this.live.delta(id, trialId, call, text),
        onCallEnd: (trialId, call) => this.live.end(trialId, call),
        onSettled: (status, error) => this.settle(id, status, error),
      },
    );
    store.setStatus(id, 'running');
    const heartbeat = setInterval(() => store.heartbeat(id, this.runnerId), this.heartbeatMs);
    heartbeat.unref();
    const settled = runner.run();
    this.active.set(id, { runner, heartbeat, settled });
    this.publishStatus(id, 'running', null);
    const progress = runner.progress();
    this.events.publish({ type: 'progress', payload: progress });
    return progress;
  }

  async pauseExperiment({ id }: LabRequest<'pauseExperiment'>): Promise<Progress> {
    const run = this.active.get(id);
    if (!run) {
      const progress = await this.getProgress({ id });
      if (progress.status === 'running') throw new LabFailure('conflict', 'This experiment is being run by another Quorum process; pause it there.');
      return progress;
    }
    run.runner.pause();
    await run.settled;
    return this.getProgress({ id });
  }

  async resumeExperiment({ id }: LabRequest<'resumeExperiment'>): Promise<Progress> {
    return this.startExperiment({ id });
  }

  async cancelExperiment({ id }: LabRequest<'cancelExperiment'>): Promise<Progress> {
    const run = this.active.get(id);
    if (run) {
      run.runner.cancel();
      await run.settled;
      return this.getProgress({ id });
    }
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    if (detail.status === 'running') throw new LabFailure('conflict', 'This experiment is being run by another Quorum process; cancel it there.');
    if (RESUMABLE.includes(detail.status)) {
      this.options.store.setStatus(id, 'cancelled');
      this.publishStatus(id, 'cancelled', null);
    }
    return this.getProgress({ id });
  }

  async getProgress({ id }: LabRequest<'getProgress'>): Promise<Progress> {
    const run = this.active.get(id);
    if (run) return run.runner.progress();
    this.options.store.markInterrupted(Date.now(), this.staleLeaseMs);
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    const counts = this.options.store.countTrials(id);
    return { experimentId: id, status: detail.status, total: counts.total, done: counts.done, failed: counts.failed, inFlight: counts.running, ratePerSecond: 0, etaSeconds: null };
  }

  async getResults({ id }: LabRequest<'getResults'>): Promise<LabReply<'getResults'>> {
    const detail = this.options.store.getExperiment(id);
    if (!detail) throw notFound(id);
    const cells = summarizeCells(this.options.store.getCells(id), this.options.store.trialResults(id));
    const hardware = hardwareUse(this.options.store, detail.spec, id);
    return { experimentId: id, name: detail.name, status: detail.status, cells, accuracyBySize: accuracyBySize(cells), method: SUMMARY_METHOD, hardware };
  }

  /** Resolves when the experiment's current run settles (completed, paused, cancelled or failed). */
  async waitFor(id: string): Promise<void> {
    await this.active.get(id)?.settled;
  }

  /** Pauses every run (in-flight trials finish and are saved) and releases leases. */
  async close(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.runner.pause();
    await Promise.all(runs.map((r) => r.settled));
  }

  private settle(id: string, status: 'completed' | 'paused' | 'cancelled' | 'failed', error: string | null): void {
    const run = this.active.get(id);
    if (run) clearInterval(run.heartbeat);
    this.active.delete(id);
    const store = this.options.store;
    store.setStatus(id, status, { error });
    store.releaseLease(id, this.runnerId);
    this.publishStatus(id, status, error);
    const counts = store.countTrials(id);
    this.events.publish({
      type: 'progress',
      payload: { experimentId: id, status, total: counts.total, done: counts.done, failed: counts.failed, inFlight: 0, ratePerSecond: 0, etaSeconds: null },
    });
  }

  private publishStatus(experimentId: string, status: ExperimentStatus, error: string | null): void {
    this.events.publish({ type: 'experimentStatus', payload: { experimentId, status, error } });
    this.events.publish({ type: 'experimentsChanged', payload: {} });
  }

  private configureHosts(spec: ExperimentSpec): void {
    for (const host of spec.hosts ?? []) this.options.ollama.configureHost(host.url ?? defaultHostUrl(), host.slots);
    if (spec.openai) this.options.openai.configure({ baseUrl: spec.openai.baseUrl, apiKeyEnv: spec.openai.apiKeyEnv, slots: spec.openai.slots });
  }

  /** Every model is checked before anything is planned: a missing one is named now, not discovered trial by trial. */
  private async checkModels(spec: ExperimentSpec): Promise<void> {
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

/**
 * Every cell meets every item in every repetition. A trial's seed depends on
 * the item and the repetition, not the cell, so agent k of every structure
 * draws the same numbers on the same item (common random numbers): the
 * comparison between structures is paired, and differences come from the
 * structure, not from luck.
 */
export function planTrials(spec: ExperimentSpec, cells: readonly Pick<CellSpec, 'index' | 'model'>[]): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  // Model-major, so the trials of one model are contiguous and run together.
  for (const model of modelsOf(spec.agents)) {
    const modelCells = cells.filter((c) => c.model === model);
    for (let repetition = 0; repetition < spec.repetitions; repetition++) {
      for (let itemIndex = 0; itemIndex < spec.tasks.count; itemIndex++) {
        const seed = deriveSeed(spec.seed, 'trial', itemIndex, repetition);
        for (const cell of modelCells) trials.push({ cellIndex: cell.index, itemIndex, repetition, seed });
      }
    }
  }
  return trials;
}

function notFound(id: string): LabFailure {
  return new LabFailure('not_found', `No experiment with id "${id}" in this database. List experiments to see the ids it holds.`);
}
