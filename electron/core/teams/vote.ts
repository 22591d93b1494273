/** n agents answer independently and in parallel; a consensus rule picks the team's answer. */
import { aggregate, describeTally } from './consensus';
import { soloPrompt } from './prompts';
import type { TeamStructure } from './types';

export const voteTeam: TeamStructure = {
  id: 'vote',
  async run(context) {
    const rule = context.cell.aggregate ?? 'majority';
    const replies = await Promise.all(
      Array.from({ length: context.cell.size }, (_, agentIndex) =>
        context.callAgent({ agentIndex, role: 'voter', messages: soloPrompt(context.agents, context.item), consumes: [] }),
      ),
    );
    const votes = replies.map((r) => ({ agentIndex: r.agentIndex, answer: r.answer }));
    const answer = aggregate(rule, votes);
    context.decide(answer, describeTally(rule, votes), replies.map((r) => r.seq));
    return { answer };
  },
};
