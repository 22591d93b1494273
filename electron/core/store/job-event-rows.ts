/** The job_events table (migration 005) read back as JobEvents. */
import type { Database, Statement } from 'better-sqlite3';
import { JOB_EVENT_KINDS, type JobEvent, type JobEventKind } from '../../../shared/domain/jobs';

interface JobEventRecord {
  kind: string;
  round: number | null;
  agent_index: number | null;
  at_ms: number;
  path: string | null;
  task_id: string | null;
  ok: number | null;
  returncode: number | null;
  seconds: number | null;
  detail: string | null;
}

const KINDS: ReadonlySet<string> = new Set(JOB_EVENT_KINDS);

export function toJobEvent(r: JobEventRecord): JobEvent | null {
  // A kind a newer Quorum records is left out rather than misread.
  if (!KINDS.has(r.kind)) return null;
  return {
    kind: r.kind as JobEventKind,
    round: r.round,
    agent: r.agent_index,
    atMs: r.at_ms,
    ...(r.path === null ? {} : { path: r.path }),
    ...(r.task_id === null ? {} : { taskId: r.task_id }),
    ...(r.ok === null ? {} : { ok: r.ok === 1 }),
    ...(r.returncode === null ? {} : { returncode: r.returncode }),
    ...(r.seconds === null ? {} : { seconds: r.seconds }),
    ...(r.detail === null ? {} : { detail: r.detail }),
  };
}

export class JobEventRows {
  private readonly ofTrial: Statement<[number], JobEventRecord>;

  constructor(db: Database) {
    this.ofTrial = db.prepare('SELECT kind, round, agent_index, at_ms, path, task_id, ok, returncode, seconds, detail FROM job_events WHERE trial_id = ? ORDER BY seq');
  }

  /** A run's events in order. */
  forTrial(trialId: number): JobEvent[] {
    return this.ofTrial.all(trialId).flatMap((r) => {
      const event = toJobEvent(r);
      return event ? [event] : [];
    });
  }
}
