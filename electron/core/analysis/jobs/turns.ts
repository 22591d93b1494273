/**
 * A run's turns (one `agent_reply` each) with when each began and ended on
 * the run's timeline. With a barrier every turn of a round begins at its
 * `round_start` (the paper's latency: reply time − round start, which is
 * also what the barrier waits for); without one (async) a turn began its
 * `seconds` before its reply. Rounds and their spans come from the
 * `round_start` events: a round lasts until the next begins, the last until
 * `run_end` (else its last event).
 */
import type { Execution, JobEvent } from '../../../../shared/domain/jobs';

export interface Turn {
  agent: number;
  /** The round (rounds) or the agent's own turn number (async). */
  round: number | null;
  endMs: number;
  /** Null when neither a round start nor the reply's duration says when it began. */
  startMs: number | null;
}

export interface RoundSpan {
  round: number;
  startMs: number;
  endMs: number;
}

/** Turns keyed "agent:round" (async keys are unique; under rounds an agent has one turn per round). */
export function turnsOf(events: readonly JobEvent[], execution: Execution): Map<string, Turn> {
  const starts = execution === 'rounds' ? roundStartTimes(events) : new Map<number, number>();
  const turns = new Map<string, Turn>();
  for (const event of events) {
    if (event.kind !== 'agent_reply' || event.agent === null) continue;
    const roundStart = event.round === null ? undefined : starts.get(event.round);
    const startMs = roundStart ?? (event.seconds === undefined ? null : event.atMs - event.seconds * 1000);
    turns.set(`${event.agent}:${event.round}`, { agent: event.agent, round: event.round, endMs: event.atMs, startMs });
  }
  return turns;
}

export function roundStartTimes(events: readonly JobEvent[]): Map<number, number> {
  const starts = new Map<number, number>();
  for (const event of events) if (event.kind === 'round_start' && event.round !== null && !starts.has(event.round)) starts.set(event.round, event.atMs);
  return starts;
}

/** Every round that started, with its span. */
export function roundSpans(events: readonly JobEvent[]): RoundSpan[] {
  const starts = [...roundStartTimes(events)].sort((a, b) => a[0] - b[0]);
  if (starts.length === 0) return [];
  const runEnd = events.find((e) => e.kind === 'run_end')?.atMs ?? events.reduce((latest, e) => Math.max(latest, e.atMs), 0);
  return starts.map(([round, startMs], index) => ({ round, startMs, endMs: index + 1 < starts.length ? starts[index + 1]![1] : Math.max(startMs, runEnd) }));
}

/** A turn's length in seconds; null when its start is unknown. */
export function turnSeconds(turn: Turn): number | null {
  return turn.startMs === null ? null : (turn.endMs - turn.startMs) / 1000;
}
