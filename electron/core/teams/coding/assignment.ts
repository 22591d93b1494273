/**
 * Who does which subtask before the run starts, and who takes what from
 * whom during it (docs/coding-teams.md):
 *
 * - "preassign" (the paper's): in topological order, a subtask goes to the
 *   agent of its last-listed dependency; a subtask without dependencies goes
 *   round-robin. A chain therefore stays with one agent: p = 0.2 with n = 5
 *   gives loads [16, 1, 1, 1, 1].
 * - "balanced" (ours): list scheduling along the critical path with unit
 *   times (highest level first): at each step the ready subtasks, longest
 *   remaining chain first, go to the free agents, each preferring the agent
 *   of its last-listed dependency, else the one with the fewest so far.
 * - "work-stealing" (ours): the paper's pre-assignment, and an idle agent
 *   takes from the agent with the most unfinished subtasks the ready one
 *   that agent would reach last, when that agent has another ready one to
 *   work on meanwhile (stealVictim).
 */
import type { JobSubtask } from '../../../../shared/domain/jobs';
import { topologicalOrder, type TaskBoard } from './board';

export type Assignment = ReadonlyMap<string, number>;

/** The paper's pre-assignment without a lead. */
export function paperPreassignment(subtasks: readonly JobSubtask[], teamSize: number): Assignment {
  const owner = new Map<string, number>();
  let roundRobin = 0;
  for (const subtask of topologicalOrder(subtasks)) {
    const last = subtask.dependencies[subtask.dependencies.length - 1];
    const inherited = last === undefined ? undefined : owner.get(last);
    if (inherited !== undefined) owner.set(subtask.id, inherited);
    else owner.set(subtask.id, roundRobin++ % teamSize);
  }
  return owner;
}

/** Longest chain from each subtask to the end of the job, counted in subtasks (the subtask's "level"). */
export function levels(subtasks: readonly JobSubtask[]): Map<string, number> {
  const level = new Map<string, number>();
  const dependants = new Map<string, string[]>();
  for (const s of subtasks) for (const d of s.dependencies) dependants.set(d, [...(dependants.get(d) ?? []), s.id]);
  for (const subtask of [...topologicalOrder(subtasks)].reverse()) {
    const after = (dependants.get(subtask.id) ?? []).map((id) => level.get(id) ?? 0);
    level.set(subtask.id, 1 + Math.max(0, ...after));
  }
  return level;
}

/** List scheduling along the critical path, every subtask one unit of time. */
export function balancedAssignment(subtasks: readonly JobSubtask[], teamSize: number): Assignment {
  const level = levels(subtasks);
  const ordered = topologicalOrder(subtasks);
  const position = new Map(ordered.map((s, i) => [s.id, i]));
  const owner = new Map<string, number>();
  const load = Array.from({ length: teamSize }, () => 0);
  const finished = new Set<string>();
  const ids = new Set(subtasks.map((s) => s.id));
  while (owner.size < subtasks.length) {
    const ready = ordered
      .filter((s) => !owner.has(s.id) && s.dependencies.every((d) => finished.has(d) || !ids.has(d)))
      .sort((a, b) => level.get(b.id)! - level.get(a.id)! || position.get(a.id)! - position.get(b.id)!);
    const free = new Set(load.map((_, agent) => agent));
    const step: string[] = [];
    for (const subtask of ready) {
      if (free.size === 0) break;
      const last = subtask.dependencies[subtask.dependencies.length - 1];
      const previous = last === undefined ? undefined : owner.get(last);
      const agent = previous !== undefined && free.has(previous) ? previous : [...free].sort((a, b) => load[a]! - load[b]! || a - b)[0]!;
      free.delete(agent);
      owner.set(subtask.id, agent);
      load[agent]! += 1;
      step.push(subtask.id);
    }
    for (const id of step) finished.add(id);
  }
  return owner;
}

/** Subtasks per agent under an assignment. */
export function loads(assignment: Assignment, teamSize: number): number[] {
  const counts = Array.from({ length: teamSize }, () => 0);
  for (const agent of assignment.values()) counts[agent]! += 1;
  return counts;
}

/**
 * What an idle agent steals: from the agent with the most unfinished
 * subtasks (ties: lowest index) among those holding at least two subtasks
 * that are ready and not started (given, not claimed, none of its files
 * written), the one it would reach last; the victim keeps the other to work
 * on. Null when nobody has two.
 */
export function stealVictim(board: TaskBoard, thief: number, teamSize: number, started: (id: string) => boolean): { from: number; task: string } | null {
  let best: { from: number; task: string; load: number } | null = null;
  for (let agent = 0; agent < teamSize; agent++) {
    if (agent === thief) continue;
    const unfinished = board.unfinishedOf(agent);
    const stealable = unfinished.filter((id) => board.status(id) === 'assigned' && board.isReady(id) && !started(id));
    if (stealable.length < 2) continue;
    if (!best || unfinished.length > best.load) best = { from: agent, task: stealable[stealable.length - 1]!, load: unfinished.length };
  }
  return best ? { from: best.from, task: best.task } : null;
}
