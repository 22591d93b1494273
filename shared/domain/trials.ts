/**
 * A trial as the app browses it: a page of trials per cell, and one trial in
 * full, laid out on its own logical timeline (the space-time diagram).
 */
import type { JobEvent } from './jobs';
import type { AgentConfig } from './cells';
import type { CellParams } from './structures';

/** How a finished trial ended: right, wrong, with no answer, or failed (it could not go on). */
export const TRIAL_OUTCOMES = ['correct', 'wrong', 'no_answer', 'failed'] as const;
export type TrialOutcome = (typeof TRIAL_OUTCOMES)[number];

export interface TrialSummary {
  trialId: number;
  cellIndex: number;
  itemIndex: number;
  repetition: number;
  status: 'planned' | 'running' | 'done' | 'failed';
  /** Null while the trial has not finished. */
  outcome: TrialOutcome | null;
  finalAnswer: string | null;
  calls: number | null;
  /** Messages between agents. */
  messages: number | null;
  rounds: number | null;
  tokens: number | null;
  criticalPathMs: number | null;
}

export interface TrialPage {
  total: number;
  offset: number;
  trials: TrialSummary[];
}

/** Every call's outcome: a call that errors, times out or crashes is recorded as such and the team goes on without it. */
export const CALL_STATUSES = ['ok', 'error', 'timeout', 'crashed', 'cancelled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export interface TrialCall {
  seq: number;
  agentIndex: number;
  role: string;
  /** What the call asked for: solve, revise, critique, judge, decompose, solve_part, synthesize. */
  intent: string;
  round: number;
  status: CallStatus;
  error: string | null;
  model: string;
  /** Logical time since the trial began, ms: starts when its inputs and barrier allow, lasts its service time. */
  startMs: number;
  endMs: number;
  tokensIn: number;
  tokensOut: number;
  /** Calls whose output this call read. */
  reads: number[];
  /** Calls this call waited for without reading them (a round's barrier). */
  waitsFor: number[];
  answer: string | null;
  correct: boolean | null;
}

export interface TrialMessage {
  seq: number;
  kind: string;
  fromAgent: number | null;
  /** Receivers; null when sent to every agent (the task, the system prompt). */
  toAgents: number[] | null;
  round: number | null;
  /** Logical time the message was sent, ms. */
  atMs: number | null;
  tokens: number | null;
  /** The call it came out of (a reply, a peer message) or, for orchestrator messages, null. */
  callSeq: number | null;
  /** A preview; the full text comes with getCallText. */
  preview: string;
}

export interface TrialEvent {
  seq: number;
  kind: string;
  atMs: number;
  agentIndex: number | null;
  round: number | null;
  detail: string;
}

export interface TrialDetail {
  experimentId: string;
  trial: TrialSummary & { seed: number; error: string | null; wallMs: number | null };
  cell: { index: number; label: string; structure: string; params: CellParams; agents: AgentConfig[] };
  item: { index: number; prompt: string; answer: string };
  calls: TrialCall[];
  messages: TrialMessage[];
  events: TrialEvent[];
  /** A run on a coding job: what happened on its board, in order (empty for other trials). */
  jobEvents: JobEvent[];
  /** The team's decision and how it was reached, as recorded. */
  decision: string | null;
}

/** One call's text, on demand: the prompt as sent (in order) and the reply. Always plain text, never HTML. */
export interface CallText {
  seq: number;
  prompt: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  reply: string | null;
}
