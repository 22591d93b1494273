/**
 * What a run's rounds say about waiting (docs/job-metrics.md): the
 * straggler gap and idle rounds (the paper's) and barrier utilization (ours).
 */
import type { Execution, JobEvent } from '../../../../shared/domain/jobs';
import { roundSpans, turnSeconds, turnsOf, type Turn } from './turns';

/**
 * The paper's straggler gap, per run: in each round with two or more timed
 * replies, the slowest reply's latency minus the mean latency; the run's
 * value is the mean over such rounds (null with none, always at n = 1, and
 * under async, where nobody waits for the slowest). A latency counts when it
 * is above 0 and below `maxLatencySeconds` (the paper drops replies of 180 s
 * or more, its API stalls).
 */
export function stragglerGapSeconds(events: readonly JobEvent[], execution: Execution, maxLatencySeconds: number): number | null {
  if (execution !== 'rounds') return null;
  const byRound = new Map<number, number[]>();
  for (const turn of turnsOf(events, 'rounds').values()) {
    const latency = turnSeconds(turn);
    if (turn.round === null || latency === null || !(latency > 0 && latency < maxLatencySeconds)) continue;
    const list = byRound.get(turn.round) ?? [];
    list.push(latency);
    byRound.set(turn.round, list);
  }
  const gaps: number[] = [];
  for (const latencies of byRound.values()) {
    if (latencies.length < 2) continue;
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    gaps.push(Math.max(...latencies) - mean);
  }
  return gaps.length === 0 ? null : gaps.reduce((a, b) => a + b, 0) / gaps.length;
}

/**
 * The paper's idle rounds: rounds with at least one reply and no
 * `complete_task`. Async has no team rounds: an idle turn is an agent's turn
 * (its reply) without a completion of its own.
 */
export function idleRounds(events: readonly JobEvent[], execution: Execution): number {
  const perAgent = execution === 'async';
  const key = (e: JobEvent) => (perAgent ? `${e.agent}:${e.round}` : String(e.round));
  const replied = new Set<string>();
  const completed = new Set<string>();
  for (const event of events) {
    if (event.round === null) continue;
    if (event.kind === 'agent_reply') replied.add(key(event));
    else if (event.kind === 'complete_task') completed.add(key(event));
  }
  let idle = 0;
  for (const turn of replied) if (!completed.has(turn)) idle++;
  return idle;
}

/**
 * Ours: busy agent-time over the agent-time it took, where more than one
 * agent was at work. Rounds: over rounds in which two or more agents took a
 * timed turn, Σ turn lengths / Σ (turns × round length): the rest is waiting
 * at the barrier for the round's slowest turn and for the round's actions.
 * Async: per agent, its turns' lengths over the time from its first turn's
 * start to its last turn's end, summed over agents (the rest is waiting for
 * work). Null for a team of one, and where turns carry no times.
 */
export function barrierUtilization(events: readonly JobEvent[], execution: Execution, teamSize: number): number | null {
  if (teamSize < 2) return null;
  const turns = [...turnsOf(events, execution).values()];
  const [busy, available] = execution === 'rounds' ? roundsUtilization(events, turns) : asyncUtilization(turns);
  return available > 0 ? Math.min(1, busy / available) : null;
}

function roundsUtilization(events: readonly JobEvent[], turns: readonly Turn[]): [number, number] {
  const byRound = new Map<number, number[]>();
  for (const turn of turns) {
    const length = turnSeconds(turn);
    if (turn.round === null || length === null || length < 0) continue;
    const list = byRound.get(turn.round) ?? [];
    list.push(length);
    byRound.set(turn.round, list);
  }
  let busy = 0;
  let available = 0;
  for (const span of roundSpans(events)) {
    const lengths = byRound.get(span.round);
    const seconds = (span.endMs - span.startMs) / 1000;
    if (!lengths || lengths.length < 2 || seconds <= 0) continue;
    busy += lengths.reduce((sum, length) => sum + Math.min(length, seconds), 0);
    available += lengths.length * seconds;
  }
  return [busy, available];
}

function asyncUtilization(turns: readonly Turn[]): [number, number] {
  const byAgent = new Map<number, Turn[]>();
  for (const turn of turns) {
    if (turn.startMs === null) continue;
    const list = byAgent.get(turn.agent) ?? [];
    list.push(turn);
    byAgent.set(turn.agent, list);
  }
  if (byAgent.size < 2) return [0, 0];
  let busy = 0;
  let available = 0;
  for (const list of byAgent.values()) {
    const first = Math.min(...list.map((t) => t.startMs!));
    const last = Math.max(...list.map((t) => t.endMs));
    busy += list.reduce((sum, t) => sum + (t.endMs - t.startMs!), 0) / 1000;
    available += (last - first) / 1000;
  }
  return [busy, available];
}
