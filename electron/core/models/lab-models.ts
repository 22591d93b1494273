/**
 * The model-management half of the LabApi: hosts, installed and loaded
 * models, pulls, deletes, calibration and duration estimates.
 */
import type { LabReply, LabRequest } from '../../../shared/contract/api';
import type { CalibrationProfile, DurationEstimate } from '../../../shared/domain/models';
import { parseExperimentSpec } from '../../../shared/domain/spec';
import { summarizeGrid } from '../../../shared/domain/grid';
import { defaultHostUrl, normalizeHostUrl } from '../backends/ollama/host';
import { ollamaModelName, type OllamaBackend } from '../backends/ollama/ollama-backend';
import type { LabEventHub } from '../events';
import { LabFailure } from '../lab-errors';
import type { LabStore } from '../store/lab-store';
import { calibrateHost, throughputAt } from './calibration';
import { ModelService } from './model-service';

/** Assumed sizes of a call when nothing better is known, for estimates only. */
const ASSUMED_PROMPT_TOKENS = 120;
const ASSUMED_REPLY_TOKENS = 180;

export class LabModels {
  readonly service: ModelService;

  constructor(
    private readonly ollama: OllamaBackend,
    private readonly store: LabStore,
    private readonly events: LabEventHub,
  ) {
    this.service = new ModelService(ollama, (progress) => events.publish({ type: 'pullProgress', payload: progress }));
  }

  listHosts(): Promise<LabReply<'listHosts'>> {
    return this.service.listHosts();
  }

  checkHost({ url }: LabRequest<'checkHost'>): Promise<LabReply<'checkHost'>> {
    return this.service.checkHost(url);
  }

  listModels({ host }: LabRequest<'listModels'>): Promise<LabReply<'listModels'>> {
    return this.service.listModels(host ?? defaultHostUrl());
  }

  async pullModel({ name, host }: LabRequest<'pullModel'>): Promise<LabReply<'pullModel'>> {
    return this.service.pullModel(ollamaModelName(name), host ?? defaultHostUrl());
  }

  cancelPull({ pullId }: LabRequest<'cancelPull'>): Promise<LabReply<'cancelPull'>> {
    return this.service.cancelPull(pullId);
  }

  deleteModel({ name, host }: LabRequest<'deleteModel'>): Promise<LabReply<'deleteModel'>> {
    return this.service.deleteModel(ollamaModelName(name), host ?? defaultHostUrl());
  }

  async calibrate({ model, host, maxStreams }: LabRequest<'calibrate'>): Promise<CalibrationProfile> {
    const name = ollamaModelName(model);
    const target = this.ollama.host(host ?? defaultHostUrl());
    if (!(await target.refresh())) throw new LabFailure('unavailable', `Ollama is not answering at ${target.url}; start it and try again.`);
    if (!target.hasModel(name)) throw new LabFailure('not_found', `Model "${name}" is not installed on ${target.url}. Pull it first.`);
    const points = await target.queue.run(() =>
      calibrateHost(target, name, {
        maxStreams,
        onStep: (streams) => this.events.publish({ type: 'calibrationProgress', payload: { host: target.url, model: name, streams, maxStreams } }),
      }),
    );
    return this.store.saveCalibration({ host: target.url, model: name, measuredAt: new Date().toISOString(), points });
  }

  async listCalibrations(): Promise<CalibrationProfile[]> {
    return this.store.listCalibrations();
  }

  /** Trials × calls × tokens over the calibrated throughput at the host's slots; null without a calibration. */
  async estimateDuration({ spec: raw }: LabRequest<'estimateDuration'>): Promise<DurationEstimate> {
    const parsed = parseExperimentSpec(raw);
    if (!parsed.ok) return { seconds: null, basis: 'The spec is not valid yet.' };
    const spec = parsed.value;
    const grid = summarizeGrid(spec);
    let seconds = 0;
    const missing: string[] = [];
    // The host worked out once, and calls counted per model by the registry: linear in the models.
    const host = normalizeHostUrl(spec.agents.host ?? spec.hosts?.[0]?.url ?? defaultHostUrl());
    const slots = spec.hosts?.find((h) => normalizeHostUrl(h.url ?? defaultHostUrl()) === host)?.slots ?? 1;
    for (const [model, calls] of Object.entries(grid.callsByModel)) {
      if (model.startsWith('sim:')) continue; // the sim reports latency without waiting for it
      // Looked up without registering the host: an estimate must not add hosts to the Models view.
      const profile = this.store.latestCalibration(host, ollamaModelName(model));
      const throughput = profile ? throughputAt(profile.points, slots) : null;
      if (!throughput || !profile) {
        missing.push(model);
        continue;
      }
      const reply = Math.min(spec.agents.maxTokens, ASSUMED_REPLY_TOKENS);
      const promptRate = profile.points[0]?.promptTokensPerSecond || Infinity;
      seconds += (calls * reply) / throughput + (calls * ASSUMED_PROMPT_TOKENS) / promptRate / slots;
    }
    if (missing.length > 0) return { seconds: null, basis: `No calibration for ${missing.join(', ')}: run Calibrate on its host first.` };
    if (Object.keys(grid.callsByModel).every((m) => m.startsWith('sim:'))) {
      return { seconds: 0, basis: 'Simulated models report the latency they draw without waiting for it, so this runs in seconds.' };
    }
    return {
      seconds,
      basis: `From the latest calibrations, assuming about ${ASSUMED_REPLY_TOKENS} generated and ${ASSUMED_PROMPT_TOKENS} prompt tokens per call (capped at maxTokens). Simulated models take no time.`,
    };
  }

  async getModelLoads({ id }: LabRequest<'getModelLoads'>): Promise<LabReply<'getModelLoads'>> {
    return this.store.modelLoads(id);
  }
}
