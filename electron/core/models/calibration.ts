/**
 * Hardware calibration: how many tokens per second one stream gets when 1, 2,
 * … k streams run at once on a host. The profile lets the Designer estimate
 * an experiment's duration before it starts, and lets results say how close a
 * run came to what the hardware can do.
 */
import type { ChatResponse } from 'ollama';
import type { CalibrationPoint } from '../../../shared/domain/models';
import type { OllamaHost } from '../backends/ollama/host';

const PROMPT = 'Write a short paragraph about how teams of people divide up work. Keep going until you are stopped.';
const NS = 1e9;

export interface CalibrationOptions {
  maxStreams: number;
  /** Generated tokens per stream per step; more gives steadier numbers but takes longer. */
  tokensPerStream?: number;
  signal?: AbortSignal;
  onStep?(streams: number): void;
}

export async function calibrateHost(host: OllamaHost, model: string, options: CalibrationOptions): Promise<CalibrationPoint[]> {
  const tokens = options.tokensPerStream ?? 128;
  const client = host.client(options.signal);
  // Load first, so the first step does not measure the load.
  await client.chat({ model, messages: [] });
  const points: CalibrationPoint[] = [];
  for (let streams = 1; streams <= options.maxStreams; streams++) {
    options.onStep?.(streams);
    const started = performance.now();
    const replies = await Promise.all(
      Array.from({ length: streams }, (_, i) =>
        client.chat({ model, messages: [{ role: 'user', content: `${PROMPT} (${i})` }], options: { temperature: 0, seed: i, num_predict: tokens } }) as Promise<ChatResponse>,
      ),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const perStream = replies.map((r) => (r.eval_duration > 0 ? (r.eval_count * NS) / r.eval_duration : 0));
    const promptRates = replies.map((r) => (r.prompt_eval_duration > 0 ? (r.prompt_eval_count * NS) / r.prompt_eval_duration : 0));
    const generated = replies.reduce((n, r) => n + (r.eval_count ?? 0), 0);
    points.push({
      streams,
      tokensPerSecondPerStream: perStream.reduce((a, b) => a + b, 0) / streams,
      totalTokensPerSecond: wallSeconds > 0 ? generated / wallSeconds : 0,
      promptTokensPerSecond: promptRates.reduce((a, b) => a + b, 0) / streams,
    });
  }
  return points;
}

/** Throughput (all streams together) at `streams`, from the nearest measured point at or below it. */
export function throughputAt(points: readonly CalibrationPoint[], streams: number): number | null {
  const usable = points.filter((p) => p.streams <= streams).sort((a, b) => b.streams - a.streams);
  return usable[0]?.totalTokensPerSecond ?? null;
}
