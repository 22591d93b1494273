/**
 * Consistency conflicts on a run's files (docs/job-metrics.md): concurrent
 * writes and rewrites, from its `edit_file` events. With a barrier a turn is
 * a round, shared by the whole team; without one (async) each agent's turns
 * are its own, so "the same turn" and "written concurrently" are read from
 * the turns' times instead.
 */
import type { Execution, JobEvent } from '../../../../shared/domain/jobs';
import { turnsOf, type Turn } from './turns';

/**
 * Rounds: the paper's count of (round, path) pairs that two or more distinct
 * agents edited. Async (ours): edits that overwrote, on the same path,
 * another agent's write made while the editing agent's turn was in progress
 * (a write it had not seen), each (turn, path) counted once.
 */
export function concurrentWrites(events: readonly JobEvent[], execution: Execution): number {
  return execution === 'async' ? unseenOverwrites(events) : sharedRoundWrites(events);
}

function sharedRoundWrites(events: readonly JobEvent[]): number {
  const writers = new Map<string, Set<number>>();
  for (const event of events) {
    if (event.kind !== 'edit_file' || event.path === undefined || event.agent === null) continue;
    const key = `${event.round}\u0000${event.path}`;
    let agents = writers.get(key);
    if (!agents) writers.set(key, (agents = new Set()));
    agents.add(event.agent);
  }
  let count = 0;
  for (const agents of writers.values()) if (agents.size >= 2) count++;
  return count;
}

function unseenOverwrites(events: readonly JobEvent[]): number {
  const turns = turnsOf(events, 'async');
  const writes: Array<{ seq: number; atMs: number; agent: number; path: string; turn: Turn | undefined }> = [];
  events.forEach((event, seq) => {
    if (event.kind !== 'edit_file' || event.path === undefined || event.agent === null) return;
    writes.push({ seq, atMs: event.atMs, agent: event.agent, path: event.path, turn: turns.get(`${event.agent}:${event.round}`) });
  });
  const counted = new Set<string>();
  for (const write of writes) {
    if (!write.turn || write.turn.startMs === null) continue;
    const startMs = write.turn.startMs;
    const unseen = writes.some(
      (other) => other.agent !== write.agent && other.path === write.path && other.atMs > startMs && (other.atMs < write.atMs || (other.atMs === write.atMs && other.seq < write.seq)),
    );
    if (unseen) counted.add(`${write.agent}:${write.turn.round}\u0000${write.path}`);
  }
  return counted.size;
}

/**
 * The paper's rewrites: `edit_file` events on a path in a turn after the one
 * it was first written in (rounds: a later round; async: any other agent's
 * or later turn). Several edits of one path in its first turn are not rewrites.
 */
export function rewrites(events: readonly JobEvent[], execution: Execution): number {
  const firstTurn = new Map<string, string>();
  let count = 0;
  for (const event of events) {
    if (event.kind !== 'edit_file' || event.path === undefined) continue;
    const turn = execution === 'async' ? `${event.agent}:${event.round}` : String(event.round);
    const first = firstTurn.get(event.path);
    if (first === undefined) firstTurn.set(event.path, turn);
    else if (first !== turn) count++;
  }
  return count;
}
