/**
 * Consensus rules that turn agents' answers into one.
 *
 * - majority: an answer wins only with more than half of the votes cast
 *   (agents whose call succeeded; a reply with no answer counts against every
 *   answer); otherwise the team gives no answer.
 * - plurality: the most frequent answer wins; agents with no answer do not
 *   vote.
 * - weighted: as plurality, each vote counting its weight.
 *
 * A tie is broken by a draw from the trial's seeded random source, never by
 * agent order (which would make a plurality of two the first agent's answer),
 * and the draw is reported so the trial records it.
 */
import type { Rng } from '../util/random';

export interface Vote {
  agentIndex: number;
  answer: string | null;
  /** 1 unless the rule weighs votes. */
  weight?: number;
}

export interface Tally {
  answer: string;
  votes: number;
  weight: number;
}

export interface Verdict {
  answer: string | null;
  /** The answers that tied for first, when a draw decided among them. */
  tie: string[] | null;
  summary: string;
}

export type ConsensusRule = 'majority' | 'plurality' | 'weighted';

/** Answers by total weight, heaviest first; equal weights in the order first voted. */
export function tally(votes: readonly Vote[]): Tally[] {
  const byAnswer = new Map<string, Tally>();
  for (const vote of votes) {
    if (vote.answer === null) continue;
    const entry = byAnswer.get(vote.answer) ?? { answer: vote.answer, votes: 0, weight: 0 };
    entry.votes += 1;
    entry.weight += vote.weight ?? 1;
    byAnswer.set(vote.answer, entry);
  }
  return [...byAnswer.values()].sort((a, b) => b.weight - a.weight);
}

export function decide(rule: ConsensusRule, votes: readonly Vote[], random: Rng): Verdict {
  const ranked = tally(rule === 'weighted' ? votes : votes.map((v) => ({ agentIndex: v.agentIndex, answer: v.answer })));
  const abstained = votes.filter((v) => v.answer === null).length;
  const parts = ranked.map((t) => `${t.answer} ×${t.votes}${rule === 'weighted' ? ` (weight ${round(t.weight)})` : ''}`);
  if (abstained > 0) parts.push(`no answer ×${abstained}`);
  const shown = parts.join(', ') || 'no votes';
  const top = ranked[0];
  if (!top) return { answer: null, tie: null, summary: `${shown}; ${rule} → no answer` };
  if (rule === 'majority') {
    const answer = top.votes * 2 > votes.length ? top.answer : null;
    return { answer, tie: null, summary: `${shown}; ${answer === null ? 'no majority → no answer' : `majority → ${answer}`}` };
  }
  const tied = ranked.filter((t) => t.weight === top.weight).map((t) => t.answer);
  if (tied.length === 1) return { answer: top.answer, tie: null, summary: `${shown}; ${rule} → ${top.answer}` };
  const answer = tied[Math.floor(random.next() * tied.length)]!;
  return { answer, tie: tied, summary: `${shown}; ${rule} tie between ${tied.join(', ')} → ${answer} by a seeded draw` };
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
