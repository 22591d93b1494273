import type { LabBridge } from '../../../shared/contract/bridge';
import type { LabEvent, LabEvents } from '../../../shared/contract/api';

/** How long a finished reply stays on screen, marked done. */
export const DONE_LINGER_MS = 3000;
/** At most this many calls are shown; older ones make way for new ones. */
export const MAX_LIVE_REPLIES = 8;

export type CallStream = LabEvents['callStream'];

/** One call whose reply is streaming in (or just finished). */
export interface LiveReply {
  /** trialId:seq, unique within an experiment. */
  key: string;
  trialId: number;
  agentIndex: number;
  model: string;
  /** The reply so far (its last 4,000 characters). */
  text: string;
  done: boolean;
}

export function liveReplyKey(event: Pick<CallStream, 'trialId' | 'seq'>): string {
  return `${event.trialId}:${event.seq}`;
}

/**
 * Replies of one experiment's calls as they stream in, from `callStream`
 * events. Only real backends stream, so for a simulated run this stays empty.
 */
export class LiveRepliesState {
  readonly experimentId: string;
  /** Oldest first; at most MAX_LIVE_REPLIES. */
  replies = $state.raw<LiveReply[]>([]);
  /** Has any reply of this run streamed in yet? */
  seen = $state(false);

  readonly #lab: LabBridge;
  #active = false;
  // Timers only, never rendered: a plain Map on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #removals = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(lab: LabBridge, experimentId: string) {
    this.#lab = lab;
    this.experimentId = experimentId;
  }

  /** Listens for replies; returns a function that stops and forgets them. */
  start(): () => void {
    const unsubscribe = this.#lab.subscribe((event) => this.#onEvent(event));
    return () => {
      unsubscribe();
      this.setActive(false);
    };
  }

  /** Replies are kept only while the experiment runs; stopping drops them all. */
  setActive(active: boolean): void {
    this.#active = active;
    if (!active) this.clear();
  }

  clear(): void {
    for (const timer of this.#removals.values()) clearTimeout(timer);
    this.#removals.clear();
    this.replies = [];
    this.seen = false;
  }

  apply(event: CallStream): void {
    if (!this.#active || event.experimentId !== this.experimentId) return;
    this.seen = true;
    const key = liveReplyKey(event);
    const previous = this.replies.find((reply) => reply.key === key);
    // A late piece of a call already marked done changes nothing.
    if (previous?.done) return;
    const reply: LiveReply = { key, trialId: event.trialId, agentIndex: event.agentIndex, model: event.model, text: event.text, done: event.done };
    let next = previous ? this.replies.map((item) => (item.key === key ? reply : item)) : [...this.replies, reply];
    if (next.length > MAX_LIVE_REPLIES) {
      const dropped = next.slice(0, next.length - MAX_LIVE_REPLIES);
      for (const old of dropped) this.#cancelRemoval(old.key);
      next = next.slice(-MAX_LIVE_REPLIES);
    }
    this.replies = next;
    if (reply.done) this.#scheduleRemoval(key);
  }

  #onEvent(event: LabEvent): void {
    if (event.type === 'callStream') this.apply(event.payload);
  }

  #scheduleRemoval(key: string): void {
    this.#cancelRemoval(key);
    const timer = setTimeout(() => {
      this.#removals.delete(key);
      this.replies = this.replies.filter((reply) => reply.key !== key);
    }, DONE_LINGER_MS);
    this.#removals.set(key, timer);
  }

  #cancelRemoval(key: string): void {
    const timer = this.#removals.get(key);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#removals.delete(key);
  }
}
