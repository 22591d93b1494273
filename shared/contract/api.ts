/**
 * The LabApi: every method the renderer may call and every event it may
 * receive. The preload, the IPC registration, the HTTP bridge and the renderer
 * client are all derived from `labMethods`, so a method can't exist in one
 * transport and not in another. Requests are validated with these schemas
 * where they enter the main process (or the headless bridge).
 */
import * as s from './schema';
import { z, type Issue } from './schema';
import type { AppInfo, ExampleInfo, ExampleProblem, ExperimentDetail, ExperimentRow, Progress, Results } from '../domain/results';
import type { ExperimentStatus } from '../domain/results';
import { HOST_URL_MAX_LENGTH, hostUrlProblem } from '../domain/host-url';
import type { CalibrationProfile, DurationEstimate, HostInfo, HostModels, ModelLoadCount, PullProgress } from '../domain/models';
import { TRIAL_OUTCOMES, type CallText, type TrialDetail, type TrialPage } from '../domain/trials';
import type { PairedComparison } from '../domain/analysis';
import { OBJECTIVES, type Recommendation, type Verification } from '../domain/recommend';
import { RUN_AXES, type JobFigures, type RunReport } from '../domain/job-metrics';

const id = s.string({ minLength: 1, maxLength: 100 });
const experimentId = s.object({ id });
const empty = s.object({});
/** A host typed in the Models view or on the command line; "host:port" is read as http, as Ollama reads OLLAMA_HOST. */
const hostAddress = s.string({ minLength: 1, maxLength: HOST_URL_MAX_LENGTH }).superRefine((value, ctx) => {
  const problem = hostUrlProblem(value, { schemeOptional: true });
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
const runRequest = s.object({
  id,
  retryFailed: z.boolean().meta({ description: 'Run the failed trials again too (they go back to planned first).' }).optional(),
});
const modelName = s.string({ minLength: 1, maxLength: 200 });

/** Request schemas, one per method. The reply types are declared in `LabReplies`. */
export const labMethods = {
  getAppInfo: empty,
  listExamples: empty,
  listExperiments: empty,
  getExperiment: experimentId,
  validateSpec: s.object({ spec: z.unknown() }),
  createExperiment: s.object({
    spec: z.unknown().meta({ description: 'An experiment spec; validated by the lab.' }),
    source: s.string({ maxLength: 1000 }).optional(),
    start: z.boolean().optional(),
  }),
  startExperiment: runRequest,
  pauseExperiment: experimentId,
  resumeExperiment: runRequest,
  cancelExperiment: experimentId,
  getProgress: experimentId,
  getResults: experimentId,
  listTrials: s.object({
    id,
    cellIndex: s.integer({ min: 0, max: 1_000_000 }),
    outcome: s.oneOf(TRIAL_OUTCOMES).optional(),
    offset: s.integer({ min: 0, max: 10_000_000 }).default(0),
    limit: s.integer({ min: 1, max: 500 }).default(50),
  }),
  getTrial: s.object({ id, trialId: s.integer({ min: 1 }) }),
  getCallText: s.object({ id, trialId: s.integer({ min: 1 }), seq: s.integer({ min: 0, max: 1_000_000 }) }),
  listHosts: empty,
  checkHost: s.object({ url: hostAddress }),
  listModels: s.object({ host: hostAddress.optional() }),
  pullModel: s.object({ name: modelName, host: hostAddress.optional() }),
  cancelPull: s.object({ pullId: id }),
  deleteModel: s.object({ name: modelName, host: hostAddress.optional(), confirm: z.literal(true) }),
  calibrate: s.object({
    model: modelName,
    host: hostAddress.optional(),
    maxStreams: s.integer({ min: 1, max: 16 }).default(4),
  }),
  listCalibrations: empty,
  estimateDuration: s.object({ spec: z.unknown() }),
  getModelLoads: experimentId,
  /** Cell A against a cell the user picked, paired on the trials they share. */
  compareCells: s.object({ id, cellIndex: s.integer({ min: 0, max: 1_000_000 }), baselineCellIndex: s.integer({ min: 0, max: 1_000_000 }) }),
  /** Plans and (with start) runs a pilot for a candidate grid; the recommendation follows from getRecommendation once it completes. */
  startRecommendation: s.object({
    spec: z.unknown().meta({ description: 'The candidate grid: an experiment spec whose cells are the candidates.' }),
    objective: s.oneOf(OBJECTIVES).optional(),
    budgetTokens: s.integer({ min: 1, max: 100_000_000 }).optional(),
    source: s.string({ maxLength: 1000 }).optional(),
    start: z.boolean().optional(),
  }),
  /** The recommendation from a finished experiment (a pilot, or any other); stored, and the same one returned for the same question. */
  getRecommendation: s.object({
    id,
    objective: s.oneOf(OBJECTIVES).optional(),
    budgetTokens: s.integer({ min: 1, max: 100_000_000 }).optional(),
  }),
  /** Runs the recommended cell, its neighbours (n ± 2) and the single agent on items the pilot did not use. */
  verifyRecommendation: s.object({ predictionId: id, start: z.boolean().optional() }),
  getVerification: s.object({ verificationId: id }),
  /**
   * Every coding-job metric (docs/job-metrics.md) per cell, or pooled over the
   * experiments and grouped by the axes in `by`; `all` takes every experiment
   * of coding jobs in the database instead of `ids`.
   */
  getJobReport: s.object({
    ids: z.array(id).max(1000).default([]),
    all: z.boolean().optional(),
    by: z.array(s.oneOf(RUN_AXES)).max(RUN_AXES.length).default([]),
  }),
  /** The job figures of several experiments pooled (say, the paper's imported runs beside a sim run). */
  getJobFigures: s.object({ ids: z.array(id).min(1).max(1000) }),
} as const;

export type LabMethod = keyof typeof labMethods;
export const LAB_METHOD_NAMES = Object.keys(labMethods) as LabMethod[];

export interface LabReplies {
  getAppInfo: AppInfo;
  listExamples: { examples: ExampleInfo[]; problems: ExampleProblem[] };
  listExperiments: ExperimentRow[];
  getExperiment: ExperimentDetail;
  validateSpec: { valid: boolean; issues: Issue[] };
  createExperiment: { id: string };
  startExperiment: Progress;
  pauseExperiment: Progress;
  resumeExperiment: Progress;
  cancelExperiment: Progress;
  getProgress: Progress;
  getResults: Results;
  listTrials: TrialPage;
  getTrial: TrialDetail;
  getCallText: CallText;
  listHosts: HostInfo[];
  checkHost: HostInfo;
  listModels: HostModels;
  pullModel: PullProgress;
  cancelPull: PullProgress;
  deleteModel: { deleted: string; host: string };
  calibrate: CalibrationProfile;
  listCalibrations: CalibrationProfile[];
  estimateDuration: DurationEstimate;
  getModelLoads: ModelLoadCount[];
  compareCells: PairedComparison;
  startRecommendation: { experimentId: string };
  getRecommendation: Recommendation;
  verifyRecommendation: { verificationId: string; experimentId: string };
  getVerification: Verification;
  getJobReport: RunReport;
  getJobFigures: JobFigures;
}

export type LabRequest<M extends LabMethod> = z.output<(typeof labMethods)[M]>;
export type LabReply<M extends LabMethod> = LabReplies[M];

/** `unauthorized`: the headless bridge refused a request without its per-launch access token. */
export const LAB_ERROR_CODES = ['invalid_request', 'invalid_spec', 'not_found', 'conflict', 'unsupported', 'unavailable', 'unauthorized', 'internal'] as const;
export type LabErrorCode = (typeof LAB_ERROR_CODES)[number];

/** Something the app can do for the user about an error, offered as a button. */
export interface LabErrorAction {
  kind: 'pullModel';
  model: string;
  host: string;
}

/** An error a user can act on: what was wrong, where, and what to do. */
export interface LabError {
  code: LabErrorCode;
  message: string;
  issues?: Issue[];
  actions?: LabErrorAction[];
}

export type LabResult<T> = { ok: true; value: T } | { ok: false; error: LabError };

/** The service side: what the core implements and the transports serve. */
export type LabApi = { [M in LabMethod]: (request: LabRequest<M>) => Promise<LabReply<M>> };

/** The client side: what the renderer calls; errors come back as values. */
export type LabClient = { [M in LabMethod]: (request: LabRequest<M>) => Promise<LabResult<LabReply<M>>> };

export interface LabEvents {
  progress: Progress;
  experimentStatus: { experimentId: string; status: ExperimentStatus; error: string | null };
  experimentsChanged: Record<string, never>;
  hostStatus: HostInfo;
  pullProgress: PullProgress;
  calibrationProgress: { host: string; model: string; streams: number; maxStreams: number };
  modelLoad: { experimentId: string | null; host: string; model: string; loadMs: number; kind: 'warmup' | 'reload' };
  /** A reply as it streams in: the text so far (the last 4,000 characters), at most a few times a second per call. */
  callStream: { experimentId: string; trialId: number; seq: number; agentIndex: number; model: string; text: string; done: boolean };
}
export type LabEventName = keyof LabEvents;
export type LabEvent = { [E in LabEventName]: { type: E; payload: LabEvents[E] } }[LabEventName];

export const LAB_EVENT_NAMES: readonly LabEventName[] = ['progress', 'experimentStatus', 'experimentsChanged', 'hostStatus', 'pullProgress', 'calibrationProgress', 'modelLoad', 'callStream'];

/** Electron IPC channel names, derived from the method names. */
export const IPC_INVOKE_PREFIX = 'lab:';
export const IPC_EVENT_CHANNEL = 'lab:event';

/** The HTTP bridge's routes. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';
/**
 * The query parameter that carries the bridge's access token: in the URL
 * `lab serve` prints, and on the event stream (EventSource can't set headers).
 * Lab methods take it only as `Authorization: Bearer`.
 */
export const HTTP_TOKEN_PARAM = 'token';

/** Validates a request for `method`; shared by every transport's entry point. */
export function validateRequest<M extends LabMethod>(method: M, payload: unknown): LabResult<LabRequest<M>> {
  const parsed = s.parse(labMethods[method] as unknown as z.ZodType<LabRequest<M>>, payload ?? {});
  if (parsed.ok) return { ok: true, value: parsed.value };
  return {
    ok: false,
    error: {
      code: 'invalid_request',
      message: `Bad request to ${method}: ${s.formatIssues(parsed.issues)}`,
      issues: parsed.issues,
    },
  };
}

export function isLabMethod(name: string): name is LabMethod {
  return Object.prototype.hasOwnProperty.call(labMethods, name);
}
