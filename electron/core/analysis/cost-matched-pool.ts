/**
 * The single agent's answers per item that a cost-matched baseline draws
 * from. First its own: the answer of each of its trials on the item (a failed
 * trial is a call that gave no answer). When those are fewer than the k a
 * team's tokens buy, the first-round answers of voters who are the same agent
 * are added: in fault-free votes decided by majority, plurality or a judge,
 * each voter of the single agent's model, temperature and persona answers the
 * same request (solve, round 0) the single agent does. Votes weighted by
 * stated confidence ask for more, and quorum votes cancel their slow voters,
 * so neither is pooled.
 */
import { hasFaults } from '../../../shared/domain/faults';
import type { AgentConfig, CellSpec } from '../../../shared/domain/spec';
import type { AnalysisCall, TrialResultRow } from '../store/types';

export interface PooledAnswer {
  /** Null: the call gave no answer, or failed. */
  answer: string | null;
  correct: boolean;
}

export interface AnswerPool {
  /** Cells whose answers are in the pool, the single-agent cell first. */
  cells: number[];
  /** Answers by item index. */
  answers: Map<number, PooledAnswer[]>;
}

function add(pool: Map<number, PooledAnswer[]>, item: number, answer: PooledAnswer): void {
  const list = pool.get(item);
  if (list) list.push(answer);
  else pool.set(item, [answer]);
}

/** The single agent's own answers: one per finished trial. */
export function ownAnswers(single: CellSpec, rows: readonly TrialResultRow[]): AnswerPool {
  const answers = new Map<number, PooledAnswer[]>();
  for (const row of rows) add(answers, row.itemIndex, row.status === 'done' ? { answer: row.finalAnswer, correct: row.correct } : { answer: null, correct: false });
  return { cells: [single.index], answers };
}

const POOLED_RULES = new Set(['majority', 'plurality', 'judge']);

const sameAgent = (a: AgentConfig, b: AgentConfig): boolean => a.model === b.model && a.temperature === b.temperature && a.persona === b.persona;

/** Voters (by index) of each vote cell whose voters answer as the single agent does. */
export function poolableVoters(single: CellSpec, cells: readonly CellSpec[]): Map<number, Set<number>> {
  const agent = single.agents[0];
  const voters = new Map<number, Set<number>>();
  if (!agent) return voters;
  for (const cell of cells) {
    if (cell.structure !== 'vote' || hasFaults(cell.faults) || !POOLED_RULES.has(String(cell.params.aggregate))) continue;
    const size = Number(cell.params.size ?? cell.agents.length);
    const same = cell.agents.filter((a) => a.index < size && sameAgent(a, agent)).map((a) => a.index);
    if (same.length > 0) voters.set(cell.index, new Set(same));
  }
  return voters;
}

/** The pool with the first-round answers of those voters added. */
export function withVoterAnswers(own: AnswerPool, single: CellSpec, cells: readonly CellSpec[], calls: readonly AnalysisCall[]): AnswerPool {
  const voters = poolableVoters(single, cells);
  if (voters.size === 0) return own;
  const answers = new Map([...own.answers].map(([item, list]) => [item, [...list]]));
  const used = new Set<number>();
  for (const call of calls) {
    if (call.intent !== 'solve' || call.round !== 0 || !voters.get(call.cellIndex)?.has(call.agentIndex)) continue;
    used.add(call.cellIndex);
    add(answers, call.itemIndex, call.status === 'ok' ? { answer: call.answer, correct: call.correct === true } : { answer: null, correct: false });
  }
  return { cells: [...own.cells, ...[...used].sort((a, b) => a - b)], answers };
}
