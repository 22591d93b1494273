/**
 * What a team structure works with. A structure gets agent handles (each asks
 * its model with a typed intent and gets an outcome back, never an exception),
 * a network that records who told whom what, the trial's logical clock, a
 * seeded random source for its own decisions, and a way to record its
 * decision and notable events. One failed call is an outcome the structure
 * handles; a structure that cannot go on throws StructureStuck, and only then
 * does the trial fail.
 */
import type { AgentConfig, CellSpec } from '../../../shared/domain/cells';
import type { CellParams } from '../../../shared/domain/structures';
import type { CallStatus } from '../../../shared/domain/trials';
import type { TaskItem, TaskSuite } from '../tasks/types';
import type { Rng } from '../util/random';
import type { EnvironmentFactory, TrialEnvironment } from './environment';
import type { Intent } from './intents';

/** An intent without its item: the engine adds the trial's item. */
export type Ask = Intent extends infer I ? (I extends { item: TaskItem } ? Omit<I, 'item'> : never) : never;

export interface CallOutcome {
  seq: number;
  agentIndex: number;
  round: number;
  intent: Intent['kind'];
  status: CallStatus;
  /** The reply; null unless the call succeeded. */
  text: string | null;
  /** The answer the suite's extractor found in the reply, or null. */
  answer: string | null;
  /** The confidence the reply stated (0–1), when it was asked for one and gave it. */
  confidence: number | null;
  error: string | null;
  /** Logical start and end on the trial's timeline, ms. */
  startMs: number;
  endMs: number;
}

export interface AskOptions {
  round: number;
  /** Calls whose output goes into this call's prompt (read edges). Peer deliveries add their calls themselves. */
  reads?: readonly CallOutcome[];
  /** Calls this one waits for without reading them: a round's barrier (waited-for edges). */
  waitsFor?: readonly CallOutcome[];
  /** Messages delivered to this agent that its prompt quotes (peers' answers, parts, critiques). */
  delivered?: readonly Delivery[];
  /** The agent's own earlier call whose reply its prompt recalls (a draft to revise). */
  own?: CallOutcome | null;
  /** Aborting it cancels this call: a quorum reached, a round closed. */
  signal?: AbortSignal;
}

export interface AgentHandle {
  readonly index: number;
  readonly config: AgentConfig;
  /** This agent's calls so far, in the order it made them. */
  readonly history: readonly CallOutcome[];
  ask(ask: Ask, options: AskOptions): Promise<CallOutcome>;
}

/** A message as its receiver gets it. */
export interface Delivery {
  messageSeq: number;
  fromAgent: number;
  callSeq: number;
  kind: string;
  content: string;
  /** The answer in it, if the sender's call had one. */
  answer: string | null;
  /** Logical time it was sent (its call's end). */
  atMs: number;
}

export interface Network {
  /** The agents whose messages `agent` receives, under the cell's topology (everyone else, without one). */
  neighbours(agent: number): readonly number[];
  /**
   * Records that the output of `from` goes to `to` (agent indexes) as one
   * message of `kind`; `content` defaults to the call's reply. Returns what
   * each receiver gets, or null when there is no receiver.
   */
  send(from: CallOutcome, to: readonly number[], kind: string, content?: string): Delivery | null;
}

export interface TeamContext {
  readonly item: TaskItem;
  readonly suite: TaskSuite;
  readonly cell: CellSpec;
  readonly params: CellParams;
  readonly agents: readonly AgentHandle[];
  readonly network: Network;
  /** Seeded by the trial: the same draws on every run (tie-breaks, random graphs). */
  readonly random: Rng;
  readonly signal: AbortSignal;
  /** The trial's shared environment (a task board, files, locks), when the experiment has one; null otherwise. */
  readonly environment: TrialEnvironment | null;
  /** The latest logical time any call of the trial has ended at. */
  now(): number;
  /** Records a notable moment: a tie broken by a draw, a quorum reached, a round closed. */
  event(kind: string, detail: string, at?: { atMs?: number; agentIndex?: number | null; round?: number | null }): void;
  /** A call's reply as a receiver quotes it, without sending it as a message between agents (a judge reading the votes). */
  quote(outcome: CallOutcome): Delivery | null;
  /**
   * Records the team's answer (null: no answer) and how it was reached. A
   * structure that grades its own work (a coding team's final test run)
   * passes the grade; otherwise the suite grades the answer.
   */
  decide(answer: string | null, explanation: string, inputs: readonly CallOutcome[], grade?: TeamGrade): void;
  /**
   * Waits for work of the structure's own between calls (a test run in the
   * sandbox) while call results stay held: on virtual time, what happens
   * next then does not depend on how long that work took in real time.
   */
  hold<T>(work: Promise<T>): Promise<T>;
}

/** The team's grade when its structure measures its own work instead of the suite grading an answer. */
export interface TeamGrade {
  correct: boolean;
  /** Credit in [0, 1]; null when nothing could measure it (no test could run). */
  score: number | null;
  /** The run's end on its timeline when the team's own work (a test run) ended after its last call. */
  endMs?: number;
}

export interface TeamStructure {
  readonly id: string;
  run(context: TeamContext): Promise<void>;
  /** The shared environment each trial of this structure works in, when it needs one and the trial's input gives none. */
  readonly environment?: EnvironmentFactory;
}

/** The structure cannot go on (its leader's call failed, every voter failed): the trial fails with this reason. */
export class StructureStuck extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StructureStuck';
  }
}
