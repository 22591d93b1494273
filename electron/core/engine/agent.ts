/**
 * An agent handle: asks its model with a typed intent, and always gets an
 * outcome back. Each call is placed on the trial's timeline (it starts when
 * its agent is free, its inputs are written and its barrier has passed, and
 * lasts its service time), seeded by its coordinates (trial, agent, round,
 * intent, attempt) rather than by the order replies arrive, and recorded with
 * its prompt, reply, answer and edges. The cell's faults wrap every call
 * (fault-middleware.ts): what the agent receives, what it is told to push,
 * whether its request goes out at all, and when.
 */
import { setMaxListeners } from 'node:events';
import type { AgentConfig } from '../../../shared/domain/cells';
import { scoreOf } from '../tasks/types';
import type { CallStatus } from '../../../shared/domain/trials';
import type { BackendLookup } from '../scheduler/admission';
import { BackendError, type ModelBackend } from '../backends/types';
import type { CallRecord } from '../trial-record';
import { deriveSeed } from '../util/random';
import { callWithFault, type Settled, type TrialFaults } from './fault-middleware';
import { answersItem, type Intent } from './intents';
import { promptPieces, renderPrompt, statedConfidence } from './prompts';
import { approximateTokens, type TrialRecorder } from './recorder';
import type { ReleaseGate } from './release-gate';
import { TrialPaused, type TrialInput } from './trial-engine';
import type { AgentHandle, Ask, AskOptions, CallOutcome } from './types';

interface AgentDeps {
  config: AgentConfig;
  input: TrialInput;
  backends: BackendLookup;
  signal: AbortSignal;
  recorder: TrialRecorder;
  gate: ReleaseGate;
  /** The cell's faults for this trial (none: every count 0). */
  faults: TrialFaults;
}

export function makeAgent(deps: AgentDeps): AgentHandle {
  const history: CallOutcome[] = [];
  const attempts = new Map<string, number>();
  /** When this agent is free again on the timeline: an agent does one thing at a time. */
  let freeAtMs = 0;
  let lastCall: CallOutcome | null = null;

  async function ask(ask: Ask, options: AskOptions): Promise<CallOutcome> {
    const { config, input, recorder } = deps;
    if (input.pauseSignal?.aborted) throw new TrialPaused();
    // Lost messages never reach the agent; a Byzantine agent's intent carries the answer it must push.
    const received = deps.faults.receive(config.index, ask, options.delivered ?? []);
    const adversary = deps.faults.adversaryOf(config.index);
    const intent = { ...received.ask, item: input.item, ...(adversary ? { adversary } : {}) } as Intent;
    const seq = recorder.reserveCallSeq();
    const coordinate = `${options.round}\u0000${intent.kind}`;
    const attempt = attempts.get(coordinate) ?? 0;
    attempts.set(coordinate, attempt + 1);

    const delivered = received.delivered;
    const own = options.own ?? null;
    const reads = unique([...(options.reads ?? []).map((c) => c.seq), ...delivered.map((d) => d.callSeq), ...(own ? [own.seq] : [])]);
    const readEnds = [...(options.reads ?? []), ...(own ? [own] : [])].map((c) => c.endMs).concat(delivered.map((d) => d.atMs));
    // The agent's own previous call is an edge too, when it is what holds this one back; so is a call whose message was lost.
    const waited = [...(options.waitsFor ?? []), ...(lastCall ? [lastCall] : []), ...received.lost.map((d) => ({ seq: d.callSeq, endMs: d.atMs }))].filter((c) => !reads.includes(c.seq));
    const waitsFor = unique(waited.map((c) => c.seq));
    const readyAtMs = Math.max(freeAtMs, ...readEnds, ...waited.map((c) => c.endMs), 0);
    const fault = deps.faults.callFault({ agent: config.index, round: options.round, intent: intent.kind, attempt, seq, readyAtMs });
    // A straggler's call starts later by its drawn delay.
    const startMs = readyAtMs + fault.delayMs;

    const ownReply = own ? recorder.replyMessageOf(own.seq) : null;
    const pieces = promptPieces(intent, config, input.defaults, {
      delivered: delivered.map((d) => ({ messageSeq: d.messageSeq, fromAgent: d.fromAgent, kind: d.kind, content: d.content })),
      own: own && ownReply !== null && own.text !== null ? { messageSeq: ownReply, content: own.text } : null,
    });
    const prompt = pieces.map((piece) => piece.ref ?? recorder.orchestratorMessage(piece.kind, piece.content, config.index));

    const backend = deps.backends.forModel(config.model);
    const abortedAt = { ms: Number.POSITIVE_INFINITY };
    const callSignal = options.signal ? AbortSignal.any([deps.signal, options.signal]) : deps.signal;
    if (options.signal) {
      // One signal often cancels a whole group of calls (a quorum, a round): many listeners are expected.
      setMaxListeners(0, options.signal);
      options.signal.addEventListener('abort', () => (abortedAt.ms = recorder.now), { once: true });
    }

    const realTime = backend.virtualTime !== true;
    const signals = { trial: deps.signal, call: callSignal, ...(input.pauseSignal ? { pause: input.pauseSignal } : {}) };
    const work = callWithFault(fault, { agent: config.index, host: backend.kind, timeoutMs: input.settings.timeoutMs, realTime, signals }, () =>
      callBackend(backend, intent, renderPrompt(pieces), seq, options.round, attempt, callSignal),
    );
    recorder.track(work);
    const settled = await work;
    if (deps.signal.aborted) throw settled.abort ?? new Error('cancelled');
    if (settled.paused) throw new TrialPaused();

    const finish = (): CallOutcome => {
      let { status, result } = settled;
      const error = settled.error;
      let latency = latencyOf(settled);
      let tokensOut = result?.tokensOut ?? 0;
      // A call still running on the timeline when its group was cancelled is cut there (a crashed one stays crashed).
      if ((status === 'ok' || status === 'crashed') && startMs + latency > abortedAt.ms) {
        const kept = Math.max(0, abortedAt.ms - startMs);
        tokensOut = Math.round(tokensOut * (latency > 0 ? kept / latency : 0));
        latency = kept;
        if (status === 'ok') {
          status = 'cancelled';
          result = null;
        }
      }
      const endMs = startMs + latency;
      freeAtMs = Math.max(freeAtMs, endMs); // engine fix: a cancelled call released after its agent's next one must not move the agent's free time back
      recorder.ended(endMs);
      const text = status === 'ok' && result ? result.text : null;
      const complete = status === 'ok' && result?.doneReason !== 'length';
      // A reply cut by the token limit is not a complete answer: never graded as one.
      const answer = text !== null && complete ? input.suite.extract(text, input.item) : null;
      const record: CallRecord = {
        seq,
        agentIndex: config.index,
        role: config.role,
        intent: intent.kind,
        round: options.round,
        attempt,
        model: config.model,
        host: result?.host ?? settled.host,
        status,
        error: status === 'cancelled' ? (error ?? 'cancelled: the team no longer needed it') : error,
        doneReason: result?.doneReason ?? (status === 'cancelled' ? 'cancelled' : 'error'),
        tokensIn: result?.tokensIn ?? settled.tokensIn,
        tokensOut,
        queueMs: result?.queueMs ?? 0,
        loadMs: result?.loadMs ?? 0,
        promptMs: result?.promptMs ?? 0,
        genMs: result?.genMs ?? 0,
        latencyMs: latency,
        startedAtMs: settled.startedAtMs,
        endedAtMs: settled.endedAtMs,
        logicalStartMs: startMs,
        logicalEndMs: endMs,
        simulated: result?.simulated ?? backend.virtualTime === true,
        consumes: reads,
        waitsFor,
        retries: result?.retries ?? settled.retries,
        prompt,
      };
      recorder.addCall(record);
      if (text !== null) {
        recorder.addReply(seq, { fromAgent: config.index, kind: 'reply', content: text, round: options.round, atMs: endMs, tokens: tokensOut || approximateTokens(text) });
      }
      if (text !== null && answersItem(intent.kind)) {
        const correct = input.suite.grade(input.item, answer);
        recorder.addAnswer({ agentIndex: config.index, callSeq: seq, extracted: answer, correct, score: scoreOf(input.suite, input.item, answer), partIndex: null });
      } else if (text !== null && intent.kind === 'solve_part' && input.item.parts?.length === intent.of && input.suite.gradePart) {
        // A worker's result on a part of a decomposable job is graded against that part, where the team split it the job's own way.
        const correct = input.suite.gradePart(input.item, intent.part, answer);
        recorder.addAnswer({ agentIndex: config.index, callSeq: seq, extracted: answer, correct, score: correct ? 1 : 0, partIndex: intent.part });
      }
      const confidence = text !== null ? statedConfidence(text) : null;
      const outcome: CallOutcome = { seq, agentIndex: config.index, round: options.round, intent: intent.kind, status, text, answer, confidence, error: record.error, startMs, endMs };
      history.push(outcome);
      if (!lastCall || endMs >= lastCall.endMs) lastCall = outcome; // engine fix: likewise, the previous call is the one that ended last, not the one released last
      return outcome;
    };

    // Virtual-time results (and crashes, which last the timeout) wait their turn on the timeline; real ones are released as they arrive.
    if (backend.virtualTime && (settled.status === 'ok' || settled.status === 'crashed')) {
      const endMs = startMs + latencyOf(settled);
      const released = new Promise<CallOutcome>((resolve) => deps.gate.hold(endMs, seq, () => resolve(finish())));
      recorder.track(released); // engine fix: a held call nobody awaits any more (cancelled by a quorum) must still be recorded before the trial ends
      return released;
    }
    return finish();
  }

  async function callBackend(backend: ModelBackend, intent: Intent, messages: ReturnType<typeof renderPrompt>, seq: number, round: number, attempt: number, signal: AbortSignal): Promise<Settled> {
    const { config, input } = deps;
    const startedAtMs = Date.now();
    const streaming = { seq, agentIndex: config.index, model: config.model };
    const stream = input.stream;
    const base = { host: backend.kind, tokensIn: 0, retries: [], startedAtMs };
    try {
      const result = await backend
        .call(
          {
            model: config.model,
            messages,
            temperature: config.temperature,
            maxTokens: input.defaults.maxTokens,
            // From the call's coordinates, so the first round of a debate draws what a vote of the same agents draws.
            seed: deriveSeed(input.seed, 'call', config.index, round, intent.kind, attempt),
            intent,
            agentIndex: config.index,
            ...(input.settings.route ? { route: input.settings.route } : {}),
            options: input.settings.options,
            timeoutMs: input.settings.timeoutMs,
            ...(input.settings.experimentId ? { experimentId: input.settings.experimentId } : {}),
            ...(input.priority !== undefined ? { priority: input.priority } : {}),
            ...(input.pauseSignal ? { queueSignal: input.pauseSignal } : {}),
            ...(stream ? { onDelta: (text: string) => stream.onDelta(streaming, text) } : {}),
          },
          signal,
        )
        .finally(() => stream?.onCallEnd(streaming));
      const endedAtMs = Date.now();
      return { ...base, status: 'ok', result, error: null, elapsedMs: endedAtMs - startedAtMs, endedAtMs, abort: null };
    } catch (error) {
      const endedAtMs = Date.now();
      const elapsedMs = endedAtMs - startedAtMs;
      const message = error instanceof Error ? error.message : String(error);
      if (deps.signal.aborted) return { ...base, status: 'cancelled', result: null, error: message, elapsedMs, endedAtMs, abort: error };
      if (input.pauseSignal?.aborted && !signal.aborted) return { ...base, status: 'cancelled', result: null, error: message, elapsedMs, endedAtMs, abort: null, paused: true };
      if (signal.aborted) return { ...base, status: 'cancelled', result: null, error: 'cancelled: the team no longer needed it', elapsedMs, endedAtMs, abort: null };
      const status: CallStatus = error instanceof BackendError && error.code === 'timeout' ? 'timeout' : 'error';
      return { ...base, status, result: null, error: message, elapsedMs, endedAtMs, abort: null };
    }
  }

  return {
    index: deps.config.index,
    config: deps.config,
    history,
    ask,
  };
}

/** A call's length on the timeline: the service time it reported, else its wall time (a crash: the timeout). */
function latencyOf(settled: Settled): number {
  return settled.result ? settled.result.loadMs + settled.result.promptMs + settled.result.genMs : settled.elapsedMs;
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}
