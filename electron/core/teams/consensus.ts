/**
 * Consensus rules that turn a list of votes into one answer.
 *
 * - majority: an answer wins only with more than half of all n votes,
 *   counting agents that gave no answer; otherwise the team gives no answer.
 * - plurality: the most frequent answer wins; a tie goes to the tied answer
 *   whose first vote came from the lowest-numbered agent. Agents with no
 *   answer do not vote. No answers at all means no answer.
 */
import type { Aggregate } from '../../../shared/domain/spec';

export interface Vote {
  agentIndex: number;
  answer: string | null;
}

export interface Tally {
  answer: string;
  votes: number;
  firstAgent: number;
}

export function tally(votes: readonly Vote[]): Tally[] {
  const byAnswer = new Map<string, Tally>();
  for (const vote of [...votes].sort((a, b) => a.agentIndex - b.agentIndex)) {
    if (vote.answer === null) continue;
    const entry = byAnswer.get(vote.answer);
    if (entry) entry.votes += 1;
    else byAnswer.set(vote.answer, { answer: vote.answer, votes: 1, firstAgent: vote.agentIndex });
  }
  return [...byAnswer.values()].sort((a, b) => b.votes - a.votes || a.firstAgent - b.firstAgent);
}

export function aggregate(rule: Aggregate, votes: readonly Vote[]): string | null {
  const ranked = tally(votes);
  const top = ranked[0];
  if (!top) return null;
  if (rule === 'majority') return top.votes * 2 > votes.length ? top.answer : null;
  return top.answer;
}

export function describeTally(rule: Aggregate, votes: readonly Vote[]): string {
  const ranked = tally(votes);
  const abstained = votes.filter((v) => v.answer === null).length;
  const parts = ranked.map((t) => `${t.answer} ×${t.votes}`);
  if (abstained > 0) parts.push(`no answer ×${abstained}`);
  const winner = aggregate(rule, votes);
  const verdict = winner === null ? `no ${rule} → no answer` : `${rule} → ${winner}`;
  return `${parts.join(', ') || 'no votes'}; ${verdict}`;
}
