/**
 * n agents answer independently and in parallel; a rule turns their answers
 * into one. "majority", "plurality" and "weighted" wait for every voter;
 * "quorum" stops at the k-th agreeing answer (in logical time on the sim, in
 * arrival order on real servers) and cancels the calls still running; "judge"
 * asks one more agent to pick among the answers.
 */
import { quorumOf } from '../../../shared/domain/structures';
import type { AgentHandle, CallOutcome, TeamContext, TeamStructure } from '../engine/types';
import { StructureStuck } from '../engine/types';
import { decide, type Vote } from './consensus';

export const voteTeam: TeamStructure = {
  id: 'vote',
  async run(context) {
    const rule = String(context.params.aggregate ?? 'majority');
    const size = Number(context.params.size ?? context.agents.length);
    const voters = context.agents.slice(0, size);
    if (rule === 'quorum') return quorumVote(context, voters, quorumOf(context.params));
    const confidence = rule === 'weighted' && context.params.weightBy !== 'accuracy';
    const replies = await Promise.all(voters.map((agent) => agent.ask({ kind: 'solve', ...(confidence ? { statesConfidence: true } : {}) }, { round: 0 })));
    const answered = usable(replies);
    if (rule === 'judge') return judge(context, context.agents[size]!, answered);
    const votes: Vote[] = answered.map((r) => ({ agentIndex: r.agentIndex, answer: r.answer, weight: weightOf(context, r, rule) }));
    finish(context, rule === 'weighted' ? 'weighted' : rule === 'plurality' ? 'plurality' : 'majority', votes, answered);
  },
};

/** The replies that count; if none does, the team cannot answer at all. */
function usable(replies: readonly CallOutcome[]): CallOutcome[] {
  const ok = replies.filter((r) => r.status === 'ok');
  if (ok.length === 0) throw new StructureStuck(`Every voter's call failed (${replies.map((r) => r.status).join(', ')}).`);
  return ok;
}

function weightOf(context: TeamContext, reply: CallOutcome, rule: string): number {
  if (rule !== 'weighted') return 1;
  if (context.params.weightBy === 'accuracy') return context.agents[reply.agentIndex]?.config.weight ?? 1;
  // A voter that states no confidence counts as undecided, neither trusted nor ignored.
  return reply.confidence ?? 0.5;
}

function finish(context: TeamContext, rule: 'majority' | 'plurality' | 'weighted', votes: Vote[], inputs: CallOutcome[]): void {
  const verdict = decide(rule, votes, context.random);
  if (verdict.tie) context.event('tie_break', `${verdict.tie.join(' / ')} tied; the seeded draw chose ${verdict.answer}`, { round: 0 });
  context.decide(verdict.answer, verdict.summary, inputs);
}

async function judge(context: TeamContext, judgeAgent: AgentHandle, answered: CallOutcome[]): Promise<void> {
  const delivered = answered.map((r) => context.quote(r)).filter((d) => d !== null);
  const verdict = await judgeAgent.ask(
    { kind: 'judge', candidates: answered.map((r) => ({ agentIndex: r.agentIndex, answer: r.answer })) },
    { round: 1, delivered, waitsFor: answered },
  );
  if (verdict.status === 'ok') {
    context.decide(verdict.answer, `the judge (agent ${judgeAgent.index}) picked among ${answered.length} answers`, [verdict]);
    return;
  }
  // The judge's call failed: the votes still stand, so the team falls back to their plurality.
  context.event('judge_failed', `the judge's call ${verdict.status}; falling back to the plurality of the votes`, { agentIndex: judgeAgent.index, round: 1 });
  finish(context, 'plurality', answered.map((r) => ({ agentIndex: r.agentIndex, answer: r.answer })), answered);
}

async function quorumVote(context: TeamContext, voters: readonly AgentHandle[], quorum: number): Promise<void> {
  const stop = new AbortController();
  const counts = new Map<string, CallOutcome[]>();
  const seen: CallOutcome[] = [];
  let decided = false;
  await new Promise<void>((resolve, reject) => {
    let remaining = voters.length;
    for (const agent of voters) {
      // A rejection means the trial itself stops (cancelled, or the run paused).
      void agent.ask({ kind: 'solve' }, { round: 0, signal: stop.signal }).then((reply) => {
        remaining -= 1;
        if (!decided) {
          seen.push(reply);
          if (reply.status === 'ok' && reply.answer !== null) {
            const agreeing = [...(counts.get(reply.answer) ?? []), reply];
            counts.set(reply.answer, agreeing);
            if (agreeing.length >= quorum) {
              decided = true;
              context.event('quorum_reached', `${quorum} agents agreed on ${reply.answer}; the other calls were cancelled`, { atMs: reply.endMs, round: 0 });
              context.decide(reply.answer, `quorum of ${quorum} reached on ${reply.answer}`, agreeing);
              stop.abort();
              resolve();
            }
          }
        }
        if (remaining === 0) resolve();
      }, reject);
    }
  });
  if (decided) return;
  usable(seen);
  const votes = seen.filter((r) => r.status === 'ok').map((r) => `${r.answer ?? 'no answer'}`);
  context.decide(null, `no ${quorum} agents agreed (${votes.join(', ')}) → no answer`, seen.filter((r) => r.status === 'ok'));
}
