/**
 * What a sim agent does on a coding turn (docs/sim-backend.md, "Coding
 * teams"). It reads the turn's view from the intent — the board as the turn
 * began, its latest test results, its teammates' news — never the prompt,
 * and decides which actions to write; coding-reply.ts writes them in the
 * same tag format real models use, so the parser and the board treat both
 * alike. Every number here is documented with the knob behind it.
 *
 * - Capacity: at most CODING_SIM.filesPerTurn subtasks per reply, fixes
 *   first. It builds only on what the board shows done when the turn began,
 *   so a chain advances at most one link per reply.
 * - Fixes: each of its own subtasks whose latest tests failed is written
 *   again (and tested again).
 * - New work: its ready subtasks in board order; a claiming agent picks
 *   ready pending ones (the first in board order, or with probability
 *   claimSpread one at random). Agents reading the same board pick the
 *   same subtasks and collide: the board gives each to the first claim it
 *   applies, and the others' writes meet its lock. With probability
 *   claimAheadRate a claiming agent also tries to reserve the first pending
 *   subtask still waiting for a dependency (it writes nothing for it): the
 *   board refuses it (claim_blocked) unless the dependency was completed
 *   by a reply applied before its own.
 * - The lead assigns every ready pending subtask to the least loaded agent
 *   (ties: the agent of its last-listed dependency, then the lowest index),
 *   itself included, then works its own.
 * - Bugs: each file written is, with probability b = sigmoid(−(skill +
 *   bugOffset)), one of the job's documented buggy variants, else the
 *   reference solution (a Byzantine agent always writes a bug).
 * - It claims what it works on, completes it in the same reply without
 *   waiting for the tests (as the paper's agents did), and runs the tests
 *   of what it wrote.
 */
import type { CodingJob } from '../../../../shared/domain/jobs';
import type { BoardLine, CodingTurnView } from '../../teams/coding/turn-view';
import { workOf } from '../../teams/coding/view';
import type { Rng } from '../../util/random';
import { sigmoid } from './draws';
import type { SimProfile } from './profiles';

export const CODING_SIM = {
  /** Subtasks an agent works in one reply (fixes included). */
  filesPerTurn: 3,
  /** Claiming: chance that a pick is a random ready subtask rather than the first on the board. */
  claimSpread: 0.25,
  /** Claiming: chance per turn of also trying to reserve a subtask still waiting for a dependency. */
  claimAheadRate: 0.3,
  /** b = sigmoid(−(skill + bugOffset)): a file's chance of being a buggy variant. */
  bugOffset: 2.5,
} as const;

/** A file's chance of being written with a bug, for a profile. */
export function bugProbability(profile: Pick<SimProfile, 'skill'>): number {
  return sigmoid(-(profile.skill + CODING_SIM.bugOffset));
}

export interface WrittenFile {
  path: string;
  content: string;
  /** The documented mistake, when the sim wrote a buggy variant. */
  mistake: string | null;
}

/** A sim agent's turn, decided: what it says about its teammates and what it does. */
export interface CodingTurnPlan {
  /** Teammates' latest turns it read (one sentence each in the reply). */
  seen: CodingTurnView['updates'];
  assigns: Array<{ task: string; to: number }>;
  claims: string[];
  writes: Array<{ task: string; title: string; uses: string[]; files: WrittenFile[]; fix: boolean }>;
  completes: string[];
  tests: string[];
  /** Why it does nothing, when it does nothing. */
  idle: string | null;
}

/** The stub the sim writes where a job has no reference solution (an imported task file): its tests fail. */
export function stubFile(path: string, job: Pick<CodingJob, 'language'>): string {
  return job.language === 'python' ? `# ${path}: the sim has no solution for an imported job\n` : `// ${path}: the sim has no solution for an imported job\n`;
}

function fileFor(job: CodingJob, path: string, buggy: boolean, rng: Rng): WrittenFile {
  const bugs = job.bugs?.[path] ?? [];
  if (buggy && bugs.length > 0) {
    const bug = rng.pick(bugs);
    return { path, content: bug.content, mistake: bug.mistake };
  }
  const solution = job.solutions?.[path];
  return { path, content: solution ?? stubFile(path, job), mistake: null };
}

/** The lead's assignments: every ready pending subtask to the least loaded agent. */
function leadAssignments(view: CodingTurnView, open: readonly BoardLine[]): Array<{ task: string; to: number }> {
  const load = Array.from({ length: view.teamSize }, (_, agent) => view.board.filter((l) => l.owner === agent && l.status !== 'done').length);
  const ownerOf = new Map(view.board.map((l) => [l.id, l.owner]));
  const assigns: Array<{ task: string; to: number }> = [];
  for (const line of open) {
    const least = Math.min(...load);
    const last = line.dependencies[line.dependencies.length - 1];
    const affinity = last === undefined ? null : (ownerOf.get(last) ?? null);
    const to = affinity !== null && load[affinity] === least ? affinity : load.indexOf(least);
    load[to]! += 1;
    assigns.push({ task: line.id, to });
  }
  return assigns;
}

/** Self-claim picks: ready pending subtasks, the first on the board or, some of the time, one at random. */
function claimPicks(view: CodingTurnView, slots: number, rng: Rng): string[] {
  const open = view.board.filter((l) => l.status === 'pending' && l.ready).map((l) => l.id);
  const picks: string[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const left = open.filter((id) => !picks.includes(id));
    if (left.length === 0) break;
    picks.push(rng.next() < CODING_SIM.claimSpread ? rng.pick(left) : left[0]!);
  }
  return picks;
}

/** A reservation of the first pending subtask still waiting for a dependency, some of the time. */
function claimAhead(view: CodingTurnView, rng: Rng): string | null {
  const waiting = view.board.find((l) => l.status === 'pending' && !l.ready);
  return waiting !== undefined && rng.next() < CODING_SIM.claimAheadRate ? waiting.id : null;
}

export function planCodingTurn(view: CodingTurnView, job: CodingJob, profile: Pick<SimProfile, 'skill'>, adversary: boolean, rng: Rng): CodingTurnPlan {
  const bug = adversary ? 1 : bugProbability(profile);
  const plan: CodingTurnPlan = { seen: view.updates, assigns: [], claims: [], writes: [], completes: [], tests: [], idle: null };
  const work = workOf(view);
  const byId = new Map(view.board.map((l) => [l.id, l]));
  const mine = (id: string) => byId.get(id)?.owner === view.agent;

  if (view.lead) plan.assigns = leadAssignments(view, work.open);
  const assignedToMe = plan.assigns.filter((a) => a.to === view.agent).map((a) => byId.get(a.task)!);

  const failing = (view.tests?.failing ?? []).filter(mine);
  let slots = CODING_SIM.filesPerTurn;
  const workOn: Array<{ id: string; fix: boolean }> = [];
  for (const id of failing.slice(0, slots)) workOn.push({ id, fix: true });
  slots -= workOn.length;
  const fresh = [...work.ready, ...assignedToMe].map((l) => l.id).filter((id) => !workOn.some((w) => w.id === id));
  for (const id of fresh.slice(0, slots)) workOn.push({ id, fix: false });
  slots = CODING_SIM.filesPerTurn - workOn.length;
  if (view.mode === 'self-claim' && slots > 0) for (const id of claimPicks(view, slots, rng)) workOn.push({ id, fix: false });
  const reserve = view.mode === 'self-claim' ? claimAhead(view, rng) : null;

  for (const { id, fix } of workOn) {
    const line = byId.get(id)!;
    if (line.status !== 'claimed' && line.status !== 'done') plan.claims.push(id);
    plan.writes.push({ task: id, title: line.title, uses: line.dependencies, fix, files: line.files.map((path) => fileFor(job, path, rng.next() < bug, rng)) });
    if (line.status !== 'done') plan.completes.push(id);
    plan.tests.push(id);
  }
  if (reserve !== null) plan.claims.push(reserve);
  if (workOn.length === 0 && plan.assigns.length === 0 && reserve === null) {
    const waiting = work.waiting.map((l) => `${l.id} (needs ${l.dependencies.join(', ')})`);
    plan.idle = waiting.length > 0 ? `Nothing of mine is ready: ${waiting.slice(0, 3).join('; ')}.` : 'Nothing is ready for me this turn.';
  }
  return plan;
}
