/** One agent answers alone: the baseline every team is compared with. */
import { soloPrompt } from './prompts';
import type { TeamStructure } from './types';

export const singleAgent: TeamStructure = {
  id: 'single',
  async run(context) {
    const reply = await context.callAgent({
      agentIndex: 0,
      role: 'solver',
      messages: soloPrompt(context.agents, context.item),
      consumes: [],
    });
    context.decide(reply.answer, 'the single agent’s answer', [reply.seq]);
    return { answer: reply.answer };
  },
};
