/**
 * Trials as the app browses them: a page per cell, filtered by outcome, and
 * one trial in full (calls on the logical timeline with their edges, messages,
 * events, the decision) or one call's text. Read-only queries.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CallStatus, CallText, TrialCall, TrialDetail, TrialEvent, TrialMessage, TrialOutcome, TrialPage, TrialSummary } from '../../../shared/domain/trials';
import { CALL_STATUSES } from '../../../shared/domain/trials';
import { pieceOf, renderPrompt } from '../engine/prompts';
import { JobEventRows } from './job-event-rows';

const OUTCOME_FILTER: Record<TrialOutcome, string> = {
  correct: "status = 'done' AND correct = 1",
  wrong: "status = 'done' AND correct = 0 AND final_answer IS NOT NULL",
  no_answer: "status = 'done' AND final_answer IS NULL",
  failed: "status = 'failed'",
};

interface TrialRecord {
  id: number;
  cell_index: number;
  item_index: number;
  repetition: number;
  seed: number;
  status: string;
  final_answer: string | null;
  correct: number | null;
  call_count: number | null;
  message_count: number | null;
  rounds: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  critical_path_ms: number | null;
  wall_ms: number | null;
  error: string | null;
}

interface CallRow {
  id: number;
  seq: number;
  agent_index: number;
  role: string;
  intent: string;
  round: number;
  status: string;
  error: string | null;
  model: string;
  tokens_in: number;
  tokens_out: number;
  latency_ms: number;
  logical_start_ms: number | null;
  logical_end_ms: number | null;
  started_at_ms: number;
  ended_at_ms: number;
  prompt_message_ids: string | null;
}

interface MessageRow {
  id: number;
  seq: number;
  kind: string;
  from_agent: number | null;
  to_agent: number | null;
  to_agents: string | null;
  round: number | null;
  at_ms: number | null;
  tokens: number | null;
  call_id: number | null;
  content: string;
}

const TRIAL_COLUMNS =
  'id, cell_index, item_index, repetition, seed, status, final_answer, correct, call_count, message_count, rounds, tokens_in, tokens_out, critical_path_ms, wall_ms, error';

export class TrialBrowser {
  private readonly countByOutcome = new Map<string, Statement<[string, number], { n: number }>>();
  private readonly pageByOutcome = new Map<string, Statement<[string, number, number, number], TrialRecord>>();
  private readonly trial: Statement<[string, number], TrialRecord>;
  private readonly calls: Statement<[number], CallRow>;
  private readonly inputs: Statement<[number], { call_id: number; input_call_id: number }>;
  private readonly waits: Statement<[number], { call_id: number; waited_call_id: number }>;
  private readonly answers: Statement<[number], { call_id: number; extracted_answer: string | null; correct: number }>;
  private readonly messages: Statement<[number], MessageRow>;
  private readonly jobEvents: JobEventRows;
  private readonly events: Statement<[number], { seq: number; kind: string; at_ms: number; agent_index: number | null; round: number | null; detail: string }>;
  private readonly item: Statement<[string, number], { item_index: number; prompt: string; answer: string }>;
  private readonly callBySeq: Statement<[number, number], CallRow>;
  private readonly messagesById: Statement<[string], MessageRow>;

  constructor(private readonly db: Database) {
    for (const filter of [null, ...Object.keys(OUTCOME_FILTER)] as Array<TrialOutcome | null>) {
      const where = `experiment_id = ? AND cell_index = ?${filter ? ` AND ${OUTCOME_FILTER[filter]}` : ''}`;
      this.countByOutcome.set(String(filter), db.prepare(`SELECT COUNT(*) AS n FROM trials WHERE ${where}`));
      this.pageByOutcome.set(String(filter), db.prepare(`SELECT ${TRIAL_COLUMNS} FROM trials WHERE ${where} ORDER BY id LIMIT ? OFFSET ?`));
    }
    this.trial = db.prepare(`SELECT ${TRIAL_COLUMNS} FROM trials WHERE experiment_id = ? AND id = ?`);
    const callColumns =
      'id, seq, agent_index, role, intent, round, status, error, model, tokens_in, tokens_out, latency_ms, logical_start_ms, logical_end_ms, started_at_ms, ended_at_ms, prompt_message_ids';
    this.calls = db.prepare(`SELECT ${callColumns} FROM calls WHERE trial_id = ? ORDER BY seq`);
    this.callBySeq = db.prepare(`SELECT ${callColumns} FROM calls WHERE trial_id = ? AND seq = ?`);
    this.inputs = db.prepare('SELECT i.call_id, i.input_call_id FROM call_inputs i JOIN calls c ON c.id = i.call_id WHERE c.trial_id = ?');
    this.waits = db.prepare('SELECT w.call_id, w.waited_call_id FROM call_waits w JOIN calls c ON c.id = w.call_id WHERE c.trial_id = ?');
    this.answers = db.prepare('SELECT call_id, extracted_answer, correct FROM agent_answers WHERE trial_id = ?');
    const messageColumns = 'id, seq, kind, from_agent, to_agent, to_agents, round, at_ms, tokens, call_id, content';
    this.messages = db.prepare(`SELECT ${messageColumns} FROM messages WHERE trial_id = ? ORDER BY seq`);
    this.messagesById = db.prepare(`SELECT ${messageColumns} FROM messages WHERE id IN (SELECT value FROM json_each(?))`);
    this.events = db.prepare('SELECT seq, kind, at_ms, agent_index, round, detail FROM trial_events WHERE trial_id = ? ORDER BY seq');
    this.jobEvents = new JobEventRows(db);
    this.item = db.prepare('SELECT item_index, prompt, answer FROM items WHERE experiment_id = ? AND item_index = ?');
  }

  page(experimentId: string, cellIndex: number, outcome: TrialOutcome | undefined, offset: number, limit: number): TrialPage {
    const key = String(outcome ?? null);
    const total = this.countByOutcome.get(key)!.get(experimentId, cellIndex)?.n ?? 0;
    const trials = this.pageByOutcome.get(key)!.all(experimentId, cellIndex, limit, offset).map(toSummary);
    return { total, offset, trials };
  }

  /** Null when the experiment has no such trial. */
  detail(experimentId: string, trialId: number): Omit<TrialDetail, 'cell'> & { cellIndex: number } | null {
    const record = this.trial.get(experimentId, trialId);
    if (!record) return null;
    const item = this.item.get(experimentId, record.item_index);
    const callRows = this.calls.all(trialId);
    const seqById = new Map(callRows.map((c) => [c.id, c.seq]));
    const reads = groupEdges(this.inputs.all(trialId).map((e) => [e.call_id, e.input_call_id]), seqById);
    const waits = groupEdges(this.waits.all(trialId).map((e) => [e.call_id, e.waited_call_id]), seqById);
    const answers = new Map(this.answers.all(trialId).map((a) => [a.call_id, a]));
    const messageRows = this.messages.all(trialId);
    const firstWall = callRows.reduce((earliest, c) => Math.min(earliest, c.started_at_ms), Number.POSITIVE_INFINITY);
    const calls: TrialCall[] = callRows.map((c) => {
      const answer = answers.get(c.id);
      // Calls recorded before the engine kept logical times are placed by their wall-clock times.
      const startMs = c.logical_start_ms ?? c.started_at_ms - firstWall;
      return {
        seq: c.seq,
        agentIndex: c.agent_index,
        role: c.role,
        intent: c.intent,
        round: c.round,
        status: toCallStatus(c.status),
        error: c.error,
        model: c.model,
        startMs,
        endMs: c.logical_end_ms ?? startMs + c.latency_ms,
        tokensIn: c.tokens_in,
        tokensOut: c.tokens_out,
        reads: reads.get(c.id) ?? [],
        waitsFor: waits.get(c.id) ?? [],
        answer: answer?.extracted_answer ?? null,
        correct: answer ? answer.correct === 1 : null,
      };
    });
    const callSeqOf = (id: number | null) => (id === null ? null : (seqById.get(id) ?? null));
    const messages: TrialMessage[] = messageRows.map((m) => ({
      seq: m.seq,
      kind: m.kind,
      fromAgent: m.from_agent,
      toAgents: receivers(m),
      round: m.round,
      atMs: m.at_ms,
      tokens: m.tokens,
      callSeq: callSeqOf(m.call_id),
      preview: m.content.length > 240 ? `${m.content.slice(0, 240)}…` : m.content,
    }));
    const events: TrialEvent[] = this.events.all(trialId).map((e) => ({ seq: e.seq, kind: e.kind, atMs: e.at_ms, agentIndex: e.agent_index, round: e.round, detail: e.detail }));
    return {
      experimentId,
      cellIndex: record.cell_index,
      trial: { ...toSummary(record), seed: record.seed, error: record.error, wallMs: record.wall_ms },
      item: { index: record.item_index, prompt: item?.prompt ?? '', answer: item?.answer ?? '' },
      calls,
      messages,
      events,
      jobEvents: this.jobEvents.forTrial(trialId),
      decision: messageRows.find((m) => m.kind === 'decision')?.content ?? null,
    };
  }

  /** The prompt a call was sent, rebuilt from its messages the way the engine built it, and its reply. */
  callText(experimentId: string, trialId: number, seq: number): CallText | null {
    if (!this.trial.get(experimentId, trialId)) return null;
    const call = this.callBySeq.get(trialId, seq);
    if (!call) return null;
    const all = this.messages.all(trialId);
    let parts: MessageRow[];
    if (call.prompt_message_ids !== null) {
      const byId = new Map(this.messagesById.all(call.prompt_message_ids).map((m) => [m.id, m]));
      parts = (JSON.parse(call.prompt_message_ids) as number[]).flatMap((id) => byId.get(id) ?? []);
    } else {
      // Before schema 3: the broadcast system prompt and task, then what was written for this call.
      parts = all.filter((m) => (m.call_id === null && (m.kind === 'system' || m.kind === 'prompt')) || (m.call_id === call.id && m.kind !== 'reply'));
    }
    const prompt = renderPrompt(parts.map((m) => pieceOf({ kind: m.kind, content: m.content, fromAgent: m.from_agent }, call.agent_index)));
    const reply = all.find((m) => m.call_id === call.id && m.kind === 'reply')?.content ?? null;
    return { seq, prompt, reply };
  }
}

function toSummary(record: TrialRecord): TrialSummary {
  const status = record.status === 'done' || record.status === 'failed' || record.status === 'running' ? record.status : 'planned';
  return {
    trialId: record.id,
    cellIndex: record.cell_index,
    itemIndex: record.item_index,
    repetition: record.repetition,
    status,
    outcome: outcomeOf(record),
    finalAnswer: record.final_answer,
    calls: record.call_count,
    messages: record.message_count,
    rounds: record.rounds,
    tokens: record.tokens_in === null || record.tokens_out === null ? null : record.tokens_in + record.tokens_out,
    criticalPathMs: record.critical_path_ms,
  };
}

function outcomeOf(record: TrialRecord): TrialOutcome | null {
  if (record.status === 'failed') return 'failed';
  if (record.status !== 'done') return null;
  if (record.final_answer === null) return 'no_answer';
  return record.correct === 1 ? 'correct' : 'wrong';
}

function toCallStatus(value: string): CallStatus {
  return (CALL_STATUSES as readonly string[]).includes(value) ? (value as CallStatus) : 'error';
}

function receivers(message: MessageRow): number[] | null {
  if (message.to_agents !== null) {
    const parsed: unknown = JSON.parse(message.to_agents);
    if (Array.isArray(parsed)) return parsed.filter((n): n is number => typeof n === 'number');
  }
  return message.to_agent === null ? null : [message.to_agent];
}

function groupEdges(edges: Array<[number, number]>, seqById: Map<number, number>): Map<number, number[]> {
  const grouped = new Map<number, number[]>();
  for (const [from, to] of edges) {
    const seq = seqById.get(to);
    if (seq === undefined) continue;
    const list = grouped.get(from) ?? [];
    list.push(seq);
    grouped.set(from, list);
  }
  for (const list of grouped.values()) list.sort((a, b) => a - b);
  return grouped;
}
