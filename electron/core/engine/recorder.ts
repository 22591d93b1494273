/**
 * A trial's record as it happens: calls, messages, each agent's answers and
 * events, kept in memory until the trial ends and the store writes them in
 * one transaction. Messages the orchestrator writes (the system prompt, the
 * task, instructions) are stored once per trial however many calls quote them.
 */
import type { AgentAnswer, CallRecord, MessageRecord, TrialEventRecord, TrialOutcome } from '../trial-record';
import type { CallOutcome } from './types';

/** About four characters a token: for message sizes only, never for billing. */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export class TrialRecorder {
  private readonly calls: CallRecord[] = [];
  private readonly messages: MessageRecord[] = [];
  private readonly answers: AgentAnswer[] = [];
  private readonly events: TrialEventRecord[] = [];
  private readonly orchestratorMessages = new Map<string, number>();
  /** Which agents' prompts quoted each orchestrator message (to tell a broadcast from a message to some). */
  private readonly quotedBy = new Map<number, Set<number>>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly replies = new Map<number, number>();
  private nextCallSeq = 0;
  private latestEnd = 0;
  private maxRound = 0;

  constructor(private readonly teamSize: number) {}

  /** The latest logical time any call has ended at. */
  get now(): number {
    return this.latestEnd;
  }

  reserveCallSeq(): number {
    return this.nextCallSeq++;
  }

  /** Keeps the trial open until `work` settles (a call nobody awaits any more still gets recorded). */
  track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** The message for an orchestrator piece, recorded the first time it is sent. */
  orchestratorMessage(kind: string, content: string, toAgent: number): number {
    const key = `${kind}\u0000${content}`;
    let seq = this.orchestratorMessages.get(key);
    if (seq === undefined) {
      seq = this.addMessage({ fromAgent: null, toAgents: null, kind, content, callSeq: null, round: null, atMs: null, tokens: approximateTokens(content) });
      this.orchestratorMessages.set(key, seq);
    }
    let readers = this.quotedBy.get(seq);
    if (!readers) this.quotedBy.set(seq, (readers = new Set()));
    readers.add(toAgent);
    return seq;
  }

  addMessage(message: Omit<MessageRecord, 'seq'>): number {
    const seq = this.messages.length;
    this.messages.push({ seq, ...message });
    return seq;
  }

  /** A call's reply, recorded as a message from its agent to the orchestrator. */
  addReply(callSeq: number, reply: { fromAgent: number; kind: string; content: string; round: number; atMs: number; tokens: number }): number {
    const seq = this.addMessage({ ...reply, toAgents: null, callSeq });
    this.replies.set(callSeq, seq);
    return seq;
  }

  replyMessageOf(callSeq: number): number | null {
    return this.replies.get(callSeq) ?? null;
  }

  addCall(call: CallRecord): void {
    this.calls.push(call);
    this.maxRound = Math.max(this.maxRound, call.round);
  }

  /** The call is over on the timeline (released to the structure, or cancelled). */
  ended(endMs: number): void {
    this.latestEnd = Math.max(this.latestEnd, endMs);
  }

  addAnswer(answer: AgentAnswer): void {
    this.answers.push(answer);
  }

  event(kind: string, detail: string, atMs: number, agentIndex: number | null, round: number | null): void {
    this.events.push({ seq: this.events.length, kind, atMs, agentIndex, round, detail });
  }

  decision(answer: string | null, explanation: string, inputs: readonly CallOutcome[]): void {
    const atMs = inputs.reduce((latest, c) => Math.max(latest, c.endMs), 0);
    const from = inputs.map((c) => c.seq);
    this.addMessage({
      fromAgent: null,
      toAgents: null,
      kind: 'decision',
      content: `${answer === null ? 'no answer' : `answer ${answer}`} (${explanation}; from calls ${from.join(', ') || 'none'})`,
      callSeq: null,
      round: null,
      atMs,
      tokens: null,
    });
  }

  outcome(end: { finalAnswer: string | null; correct: boolean; score: number | null; startedAtMs: number; finishedAtMs: number }): TrialOutcome {
    const calls = [...this.calls].sort((a, b) => a.seq - b.seq);
    // An orchestrator message quoted by only some agents is addressed to them; quoted by all, it is a broadcast.
    for (const [seq, readers] of this.quotedBy) {
      const message = this.messages[seq]!;
      message.toAgents = readers.size >= this.teamSize ? null : [...readers].sort((a, b) => a - b);
    }
    return {
      finalAnswer: end.finalAnswer,
      correct: end.correct,
      score: end.score,
      wallMs: end.finishedAtMs - end.startedAtMs,
      // Every call starts when its reads, barrier and its agent's previous call allow, so the
      // latest end on the timeline is the longest path through the call graph.
      criticalPathMs: calls.reduce((latest, c) => Math.max(latest, c.logicalEndMs), 0),
      tokensIn: calls.reduce((sum, c) => sum + c.tokensIn, 0),
      tokensOut: calls.reduce((sum, c) => sum + c.tokensOut, 0),
      startedAtMs: end.startedAtMs,
      finishedAtMs: end.finishedAtMs,
      rounds: calls.length === 0 ? 0 : this.maxRound + 1,
      calls,
      messages: this.messages,
      answers: [...this.answers].sort((a, b) => a.callSeq - b.callSeq),
      events: this.events,
    };
  }
}
