/** One agent answers alone: the baseline every team is compared with. */
import { StructureStuck, type TeamStructure } from '../engine/types';

export const singleAgent: TeamStructure = {
  id: 'single',
  async run(context) {
    const agent = context.agents[0]!;
    const reply = await agent.ask({ kind: 'solve' }, { round: 0 });
    if (reply.status !== 'ok') throw new StructureStuck(`The agent's call ${reply.status === 'timeout' ? 'timed out' : 'failed'}: ${reply.error ?? 'no reason given'}`);
    context.decide(reply.answer, 'the single agent’s answer', [reply]);
  },
};
