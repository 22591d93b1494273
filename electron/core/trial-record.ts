/** What one trial produced, as the teams build it and the store writes it. */
import type { DoneReason, RetryRecord } from './backends/types';

export interface CallRecord {
  /** Position of the call within its trial (0-based); `consumes` refers to these. */
  seq: number;
  agentIndex: number;
  role: string;
  model: string;
  host: string;
  status: 'ok' | 'error' | 'cancelled';
  error: string | null;
  doneReason: DoneReason;
  tokensIn: number;
  tokensOut: number;
  queueMs: number;
  loadMs: number;
  promptMs: number;
  genMs: number;
  /** Service time used for the critical path: load + prompt + generation, queue wait excluded. */
  latencyMs: number;
  /** Wall-clock start and end, unix epoch milliseconds. */
  startedAtMs: number;
  endedAtMs: number;
  simulated: boolean;
  /** `seq` of the calls whose output this call read. */
  consumes: number[];
  /** Failed attempts before the call succeeded (503s, dropped connections, a host that went down). */
  retries: RetryRecord[];
}

export interface MessageRecord {
  seq: number;
  /** Agent index, or null for the team's orchestrator (the task, the aggregator). */
  fromAgent: number | null;
  toAgent: number | null;
  kind: 'system' | 'prompt' | 'reply' | 'decision';
  content: string;
  /** The call this message went into (prompt) or came out of (reply). */
  callSeq: number | null;
}

export interface AgentAnswer {
  agentIndex: number;
  callSeq: number;
  extracted: string | null;
  correct: boolean;
}

export interface TrialOutcome {
  finalAnswer: string | null;
  correct: boolean;
  wallMs: number;
  criticalPathMs: number;
  tokensIn: number;
  tokensOut: number;
  startedAtMs: number;
  finishedAtMs: number;
  calls: CallRecord[];
  messages: MessageRecord[];
  answers: AgentAnswer[];
}
