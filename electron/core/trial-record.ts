/** What one trial produced, as the engine records it and the store writes it. */
import type { JobEvent } from '../../shared/domain/jobs';
import type { CallStatus } from '../../shared/domain/trials';
import type { DoneReason, RetryRecord } from './backends/types';

export interface CallRecord {
  /** Position of the call within its trial (0-based), in the order the structure asked; edges refer to these. */
  seq: number;
  agentIndex: number;
  role: string;
  /** The intent's kind: solve, revise, critique, judge, … */
  intent: string;
  round: number;
  /** Asks of the same agent, round and intent before this one (retries by the structure). */
  attempt: number;
  model: string;
  host: string;
  status: CallStatus;
  error: string | null;
  doneReason: DoneReason;
  tokensIn: number;
  tokensOut: number;
  queueMs: number;
  loadMs: number;
  promptMs: number;
  genMs: number;
  /** Service time: load + prompt + generation, queue wait excluded. */
  latencyMs: number;
  /** Wall-clock start and end, unix epoch milliseconds. */
  startedAtMs: number;
  endedAtMs: number;
  /** On the trial's own timeline (ms since it began): start when inputs and barrier allow, plus service time. */
  logicalStartMs: number;
  logicalEndMs: number;
  simulated: boolean;
  /** `seq` of the calls whose output this call read. */
  consumes: number[];
  /** `seq` of the calls this call waited for without reading them (a barrier). */
  waitsFor: number[];
  /** Failed attempts before the call succeeded (503s, dropped connections, a host that went down). */
  retries: RetryRecord[];
  /** The messages that made up its prompt, in order (`seq` of MessageRecord). */
  prompt: number[];
}

export interface MessageRecord {
  seq: number;
  /** Agent index, or null for the team's orchestrator (the task, the aggregator). */
  fromAgent: number | null;
  /** Receivers; null for every agent (a broadcast). */
  toAgents: number[] | null;
  /** system, prompt, instruction, reply, peer, part, result, critique, decision… */
  kind: string;
  content: string;
  /** The call this message came out of (a reply, a peer message) or, for a prompt written for one call, went into. */
  callSeq: number | null;
  round: number | null;
  /** Logical time it was sent, ms since the trial began. */
  atMs: number | null;
  /** Approximate tokens of its content. */
  tokens: number | null;
}

export interface AgentAnswer {
  agentIndex: number;
  callSeq: number;
  extracted: string | null;
  correct: boolean;
  /** Credit in [0, 1] (partial credit where the suite gives it). */
  score: number;
  /** For a worker's result on one part of a decomposable job: which part; null for answers to the whole item. */
  partIndex: number | null;
}

export interface TrialEventRecord {
  seq: number;
  /** tie_break, quorum_reached, barrier, cancelled_call, failed_call… (faults next). */
  kind: string;
  atMs: number;
  agentIndex: number | null;
  round: number | null;
  detail: string;
}

export interface TrialOutcome {
  finalAnswer: string | null;
  correct: boolean;
  /** The team answer's credit in [0, 1]; for a coding team, the share of the job's tests passing at the end (null when none could run). */
  score: number | null;
  wallMs: number;
  /** The trial's logical duration: the longest path through its calls, reads and barriers. */
  criticalPathMs: number;
  tokensIn: number;
  tokensOut: number;
  startedAtMs: number;
  finishedAtMs: number;
  /** Rounds the trial went through. */
  rounds: number;
  calls: CallRecord[];
  messages: MessageRecord[];
  answers: AgentAnswer[];
  events: TrialEventRecord[];
  /** A coding team's run events (task board, files, locks, test runs), written to job_events; absent for other structures. */
  jobEvents?: JobEvent[];
}

/** Messages between agents: deliveries from one agent to another (orchestrator messages excluded). */
export function agentMessageCount(messages: readonly MessageRecord[]): number {
  let count = 0;
  for (const m of messages) if (m.fromAgent !== null && m.toAgents !== null) count += m.toAgents.length;
  return count;
}
