/**
 * The task board of a coding job: each subtask's owner, status and
 * dependencies, and the rules for changing them (docs/coding-teams.md).
 *
 * - A claim on a subtask whose dependencies are not all done is refused
 *   ("blocked", the paper's claim_blocked); so is a claim on a subtask
 *   someone else holds or that is done.
 * - Completing checks that the agent owns the subtask, that its files were
 *   written and — unlike the paper, whose completion checked ownership only —
 *   that every dependency is done.
 * - Only claim modes let an agent claim a pending subtask; elsewhere subtasks
 *   are given out (pre-assigned, by the lead, or stolen).
 */
import type { CodingJob, JobSubtask } from '../../../../shared/domain/jobs';
import type { BoardLine, SubtaskStatus } from './turn-view';

interface Entry {
  subtask: JobSubtask;
  status: SubtaskStatus;
  owner: number | null;
}

export type ClaimVerdict = { ok: true; detail: string } | { ok: false; blocked: boolean; detail: string };

export interface Verdict {
  ok: boolean;
  detail: string;
}

/** Subtasks in a topological order that keeps the job's listing order wherever the dependencies allow. */
export function topologicalOrder(subtasks: readonly JobSubtask[]): JobSubtask[] {
  const ids = new Set(subtasks.map((s) => s.id));
  const placed = new Set<string>();
  const order: JobSubtask[] = [];
  while (order.length < subtasks.length) {
    // Unknown dependency ids (a damaged task file) are ignored rather than blocking forever.
    const next = subtasks.find((s) => !placed.has(s.id) && s.dependencies.every((d) => placed.has(d) || !ids.has(d)));
    if (!next) throw new Error(`The job's dependencies form a cycle among ${subtasks.filter((s) => !placed.has(s.id)).map((s) => s.id).join(', ')}.`);
    placed.add(next.id);
    order.push(next);
  }
  return order;
}

export class TaskBoard {
  private readonly entries = new Map<string, Entry>();
  /** Board order: topological, as the job lists its subtasks where it can. */
  readonly order: readonly string[];
  private readonly rank = new Map<string, number>();
  /** Grows with every change of owner or status: agents asleep wake when it moves. */
  private changes = 0;

  constructor(job: Pick<CodingJob, 'subtasks'>) {
    const ordered = topologicalOrder(job.subtasks);
    this.order = ordered.map((s) => s.id);
    ordered.forEach((subtask, i) => {
      this.entries.set(subtask.id, { subtask, status: 'pending', owner: null });
      this.rank.set(subtask.id, i);
    });
  }

  get version(): number {
    return this.changes;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  subtask(id: string): JobSubtask {
    return this.entry(id).subtask;
  }

  status(id: string): SubtaskStatus {
    return this.entry(id).status;
  }

  owner(id: string): number | null {
    return this.entry(id).owner;
  }

  /** Position on the board (topological). */
  rankOf(id: string): number {
    return this.rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  isReady(id: string): boolean {
    return this.entry(id).subtask.dependencies.every((d) => !this.entries.has(d) || this.entries.get(d)!.status === 'done');
  }

  allDone(): boolean {
    for (const entry of this.entries.values()) if (entry.status !== 'done') return false;
    return true;
  }

  doneCount(): number {
    let done = 0;
    for (const entry of this.entries.values()) if (entry.status === 'done') done++;
    return done;
  }

  /** The subtask whose files include `path`, if any. */
  subtaskOfFile(path: string): string | null {
    for (const id of this.order) if (this.entries.get(id)!.subtask.files.includes(path)) return id;
    return null;
  }

  /** The subtasks `agent` holds that are not done, in board order. */
  unfinishedOf(agent: number): string[] {
    return this.order.filter((id) => {
      const entry = this.entries.get(id)!;
      return entry.owner === agent && entry.status !== 'done';
    });
  }

  /** The subtasks `agent` holds whose dependencies are all done and that are not done yet. */
  actionableOf(agent: number): string[] {
    return this.unfinishedOf(agent).filter((id) => this.isReady(id));
  }

  /** Pending subtasks (nobody holds them); `readyOnly` keeps those whose dependencies are done. */
  pending(readyOnly: boolean): string[] {
    return this.order.filter((id) => this.entries.get(id)!.status === 'pending' && (!readyOnly || this.isReady(id)));
  }

  /** Subtasks given to an agent at the start (pre-assignment) or by a lead. */
  assign(id: string, agent: number): void {
    const entry = this.entry(id);
    entry.owner = agent;
    entry.status = 'assigned';
    this.changes++;
  }

  /**
   * `agent` takes `id` on. A subtask it was given becomes claimed; a pending
   * one only where `pendingClaimable` (claim modes), and only once its
   * dependencies are done.
   */
  claim(agent: number, id: string, pendingClaimable: boolean): ClaimVerdict {
    const entry = this.entry(id);
    if (entry.status === 'done') return { ok: false, blocked: false, detail: `${id} is already done` };
    if (entry.owner !== null && entry.owner !== agent) return { ok: false, blocked: false, detail: `agent ${entry.owner} holds ${id}` };
    if (entry.owner === null && !pendingClaimable) return { ok: false, blocked: false, detail: `${id} is not yours: in this team subtasks are given out, not claimed` };
    const waiting = this.unfinishedDependencies(id);
    if (waiting.length > 0) return { ok: false, blocked: true, detail: `${id} waits for ${waiting.join(', ')} to be done` };
    if (entry.status === 'claimed') return { ok: true, detail: `you already hold ${id}` };
    entry.owner = agent;
    entry.status = 'claimed';
    this.changes++;
    return { ok: true, detail: `you hold ${id}` };
  }

  /** Marks `id` done when `agent` owns it, its files were written and its dependencies are done. */
  complete(agent: number, id: string, written: (path: string) => boolean): Verdict {
    const entry = this.entry(id);
    if (entry.status === 'done') return { ok: false, detail: `${id} is already done` };
    if (entry.owner !== agent) return { ok: false, detail: entry.owner === null ? `${id} is not yours: nobody holds it` : `${id} is agent ${entry.owner}'s, not yours` };
    const missing = entry.subtask.files.filter((path) => !written(path));
    if (missing.length > 0) return { ok: false, detail: `${id} is not done: ${missing.join(', ')} has not been written` };
    const waiting = this.unfinishedDependencies(id);
    if (waiting.length > 0) return { ok: false, detail: `${id} cannot be done before ${waiting.join(', ')}` };
    entry.status = 'done';
    this.changes++;
    return { ok: true, detail: `${id} is done` };
  }

  /** The board as agents read it. */
  lines(): BoardLine[] {
    return this.order.map((id) => {
      const { subtask, status, owner } = this.entries.get(id)!;
      return { id, title: subtask.title, status, owner, dependencies: [...subtask.dependencies], files: [...subtask.files], ready: this.isReady(id) };
    });
  }

  /**
   * The board's id for what an agent wrote: exact, else ignoring case, else
   * by its number ("3", "task 3", "#3" → "task-3" when the board has it).
   */
  resolveId(raw: string): string | null {
    const text = raw.trim();
    if (this.entries.has(text)) return text;
    const lower = text.toLowerCase();
    for (const id of this.order) if (id.toLowerCase() === lower) return id;
    const digits = /(\d+)\s*$/.exec(text)?.[1];
    if (digits === undefined) return null;
    const number = String(Number(digits));
    return this.order.find((id) => /(\d+)$/.exec(id)?.[1] === number) ?? null;
  }

  private unfinishedDependencies(id: string): string[] {
    return this.entry(id).subtask.dependencies.filter((d) => this.entries.has(d) && this.entries.get(d)!.status !== 'done');
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`There is no subtask ${id} on the board.`);
    return entry;
  }
}
