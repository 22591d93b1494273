/**
 * One released run's events as Quorum's JobEvents, so that the same metric
 * code reads imported runs and Quorum's own (docs/job-metrics.md, "Imported
 * runs"). What the conversion adds or drops, and why:
 *
 * - `initialize` is left out: it carries the team's size and agent names,
 *   which the run's cell holds. Every other event is kept, in file order.
 * - The released file names the agent only on `agent_reply` and
 *   `claim_task`. The paper's loop applies a reply's actions right after the
 *   reply returns, so every event between an agent's reply and the next reply
 *   is that agent's: the conversion gives it that agent. (Checked on the
 *   released data: every `claim_task` so attributed names the same agent it
 *   carries, and every such event falls in the reply's round.)
 * - `lock_attempt` has no timestamp; it is placed at its edit's time (the
 *   next event's). The file records no lock outcome, so `ok` stays null: the
 *   paper's lock was taken and released inside one synchronous call and never
 *   contended.
 * - `run_end`'s reason is not released; it is `all_done` for a successful run
 *   and `max_rounds` for the others (every failed run stopped at its cap).
 * - Times become milliseconds from the run's `run_start`.
 */
import { JOB_EVENT_KINDS, type JobEvent, type JobEventKind } from '../../../shared/domain/jobs';
import type { PaperEvent } from './paper-files';
import { agentIndex } from './paper-mapping';

const KINDS: ReadonlySet<string> = new Set(JOB_EVENT_KINDS);

/** Event types of the released file that Quorum leaves out, and why (shown by the import). */
export const DROPPED_EVENT_TYPES: Readonly<Record<string, string>> = {
  initialize: "the team's size and agent names, which the run's cell holds",
};

export interface ConvertedRun {
  events: JobEvent[];
  /** Released events of a type Quorum does not know (neither kept nor in DROPPED_EVENT_TYPES), by type. */
  unknown: Map<string, number>;
}

/** Event types whose agent the conversion takes from the reply they follow. */
const FOLLOWS_REPLY: ReadonlySet<string> = new Set(['lock_attempt', 'edit_file', 'claim_task', 'claim_blocked', 'complete_task', 'run_tests']);

export function convertRunEvents(released: readonly PaperEvent[], success: boolean): ConvertedRun {
  const start = released.find((e) => e.type === 'run_start')?.ts ?? firstTimestamp(released);
  const events: JobEvent[] = [];
  const unknown = new Map<string, number>();
  let replyAgent: number | null = null;
  let replyRound: number | null = null;
  for (let index = 0; index < released.length; index++) {
    const raw = released[index]!;
    if (raw.type in DROPPED_EVENT_TYPES) continue;
    if (!KINDS.has(raw.type)) {
      unknown.set(raw.type, (unknown.get(raw.type) ?? 0) + 1);
      continue;
    }
    const kind = raw.type as JobEventKind;
    let agent = agentIndex(raw.agent);
    if (kind === 'agent_reply') {
      replyAgent = agent;
      replyRound = raw.round;
    } else if (kind === 'round_start') {
      replyAgent = null;
      replyRound = raw.round;
    } else if (agent === null && FOLLOWS_REPLY.has(kind) && raw.round === replyRound) {
      agent = replyAgent;
    }
    const ts = raw.ts ?? nextTimestamp(released, index) ?? start;
    events.push({
      kind,
      round: raw.round,
      agent,
      atMs: start === null || ts === null ? 0 : (ts - start) * 1000,
      ...(raw.path === null ? {} : { path: raw.path }),
      ...(raw.returncode === null ? {} : { returncode: raw.returncode }),
      ...(raw.seconds === null ? {} : { seconds: raw.seconds }),
      ...(kind === 'run_end' ? { detail: success ? 'all_done' : 'max_rounds' } : {}),
    });
  }
  return { events, unknown };
}

function firstTimestamp(events: readonly PaperEvent[]): number | null {
  for (const event of events) if (event.ts !== null) return event.ts;
  return null;
}

function nextTimestamp(events: readonly PaperEvent[], index: number): number | null {
  for (let at = index + 1; at < events.length; at++) {
    const ts = events[at]!.ts;
    if (ts !== null) return ts;
  }
  return null;
}
