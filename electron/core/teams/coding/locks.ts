/**
 * File locks that really contend (docs/coding-teams.md). Writing a file
 * takes its lock, and the writer keeps it as a lease: through the end of
 * its next turn, renewed by every write. An agent writing a file another
 * agent holds is denied and told who holds it. The paper's lock was taken
 * and released inside one write, so it never refused anyone; a lease that
 * outlives the write is what lets two agents working the same file in
 * overlapping turns collide.
 *
 * A lease lapses when its holder ends a turn without writing the file
 * again, when the holder falls idle (an asynchronous agent with nothing to
 * do lets its locks go before it sleeps), and when the run ends.
 */
export interface Lock {
  holder: number;
  /** The holder's turn (its own count, from 0) in which it last wrote the file. */
  turn: number;
  /** When it was taken or last renewed, ms on the run's timeline. */
  atMs: number;
}

export type LockVerdict = { ok: true; renewed: boolean } | { ok: false; holder: Lock };

export class LockTable {
  private readonly locks = new Map<string, Lock>();

  holderOf(path: string): Lock | null {
    return this.locks.get(path) ?? null;
  }

  /** Takes or renews `path`'s lock for `agent` in its turn `turn`; refused while another agent's lease runs. */
  acquire(path: string, agent: number, turn: number, atMs: number): LockVerdict {
    const held = this.locks.get(path);
    if (held && held.holder !== agent) return { ok: false, holder: { ...held } };
    this.locks.set(path, { holder: agent, turn, atMs });
    return { ok: true, renewed: held !== undefined };
  }

  /** `agent` finished its turn `turn`: leases it did not renew in that turn lapse. Returns the paths let go. */
  endTurn(agent: number, turn: number): string[] {
    const lapsed: string[] = [];
    for (const [path, lock] of this.locks) {
      if (lock.holder === agent && lock.turn < turn) {
        this.locks.delete(path);
        lapsed.push(path);
      }
    }
    return lapsed;
  }

  /** Lets every lock of `agent` go (it has nothing left to do). */
  releaseAll(agent: number): string[] {
    const released: string[] = [];
    for (const [path, lock] of this.locks) {
      if (lock.holder === agent) {
        this.locks.delete(path);
        released.push(path);
      }
    }
    return released;
  }
}
