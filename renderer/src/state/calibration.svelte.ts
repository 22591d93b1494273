import type { LabBridge } from '../../../shared/contract/bridge';
import type { LabEvents } from '../../../shared/contract/api';
import type { CalibrationProfile } from '../../../shared/domain/models';
import type { ErrorLog } from './errors.svelte';

/** Streams the Models view calibrates up to. */
export const CALIBRATION_STREAMS = 4;

export type CalibrationRun = LabEvents['calibrationProgress'];

/** A saved profile with the figures its list row shows. */
export interface SavedCalibration {
  profile: CalibrationProfile;
  maxStreams: number;
  /** The highest all-streams throughput measured. */
  bestTotalTokensPerSecond: number;
}

export function savedCalibration(profile: CalibrationProfile): SavedCalibration {
  return {
    profile,
    maxStreams: profile.points.reduce((most, point) => Math.max(most, point.streams), 0),
    bestTotalTokensPerSecond: profile.points.reduce((best, point) => Math.max(best, point.totalTokensPerSecond), 0),
  };
}

/** Calibrating a model on a host: progress, the resulting profile, and the saved ones. */
export class CalibrationState {
  /** The calibration under way (streams 0 = loading the model), or null. */
  running = $state.raw<CalibrationRun | null>(null);
  /** The profile shown in the table: the latest measured, or one picked from the saved list. */
  shown = $state.raw<CalibrationProfile | null>(null);
  saved = $state.raw<CalibrationProfile[]>([]);

  savedRows = $derived(this.saved.map(savedCalibration));

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;

  constructor(lab: LabBridge, errors: ErrorLog) {
    this.#lab = lab;
    this.#errors = errors;
  }

  async loadSaved(): Promise<void> {
    const saved = await this.#errors.attempt(this.#lab.listCalibrations({}), 'Loading saved calibrations');
    if (saved) this.saved = saved;
  }

  /** Measures `model` on `host` with 1…4 streams; resolves when done. */
  async run(model: string, host: string): Promise<void> {
    if (this.running) return;
    this.running = { host, model, streams: 0, maxStreams: CALIBRATION_STREAMS };
    try {
      const profile = await this.#errors.attempt(
        this.#lab.calibrate({ model, host, maxStreams: CALIBRATION_STREAMS }),
        `Calibrating ${model}`,
      );
      if (profile) {
        this.shown = profile;
        await this.loadSaved();
      }
    } finally {
      this.running = null;
    }
  }

  show(profile: CalibrationProfile): void {
    this.shown = profile;
  }

  /** A calibrationProgress event: which step the run is at. */
  apply(progress: CalibrationRun): void {
    if (this.running && this.running.model === progress.model) this.running = { ...this.running, streams: progress.streams, maxStreams: progress.maxStreams };
  }
}
