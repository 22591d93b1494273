/** Hosts, installed and loaded models, pulls and calibration: what the Models view and CLI show. */

export type HostStatus = 'unknown' | 'up' | 'down';

export interface HostInfo {
  url: string;
  status: HostStatus;
  version: string | null;
  /** Parallel slots Quorum uses on this host (its OLLAMA_NUM_PARALLEL). */
  slots: number;
  busy: number;
  waiting: number;
  error: string | null;
  downSinceMs: number | null;
}

export interface InstalledModel {
  name: string;
  sizeBytes: number;
  family: string | null;
  parameterSize: string | null;
  quantization: string | null;
  /** From /api/show's model_info "<arch>.context_length"; null when the server does not say. */
  contextLength: number | null;
  modifiedAt: string | null;
}

export interface LoadedModel {
  name: string;
  sizeBytes: number;
  sizeVramBytes: number;
  contextLength: number | null;
  expiresAt: string | null;
}

export interface HostModels {
  host: HostInfo;
  installed: InstalledModel[];
  loaded: LoadedModel[];
}

export interface PullProgress {
  pullId: string;
  host: string;
  model: string;
  status: string;
  completedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  error: string | null;
}

export interface CalibrationPoint {
  streams: number;
  /** Generated tokens per second seen by one stream at this concurrency. */
  tokensPerSecondPerStream: number;
  /** All streams together. */
  totalTokensPerSecond: number;
  promptTokensPerSecond: number;
}

export interface CalibrationProfile {
  id: number;
  host: string;
  model: string;
  measuredAt: string;
  points: CalibrationPoint[];
}

export interface ModelLoadCount {
  host: string;
  model: string;
  loads: number;
  warmups: number;
  totalLoadMs: number;
}

export interface DurationEstimate {
  seconds: number | null;
  /** How the estimate was made, or why there is none. */
  basis: string;
}
