/**
 * A run's events as job_events stores them, named as the paper's
 * events.parquet names its event types (shared/domain/jobs.ts). Every action
 * of every agent lands here with its agent, round, time, path, subtask,
 * whether it was allowed, a test run's return code and its length.
 */
import type { JobEvent, JobEventKind } from '../../../../shared/domain/jobs';

export interface EventFields {
  round?: number | null;
  agent?: number | null;
  path?: string | null;
  taskId?: string | null;
  ok?: boolean;
  returncode?: number;
  seconds?: number;
  detail?: string;
}

export class RunLog {
  private readonly events: JobEvent[] = [];

  add(kind: JobEventKind, atMs: number, fields: EventFields = {}): void {
    this.events.push({
      kind,
      round: fields.round ?? null,
      agent: fields.agent ?? null,
      atMs,
      ...(fields.path != null ? { path: fields.path } : {}),
      ...(fields.taskId != null ? { taskId: fields.taskId } : {}),
      ...(fields.ok !== undefined ? { ok: fields.ok } : {}),
      ...(fields.returncode !== undefined ? { returncode: fields.returncode } : {}),
      ...(fields.seconds !== undefined ? { seconds: fields.seconds } : {}),
      ...(fields.detail !== undefined ? { detail: fields.detail } : {}),
    });
  }

  /**
   * In order of time on the run's timeline; events at one moment in the
   * order they happened (a test run is recorded when it ends, which may be
   * after a teammate's later reply was applied).
   */
  all(): readonly JobEvent[] {
    return this.events.map((event, seq) => ({ event, seq })).sort((a, b) => a.event.atMs - b.event.atMs || a.seq - b.seq).map((e) => e.event);
  }
}
