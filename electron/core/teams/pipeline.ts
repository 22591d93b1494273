/**
 * Draft → critique → refine, repeated: a writer (agent 0) drafts an answer;
 * then, R times, the current draft goes to the c critics, each critiques it in
 * parallel, and the writer refines it after reading their critiques. The last
 * successful refinement is the answer. A lost critique is refined without; a
 * failed refinement leaves the previous draft current.
 */
import type { CallOutcome, TeamStructure } from '../engine/types';
import { StructureStuck } from '../engine/types';

export const pipelineTeam: TeamStructure = {
  id: 'pipeline',
  async run(context) {
    const repeats = Number(context.params.repeats ?? 1);
    const [writer, ...critics] = context.agents;
    if (!writer) throw new StructureStuck('The pipeline has no writer.');
    let draft = await writer.ask({ kind: 'solve' }, { round: 0 });
    if (draft.status !== 'ok') throw new StructureStuck(`The writer could not draft an answer: its call ${draft.status} (${draft.error ?? 'no reason given'}).`);
    let refinements = 0;

    for (let cycle = 1; cycle <= repeats; cycle++) {
      const current: CallOutcome = draft;
      const shown = context.network.send(current, critics.map((c) => c.index), 'draft');
      const critiques = await Promise.all(critics.map((critic) => critic.ask({ kind: 'critique', target: current.answer }, { round: 2 * cycle - 1, delivered: shown ? [shown] : [] })));
      const heard = critiques.filter((c) => c.status === 'ok');
      const lost = critiques.filter((c) => c.status !== 'ok');
      const delivered = heard.map((c) => context.network.send(c, [writer.index], 'critique')!);
      const revision = await writer.ask(
        // A critique that lands on the draft's own answer says "looks right" (null), as the intent defines it.
        { kind: 'refine', own: current.answer, critiques: heard.map((c) => ({ agentIndex: c.agentIndex, answer: c.answer === current.answer ? null : c.answer })) },
        { round: 2 * cycle, own: current, delivered, waitsFor: lost },
      );
      if (revision.status === 'ok') {
        draft = revision;
        refinements += 1;
      } else {
        context.event('refine_failed', `the writer's refinement in cycle ${cycle} ${revision.status}; the previous draft stays current`, { agentIndex: writer.index, round: revision.round, atMs: revision.endMs });
      }
    }
    const how = draft.intent === 'refine' ? `the writer's draft after ${refinements} of ${repeats} refinements` : "the writer's first draft (every refinement failed)";
    context.decide(draft.answer, how, [draft]);
  },
};
