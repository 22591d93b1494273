/**
 * Relays replies as they stream in, without flooding IPC or SSE with one
 * event per token: each call's text accumulates here and goes out at most
 * every `intervalMs`, plus once when the call ends.
 */
import type { LabEvents } from '../../../shared/contract/api';
import type { StreamingCall } from '../engine/trial-engine';

const MAX_TEXT = 4000;

type CallStream = LabEvents['callStream'];

export class LiveCalls {
  private readonly calls = new Map<string, { event: CallStream; dirty: boolean }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly publish: (event: CallStream) => void,
    private readonly intervalMs = 150,
  ) {}

  delta(experimentId: string, trialId: number, call: StreamingCall, text: string): void {
    const key = `${trialId}:${call.seq}`;
    const entry = this.calls.get(key) ?? { event: { experimentId, trialId, seq: call.seq, agentIndex: call.agentIndex, model: call.model, text: '', done: false }, dirty: false };
    const joined = entry.event.text + text;
    entry.event.text = joined.length > MAX_TEXT ? joined.slice(-MAX_TEXT) : joined;
    entry.dirty = true;
    this.calls.set(key, entry);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  end(trialId: number, call: StreamingCall): void {
    const key = `${trialId}:${call.seq}`;
    const entry = this.calls.get(key);
    if (!entry) return;
    this.calls.delete(key);
    this.publish({ ...entry.event, done: true });
  }

  private flush(): void {
    this.timer = null;
    for (const entry of this.calls.values()) {
      if (!entry.dirty) continue;
      entry.dirty = false;
      this.publish({ ...entry.event });
    }
  }
}
