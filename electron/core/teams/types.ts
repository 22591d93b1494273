/** What a team structure gets to work with, and what it gives back. */
import type { AgentSpec, CellSpec } from '../../../shared/domain/spec';
import type { ChatMessage } from '../backends/types';
import type { TaskItem, TaskSuite } from '../tasks/types';

/** The result of one agent call, as a structure sees it. */
export interface AgentReply {
  seq: number;
  agentIndex: number;
  text: string;
  /** The answer the suite's extractor found in the reply, or null. */
  answer: string | null;
  ok: boolean;
}

export interface AgentCall {
  agentIndex: number;
  role: string;
  messages: ChatMessage[];
  /** `seq` of earlier calls whose output went into this call's prompt. */
  consumes: number[];
  /**
   * True (the default) when every agent gets the same prompt, recorded once as
   * a broadcast; false for a prompt written for this agent alone (e.g. one that
   * quotes a peer), recorded as a message to it, linked to this call.
   */
  broadcast?: boolean;
}

/**
 * The trial's recorder: a structure asks it to call agents, and it records
 * every call, message and answer and keeps the trial's clock.
 */
export interface TeamContext {
  readonly item: TaskItem;
  readonly suite: TaskSuite;
  readonly cell: CellSpec;
  readonly agents: AgentSpec;
  readonly signal: AbortSignal;
  callAgent(call: AgentCall): Promise<AgentReply>;
  /** Records the team's final decision as a message from the orchestrator. */
  decide(answer: string | null, explanation: string, consumes: number[]): void;
}

export interface TeamDecision {
  answer: string | null;
}

export interface TeamStructure {
  readonly id: string;
  run(context: TeamContext): Promise<TeamDecision>;
}
