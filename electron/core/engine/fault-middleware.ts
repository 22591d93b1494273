/**
 * Injects a cell's faults around calls and message delivery, so structures
 * never know about them: a crashed agent's call sends nothing and ends after
 * the call timeout, a straggler's call starts later, a Byzantine agent's
 * intent carries the wrong answer it must push, and a lost message never
 * reaches its receiver's prompt (nor, for the sim, its intent). Every draw
 * comes from the trial's seed and the call's or message's coordinates, and
 * every injected fault is a trial event (kinds starting with `fault_`).
 */
import type { CellSpec } from '../../../shared/domain/cells';
import type { CallStatus } from '../../../shared/domain/trials';
import { abortError, type CallResult } from '../backends/types';
import type { TaskItem } from '../tasks/types';
import type { CallRecord } from '../trial-record';
import { adversaryAnswers, assignFaults, delayWords, isDropped, stragglerDelay, type FaultAssignment } from './faults';
import type { Adversary } from './intents';
import type { TrialRecorder } from './recorder';
import type { Ask, CallOutcome, Delivery } from './types';

/** A call once it has settled, before it is placed on the timeline and recorded. */
export interface Settled {
  status: CallStatus;
  result: CallResult | null;
  error: string | null;
  host: string;
  tokensIn: number;
  /** Wall time of a failed call; for a crashed one, the timeout it lasts on the timeline. */
  elapsedMs: number;
  startedAtMs: number;
  endedAtMs: number;
  retries: CallRecord['retries'];
  abort: unknown;
  /** Withdrawn from its slot queue (or its fault's wait) because the run paused. */
  paused?: boolean;
}

/** How one call is touched by faults. */
export interface CallFault {
  crashed: boolean;
  /** Extra delay before the call starts, ms (0 unless the agent straggles). */
  delayMs: number;
}

/** The signals a fault's real wait stops for: the call's own (trial or group) and the run's pause. */
export interface WaitSignals {
  trial: AbortSignal;
  call: AbortSignal;
  pause?: AbortSignal;
}

const seconds = (ms: number): string => `${Number((ms / 1000).toPrecision(3))} s`;

export class TrialFaults {
  readonly assignment: FaultAssignment;
  private readonly adversaries: Map<number, string>;
  /** For each message, the receivers it never reached. */
  private readonly lost = new Map<number, Set<number>>();

  constructor(
    private readonly cell: CellSpec,
    item: TaskItem,
    private readonly seed: number,
    private readonly timeoutMs: number,
    private readonly recorder: TrialRecorder,
  ) {
    this.assignment = assignFaults(cell.faults, cell.size, seed);
    this.adversaries = adversaryAnswers(cell.faults, this.assignment, item, seed);
  }

  /** Records who is faulty, at the trial's start, so the trial view marks it before anything happens. */
  recordAssignment(): void {
    const { faults } = this.cell;
    for (const [agent, answer] of this.adversaries) {
      const how = faults.mode === 'colluding' ? 'colluding with the other Byzantine agents' : 'on its own';
      this.recorder.event('fault_byzantine', `agent ${agent} is Byzantine (${how}): it argues for ${answer} whatever it finds, in every call`, 0, agent, null);
    }
    const from = faults.crashFromRound > 0 ? `from round ${faults.crashFromRound}` : 'from the start';
    for (const agent of this.assignment.crash) {
      this.recorder.event('fault_crash', `agent ${agent} has crashed ${from}: it sends no request, and the team waits up to the call timeout (${seconds(this.timeoutMs)}) for each of its calls`, 0, agent, faults.crashFromRound);
    }
    for (const agent of this.assignment.stragglers) {
      this.recorder.event('fault_straggler', `agent ${agent} straggles: each of its calls starts later by a delay drawn from ${delayWords(faults.delay)}`, 0, agent, null);
    }
    if (faults.drop > 0) this.recorder.event('fault_drop_rate', `each message between agents is lost with probability ${faults.drop}`, 0, null, null);
  }

  adversaryOf(agent: number): Adversary | null {
    const answer = this.adversaries.get(agent);
    return answer === undefined ? null : { answer };
  }

  /** Whether the call is swallowed by a crash and how long a straggler's call is held back; a drawn delay is recorded as an event. */
  callFault(call: { agent: number; round: number; intent: string; attempt: number; seq: number; readyAtMs: number }): CallFault {
    const crashed = this.assignment.crash.includes(call.agent) && call.round >= this.cell.faults.crashFromRound;
    if (crashed || !this.assignment.stragglers.includes(call.agent)) return { crashed, delayMs: 0 };
    const delayMs = stragglerDelay(this.cell.faults.delay, this.seed, call);
    this.recorder.event('fault_delay', `call ${call.seq} (${call.intent}) of straggler agent ${call.agent} was held back ${Math.round(delayMs)} ms`, call.readyAtMs, call.agent, call.round);
    return { crashed, delayMs };
  }

  /** The receivers a message reaches: each other agent loses it with the cell's drop probability (one never loses its own). */
  deliver(from: CallOutcome, to: readonly number[], kind: string): { reached: number[]; lost: number[] } {
    const reached: number[] = [];
    const lost: number[] = [];
    for (const receiver of to) {
      const drop = receiver !== from.agentIndex && isDropped(this.cell.faults.drop, this.seed, { from: from.agentIndex, round: from.round, intent: from.intent, kind, to: receiver });
      (drop ? lost : reached).push(receiver);
    }
    return { reached, lost };
  }

  /** Remembers a message's losses and records each as a `fault_drop` event on the receiver's lane. */
  noteLost(messageSeq: number, from: CallOutcome, kind: string, lost: readonly number[]): void {
    if (lost.length === 0) return;
    this.lost.set(messageSeq, new Set(lost));
    for (const receiver of lost) {
      this.recorder.event('fault_drop', `message ${messageSeq} (${kind}) from agent ${from.agentIndex} to agent ${receiver} was lost`, from.endMs, receiver, from.round);
    }
  }

  /**
   * What `agent` really receives of the deliveries a structure hands it: the
   * lost ones leave its prompt and its intent (a peer's answer, a critique, a
   * proposal, its part, a part's result), and stay only as waited-for edges,
   * since the structure's protocol did wait for the calls that sent them.
   */
  receive(agent: number, ask: Ask, delivered: readonly Delivery[]): { ask: Ask; delivered: Delivery[]; lost: Delivery[] } {
    const kept = delivered.filter((d) => !this.lost.get(d.messageSeq)?.has(agent));
    if (kept.length === delivered.length) return { ask, delivered: [...delivered], lost: [] };
    const lost = delivered.filter((d) => !kept.includes(d));
    return { ask: withoutLost(ask, kept, lost), delivered: kept, lost };
  }
}

/** The intent as its agent sees it without the lost deliveries. */
function withoutLost(ask: Ask, kept: readonly Delivery[], lost: readonly Delivery[]): Ask {
  const heard = new Set(kept.map((d) => d.fromAgent));
  const silent = new Set(lost.map((d) => d.fromAgent).filter((from) => !heard.has(from)));
  const stillHeard = <T extends { agentIndex: number }>(list: readonly T[]): T[] => list.filter((entry) => !silent.has(entry.agentIndex));
  switch (ask.kind) {
    case 'revise':
      return { ...ask, peers: stillHeard(ask.peers) };
    case 'refine':
      return { ...ask, critiques: stillHeard(ask.critiques) };
    case 'aggregate':
      return { ...ask, candidates: stillHeard(ask.candidates) };
    case 'critique':
      // The draft never came: there is nothing to critique.
      return lost.some((d) => d.kind === 'draft') ? { ...ask, target: null } : ask;
    case 'solve_part':
      // Without its part the worker has only the whole task, as after a split that did not name its part.
      return lost.some((d) => d.kind === 'part') ? { ...ask, soundSplit: false } : ask;
    case 'synthesize': {
      // Parts are listed by position, not sender: a lost result takes out the part that reported its answer.
      const parts = [...ask.parts];
      for (const d of lost) {
        const at = parts.findIndex((p) => p.answer === d.answer);
        if (at >= 0) parts.splice(at, 1);
      }
      return { ...ask, parts };
    }
    default:
      return ask;
  }
}

/** Waits `ms` of real time, or until one of the signals aborts; never rejects. */
function waitReal(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve();
    const done = () => {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const s of signals) s.addEventListener('abort', done, { once: true });
  });
}

/** How a wait that ended early ends the call: the trial stopped, the run paused, or the team no longer needed it. */
function interrupted(signals: WaitSignals, base: Omit<Settled, 'status' | 'error' | 'elapsedMs' | 'endedAtMs' | 'abort'>): Settled | null {
  const endedAtMs = Date.now();
  const common = { ...base, elapsedMs: endedAtMs - base.startedAtMs, endedAtMs };
  if (signals.trial.aborted) return { ...common, status: 'cancelled', error: 'cancelled', abort: abortError() };
  if (signals.pause?.aborted && !signals.call.aborted) return { ...common, status: 'cancelled', error: 'the run paused', abort: null, paused: true };
  return null;
}

/**
 * Runs one call with its fault: a crashed agent sends no request, and its
 * call lasts the timeout on the timeline (on a real backend the engine really
 * waits that long, as a team waiting for a dead peer would); a straggler's
 * call is held back its delay (slept for real on a real backend) and then
 * sent. On virtual time (the sim) nothing sleeps: the timeline carries it all.
 */
export async function callWithFault(
  fault: CallFault,
  context: { agent: number; host: string; timeoutMs: number; realTime: boolean; signals: WaitSignals },
  send: () => Promise<Settled>,
): Promise<Settled> {
  const { signals, realTime } = context;
  const base = { result: null, host: context.host, tokensIn: 0, retries: [], startedAtMs: Date.now() };
  const waitSignals = [signals.call, ...(signals.pause ? [signals.pause] : [])];
  if (fault.crashed) {
    if (realTime) await waitReal(context.timeoutMs, waitSignals);
    const stopped = interrupted(signals, base);
    if (stopped) return stopped;
    const error = `crashed: agent ${context.agent} stopped answering (an injected fault), so no request was sent; the team waited up to its call timeout (${seconds(context.timeoutMs)})`;
    // Cut short by the team (a quorum reached), the call is cut on the timeline where the team let it go.
    return { ...base, status: 'crashed', error, elapsedMs: context.timeoutMs, endedAtMs: Date.now(), abort: null };
  }
  if (fault.delayMs > 0 && realTime) {
    await waitReal(fault.delayMs, waitSignals);
    const stopped = interrupted(signals, base);
    if (stopped) return stopped;
    if (signals.call.aborted) {
      const endedAtMs = Date.now();
      return { ...base, status: 'cancelled', error: 'cancelled: the team no longer needed it', elapsedMs: endedAtMs - base.startedAtMs, endedAtMs, abort: null };
    }
  }
  return send();
}
