/** The sim's answer to a coding turn: decide (coding-turn.ts), then write it in the action format (coding-reply.ts). */
import type { Intent } from '../../engine/intents';
import type { CodingTurnView } from '../../teams/coding/turn-view';
import type { Rng } from '../../util/random';
import { composeCodingReply } from './coding-reply';
import { planCodingTurn } from './coding-turn';
import type { SimProfile } from './profiles';

export function codingTurnReply(intent: Extract<Intent, { kind: 'code_turn' }>, profile: SimProfile, rng: Rng): string {
  const job = intent.item.job;
  if (!job) return 'There is no coding job on this item, so there is nothing to build.';
  const plan = planCodingTurn(intent.view, job, profile, intent.adversary !== undefined, rng);
  return composeCodingReply(plan, job.language, profile.formatCompliance, rng);
}

/** What a coding turn's decision depends on, as a key: agents of one model reading the same board alike share a greedy reply's draws. */
export function codingIntentKey(view: CodingTurnView): string {
  return JSON.stringify([
    'code_turn',
    view.mode,
    view.agent,
    view.lead,
    view.board.map((line) => `${line.id}:${line.status}:${line.owner ?? ''}`),
    view.tests?.failing ?? null,
    view.updates.map((u) => [u.agent, u.lines]),
  ]);
}
