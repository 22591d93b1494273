/**
 * Runs one trial: a team structure meets one task item. The engine gives the
 * structure its agents, records every call, message, answer and event in
 * memory, places each call on the trial's logical timeline, and hands back one
 * TrialOutcome, which the store writes in a single transaction (so a crash
 * never leaves half a trial behind).
 */
import type { CellSpec } from '../../../shared/domain/cells';
import type { AgentSpec } from '../../../shared/domain/spec';
import type { TrialOutcome } from '../trial-record';
import type { BackendLookup } from '../scheduler/admission';
import type { CallRoute, ModelOptions } from '../backends/types';
import { scoreOf, type TaskItem, type TaskSuite } from '../tasks/types';
import { getStructure } from '../teams';
import { createRng, deriveSeed } from '../util/random';
import { TrialRecorder } from './recorder';
import { makeAgent } from './agent';
import { TrialFaults } from './fault-middleware';
import { ReleaseGate } from './release-gate';
import { makeNetwork } from './network';
import { recordedEnvironment, type EnvironmentFactory } from './environment';
import type { CallOutcome, TeamContext, TeamGrade } from './types';

/** What every call of an experiment shares besides the prompt: where it may go and the runner options. */
export interface CallSettings {
  experimentId?: string;
  route?: CallRoute;
  options: ModelOptions;
  timeoutMs: number;
}

/** Which call a streamed piece of reply belongs to. */
export interface StreamingCall {
  seq: number;
  agentIndex: number;
  model: string;
}

export interface TrialStreamHooks {
  onDelta(call: StreamingCall, text: string): void;
  onCallEnd(call: StreamingCall): void;
}

export interface TrialInput {
  item: TaskItem;
  suite: TaskSuite;
  cell: CellSpec;
  /** The spec's agent defaults (system prompt, max tokens). */
  defaults: AgentSpec;
  settings: CallSettings;
  /** The trial's seed: every draw of the trial derives from it and its coordinates. */
  seed: number;
  /** Lower goes first in a host's slot queue: older trials finish before newer ones start calls. */
  priority?: number;
  /** The run is pausing: calls still waiting for a slot are withdrawn, and the trial stops at its next call. */
  pauseSignal?: AbortSignal;
  stream?: TrialStreamHooks;
  /** A shared environment for the trial's agents (the task board of coding jobs); none by default. */
  environment?: EnvironmentFactory;
}

/** The run paused while this trial was in flight: it is not finished and stays planned. */
export class TrialPaused extends Error {
  constructor() {
    super('The run paused before this trial finished; it runs again on resume.');
    this.name = 'TrialPaused';
  }
}

export async function runTrial(input: TrialInput, backends: BackendLookup, signal: AbortSignal): Promise<TrialOutcome> {
  const startedAtMs = Date.now();
  const recorder = new TrialRecorder(input.cell.size);
  const gate = new ReleaseGate();
  const random = createRng(deriveSeed(input.seed, 'structure', input.cell.structure));
  // Faulty agents come from the trial's seed alone: cells of one size meeting this item get the same ones.
  const faults = new TrialFaults(input.cell, input.item, input.seed, input.settings.timeoutMs, recorder);
  faults.recordAssignment();
  const agents = input.cell.agents.map((config) => makeAgent({ config, input, backends, signal, recorder, gate, faults }));
  const network = makeNetwork(input.cell, random, recorder, faults);
  const structure = getStructure(input.cell.structure);
  // The trial's own environment, else the one its structure works in (the coding team's board).
  const environmentFactory = input.environment ?? structure.environment;
  const environmentState = environmentFactory ? environmentFactory({ seed: input.seed, itemIndex: input.item.index, item: input.item }) : null;
  let decided = false;
  let finalAnswer: string | null = null;
  let teamGrade: TeamGrade | null = null;

  const context: TeamContext = {
    item: input.item,
    suite: input.suite,
    cell: input.cell,
    params: input.cell.params,
    agents,
    network,
    random,
    signal,
    environment: environmentState
      ? recordedEnvironment(environmentState, (kind, detail, agentIndex, round, atMs) => recorder.event(kind, detail, atMs, agentIndex, round))
      : null,
    now: () => recorder.now,
    quote(outcome) {
      const messageSeq = recorder.replyMessageOf(outcome.seq);
      if (messageSeq === null || outcome.text === null) return null;
      return { messageSeq, fromAgent: outcome.agentIndex, callSeq: outcome.seq, kind: 'reply', content: outcome.text, answer: outcome.answer, atMs: outcome.endMs };
    },
    event: (kind, detail, at = {}) => recorder.event(kind, detail, at.atMs ?? recorder.now, at.agentIndex ?? null, at.round ?? null),
    decide(answer, explanation, inputs: readonly CallOutcome[], grade?: TeamGrade) {
      decided = true;
      finalAnswer = answer;
      teamGrade = grade ?? null;
      recorder.decision(answer, explanation, inputs);
    },
    hold: (work) => gate.closeWhile(work),
  };

  await structure.run(context);
  // Calls the structure let go (a quorum reached, a round closed) still settle and are recorded.
  await recorder.settled();
  if (!decided) context.decide(null, 'the structure gave no answer', []);
  const finishedAtMs = Date.now();
  const grade = teamGrade as TeamGrade | null;
  const outcome = recorder.outcome({
    finalAnswer,
    correct: grade ? grade.correct : input.suite.grade(input.item, finalAnswer),
    score: grade ? grade.score : scoreOf(input.suite, input.item, finalAnswer),
    startedAtMs,
    finishedAtMs,
  });
  if (grade?.endMs !== undefined) outcome.criticalPathMs = Math.max(outcome.criticalPathMs, grade.endMs);
  const jobEvents = environmentState?.jobEvents?.();
  return jobEvents ? { ...outcome, jobEvents: [...jobEvents] } : outcome;
}
