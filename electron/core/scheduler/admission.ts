/**
 * When to start another trial. Calls, not trials, are what hosts serve: a
 * trial waiting at a round's barrier holds no slot, so the runner admits new
 * trials while the experiment's ready calls fall short of the free slots of
 * the hosts it uses. A spec need not set any concurrency for a host's slots to
 * fill; a cap stays available to those who want one. Backends without slots
 * (the sim) run a fixed number of trials at once.
 *
 * The gate sees every call the experiment's trials make, through a wrapped
 * backend registry: calls asked for but not yet given a slot are demand, and
 * so is a trial admitted that has not asked for its first call yet.
 */
import type { BackendRegistry } from '../backends/registry';
import type { Capacity, CallRequest, ModelBackend } from '../backends/types';
import type { CallRoute } from '../backends/types';

/** Trials at once on backends without slots, unless the spec caps them lower. */
export const TRIALS_WITHOUT_SLOTS = 64;
/** A ceiling however many slots there are, so a huge pool cannot exhaust memory. */
export const MAX_TRIALS_IN_FLIGHT = 4096;

export type BackendLookup = Pick<BackendRegistry, 'forModel'>;

export interface AdmissionOptions {
  backends: BackendLookup;
  models: readonly string[];
  route: CallRoute | undefined;
  /** The spec's concurrency: at most this many trials in flight. */
  cap: number | undefined;
  /** Calls when admitting more might now be possible. */
  onChange(): void;
}

/** One admitted trial's view of the backends: its calls carry its priority and are counted as demand. */
export interface TrialTicket {
  backends: BackendLookup;
  /** Lower goes first in slot queues: older trials finish before newer ones start calls. */
  priority: number;
  /** The trial ended: it is no longer demand. */
  release(): void;
}

export class AdmissionGate {
  private readonly capacities: Capacity[];
  private readonly stopListening: Array<() => void>;
  private readonly cap: number;
  /** Calls of this experiment asked for and not yet running. */
  private waitingCalls = 0;
  /** Admitted trials that have not asked for a call yet. */
  private unplacedTrials = 0;
  private admitted = 0;
  private inFlight = 0;

  constructor(private readonly options: AdmissionOptions) {
    const byKind = new Map<string, Capacity>();
    for (const model of new Set(options.models)) {
      const backend = options.backends.forModel(model);
      if (byKind.has(backend.kind)) continue;
      const capacity = backend.capacity?.(model, options.route) ?? null;
      if (capacity) byKind.set(backend.kind, capacity);
    }
    this.capacities = [...byKind.values()];
    this.cap = Math.min(options.cap ?? (this.capacities.length > 0 ? MAX_TRIALS_IN_FLIGHT : TRIALS_WITHOUT_SLOTS), MAX_TRIALS_IN_FLIGHT);
    this.stopListening = this.capacities.map((capacity) => capacity.onChange(options.onChange));
  }

  get trialsInFlight(): number {
    return this.inFlight;
  }

  /** Whether one more trial may start now. */
  mayAdmit(): boolean {
    if (this.inFlight >= this.cap) return false;
    if (this.capacities.length === 0) return true;
    const free = this.capacities.reduce((sum, c) => sum + c.free(), 0);
    const queued = this.capacities.reduce((sum, c) => sum + c.waiting(), 0);
    const demand = Math.max(queued, this.waitingCalls) + this.unplacedTrials;
    return free > demand;
  }

  admit(): TrialTicket {
    this.inFlight++;
    this.unplacedTrials++;
    const priority = this.admitted++;
    let placed = false;
    let released = false;
    const place = () => {
      if (placed) return;
      placed = true;
      this.unplacedTrials--;
    };
    const wrap = (backend: ModelBackend): ModelBackend => ({
      kind: backend.kind,
      ...(backend.virtualTime !== undefined ? { virtualTime: backend.virtualTime } : {}),
      check: (model, route) => backend.check(model, route),
      call: async (request: CallRequest, signal: AbortSignal) => {
        place();
        this.waitingCalls++;
        let started = false;
        const start = () => {
          if (started) return;
          started = true;
          this.waitingCalls--;
          this.options.onChange();
        };
        try {
          return await backend.call({ ...request, priority, onStart: start }, signal);
        } finally {
          // A call that failed or was withdrawn before it got a slot is no longer waiting either.
          if (!started) {
            started = true;
            this.waitingCalls--;
          }
          this.options.onChange();
        }
      },
    });
    const wrapped = new Map<string, ModelBackend>();
    return {
      priority,
      backends: {
        forModel: (model) => {
          const backend = this.options.backends.forModel(model);
          let view = wrapped.get(backend.kind);
          if (!view) wrapped.set(backend.kind, (view = wrap(backend)));
          return view;
        },
      },
      release: () => {
        if (released) return;
        released = true;
        place();
        this.inFlight--;
        this.options.onChange();
      },
    };
  }

  close(): void {
    for (const stop of this.stopListening) stop();
  }
}
