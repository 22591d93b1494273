/**
 * The runner lease: which process is running an experiment. Several processes
 * (the desktop app, a CLI run) may share one file, and only one may run a given
 * experiment at a time. The holder proves it is alive by heartbeats; a lease
 * whose heartbeat is older than the stale threshold is free for the taking.
 */
import type { Database, Statement } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { StoreError, type RunnerLease } from './types';

/** Who holds an experiment's lease, for messages that name the process. */
export interface LeaseHolder {
  pid: number | null;
  hostname: string | null;
  heartbeatAtMs: number | null;
  /** On this machine: whether the process still runs ('zombie': it exited and its parent has not reaped it). */
  process: 'alive' | 'zombie' | 'gone' | 'elsewhere';
}

/** A runner that has not beaten for this long is presumed dead. Heartbeats should come every few seconds. */
export const LEASE_STALE_MS = 15_000;

export class LeaseRepository {
  private readonly takeLease: Statement<[Record<string, unknown>]>;
  private readonly beat: Statement<[Record<string, unknown>]>;
  private readonly release: Statement<[Record<string, unknown>]>;
  private readonly interruptStale: Statement<[Record<string, unknown>], { id: string }>;
  private readonly experimentExists: Statement<[string], { found: number }>;
  private readonly localHolders: Statement<[string], { id: string; runner_pid: number | null }>;
  private readonly expireLease: Statement<[string]>;
  private readonly deleteStalePlans: Statement<[Record<string, unknown>], { id: string }>;
  private readonly selectHolder: Statement<[string], { runner_pid: number | null; runner_host: string | null; heartbeat_at_ms: number | null }>;

  constructor(db: Database) {
    // One conditional UPDATE: SQLite's write lock makes check-and-take atomic
    // across processes, with no window between reading and writing the holder.
    this.takeLease = db.prepare(`
      UPDATE experiments SET runner_id = @runnerId, runner_pid = @pid, runner_host = @hostname, heartbeat_at_ms = @heartbeatAtMs
      WHERE id = @id
        AND (runner_id IS NULL OR runner_id = @runnerId OR heartbeat_at_ms IS NULL OR heartbeat_at_ms < @heartbeatAtMs - @staleMs)`);
    this.beat = db.prepare('UPDATE experiments SET heartbeat_at_ms = @nowMs WHERE id = @id AND runner_id = @runnerId');
    this.release = db.prepare(`
      UPDATE experiments SET runner_id = NULL, runner_pid = NULL, runner_host = NULL, heartbeat_at_ms = NULL
      WHERE id = @id AND runner_id = @runnerId`);
    // The lease is cleared too, so a runner that was only frozen (a laptop lid
    // closed) learns from its next heartbeat that it no longer holds the experiment.
    this.interruptStale = db.prepare(`
      UPDATE experiments SET status = 'interrupted', runner_id = NULL, runner_pid = NULL, runner_host = NULL, heartbeat_at_ms = NULL
      WHERE status = 'running' AND (heartbeat_at_ms IS NULL OR heartbeat_at_ms < @nowMs - @staleMs)
      RETURNING id`);
    this.experimentExists = db.prepare('SELECT 1 AS found FROM experiments WHERE id = ?');
    this.localHolders = db.prepare('SELECT id, runner_pid FROM experiments WHERE runner_id IS NOT NULL AND runner_host = ?');
    this.expireLease = db.prepare('UPDATE experiments SET heartbeat_at_ms = NULL WHERE id = ?');
    // A plan whose planner stopped beating never finished: nothing ran from it,
    // so it is removed (its cells, items and trials go with it by cascade).
    this.deleteStalePlans = db.prepare(`
      DELETE FROM experiments
      WHERE status = 'planning' AND (heartbeat_at_ms IS NULL OR heartbeat_at_ms < @nowMs - @staleMs)
      RETURNING id`);
    this.selectHolder = db.prepare('SELECT runner_pid, runner_host, heartbeat_at_ms FROM experiments WHERE id = ? AND runner_id IS NOT NULL');
  }

  /** The process holding the experiment's lease, or null when nobody does. */
  holder(experimentId: string): LeaseHolder | null {
    const row = this.selectHolder.get(experimentId);
    if (!row) return null;
    const local = row.runner_host === hostname() && row.runner_pid !== null;
    return {
      pid: row.runner_pid,
      hostname: row.runner_host,
      heartbeatAtMs: row.heartbeat_at_ms,
      process: local ? processState(row.runner_pid!) : 'elsewhere',
    };
  }

  /**
   * A lease held on this machine by a process that no longer exists (killed,
   * crashed) is stale at once, without waiting out the heartbeat threshold.
   * Leases from other machines sharing the file can only go stale by time.
   */
  private expireDeadLocalHolders(): void {
    for (const row of this.localHolders.all(hostname())) {
      if (row.runner_pid !== null && row.runner_pid !== process.pid && processState(row.runner_pid) !== 'alive') this.expireLease.run(row.id);
    }
  }

  /**
   * Takes the experiment for `lease.runnerId`, with `lease.heartbeatAtMs` as
   * now. False when another runner holds it and beat within `staleMs`;
   * re-acquiring one's own lease succeeds and refreshes it.
   */
  acquire(experimentId: string, lease: RunnerLease, staleMs: number = LEASE_STALE_MS): boolean {
    this.expireDeadLocalHolders();
    const result = this.takeLease.run({ id: experimentId, ...lease, staleMs });
    if (result.changes > 0) return true;
    this.requireExperiment(experimentId);
    return false;
  }

  /** Records that the runner is alive. False when it no longer holds the lease: it should stop. */
  heartbeat(experimentId: string, runnerId: string, nowMs: number = Date.now()): boolean {
    return this.beat.run({ id: experimentId, runnerId, nowMs }).changes > 0;
  }

  /** Gives the lease up; does nothing if `runnerId` does not hold it. */
  releaseLease(experimentId: string, runnerId: string): void {
    this.release.run({ id: experimentId, runnerId });
  }

  /** Experiments left 'running' by a runner that stopped beating become 'interrupted'; returns their ids. */
  markInterrupted(nowMs: number, staleMs: number = LEASE_STALE_MS): string[] {
    this.expireDeadLocalHolders();
    this.deleteStalePlans.all({ nowMs, staleMs });
    return this.interruptStale.all({ nowMs, staleMs }).map((row) => row.id);
  }

  private requireExperiment(experimentId: string): void {
    if (this.experimentExists.get(experimentId) === undefined) {
      throw new StoreError(`There is no experiment "${experimentId}".`, 'not_found');
    }
  }
}

/**
 * Whether a process of this machine still runs. A zombie (exited, not yet
 * reaped by its parent) answers signal 0 like a live process, but will never
 * beat again, so on Linux its state letter in /proc decides.
 */
export function processState(pid: number): 'alive' | 'zombie' | 'gone' {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  try {
    // The state letter follows the command name, which is in parentheses and may itself contain spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return 'zombie';
  } catch {
    // No /proc (macOS, Windows): signal 0 is all we have.
  }
  return 'alive';
}
