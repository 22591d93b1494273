/** How close a finished run came to the hardware's limit: its tokens per second over the calibrated throughput. */
import type { HardwareUse } from '../../../shared/domain/results';
import type { ExperimentSpec } from '../../../shared/domain/spec';
import type { LabStore } from '../store/lab-store';
import { throughputAt } from './calibration';
import { defaultHostUrl, normalizeHostUrl } from '../backends/ollama/host';

export function hardwareUse(store: LabStore, spec: ExperimentSpec, experimentId: string): HardwareUse[] {
  return store.throughputOf(experimentId).map((row) => {
    const activeSeconds = Math.max(0.001, (row.last_ms - row.first_ms) / 1000);
    const achieved = row.output_tokens / activeSeconds;
    const model = row.model.replace(/^ollama:/, '');
    const slots = spec.hosts?.find((h) => normalizeHostUrl(h.url ?? defaultHostUrl()) === row.host)?.slots ?? 1;
    const profile = store.latestCalibration(row.host, model);
    const calibrated = profile ? throughputAt(profile.points, slots) : null;
    return {
      host: row.host,
      model: row.model,
      outputTokens: row.output_tokens,
      activeSeconds,
      achievedTokensPerSecond: achieved,
      calibratedTokensPerSecond: calibrated,
      utilization: calibrated ? achieved / calibrated : null,
    };
  });
}
