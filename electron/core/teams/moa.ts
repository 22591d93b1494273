/**
 * Mixture of agents: L layers of n proposers (agents 0…n−1) and one
 * aggregator (agent n). The first layer answers the task; every later
 * proposer answers again after reading all n proposals of the layer before
 * (its own included); the aggregator writes the answer from the last layer's
 * proposals. Lost proposals are left out; a layer with none left stops the
 * team; a failed aggregator falls back to the plurality of the last layer.
 */
import type { AgentHandle, CallOutcome, TeamContext, TeamStructure } from '../engine/types';
import { StructureStuck } from '../engine/types';
import { decide } from './consensus';

export const moaTeam: TeamStructure = {
  id: 'moa',
  async run(context) {
    const layers = Number(context.params.layers ?? 1);
    const n = Number(context.params.proposers ?? context.agents.length - 1);
    const proposers = context.agents.slice(0, n);
    const aggregator = context.agents[n];
    if (!aggregator) throw new StructureStuck('The mixture of agents has no aggregator.');

    let layer = await Promise.all(proposers.map((p) => p.ask({ kind: 'solve' }, { round: 0 })));
    for (let round = 1; round < layers; round++) layer = await nextLayer(context, proposers, layer, round);

    const proposals = usable(layer, layers);
    const delivered = proposals.map((p) => context.network.send(p, [aggregator.index], 'proposal')!);
    const lost = layer.filter((p) => p.status !== 'ok');
    const verdict = await aggregator.ask({ kind: 'aggregate', candidates: proposals.map(seen) }, { round: layers, delivered, waitsFor: lost });
    if (verdict.status === 'ok') {
      context.decide(verdict.answer, `the aggregator (agent ${aggregator.index}) combined ${proposals.length} proposals`, [verdict]);
      return;
    }
    // The proposals still stand: the team falls back to their plurality rather than to no answer.
    context.event('aggregator_failed', `the aggregator's call ${verdict.status}; falling back to the plurality of the last layer`, { agentIndex: aggregator.index, round: layers, atMs: verdict.endMs });
    const fallback = decide('plurality', proposals.map((p) => ({ agentIndex: p.agentIndex, answer: p.answer })), context.random);
    if (fallback.tie) context.event('tie_break', `${fallback.tie.join(' / ')} tied; the seeded draw chose ${fallback.answer}`, { round: layers });
    context.decide(fallback.answer, fallback.summary, proposals);
  },
};

async function nextLayer(context: TeamContext, proposers: readonly AgentHandle[], previous: readonly CallOutcome[], round: number): Promise<CallOutcome[]> {
  const proposals = usable(previous, round);
  const everyone = proposers.map((p) => p.index);
  const delivered = proposals.map((p) => context.network.send(p, everyone, 'proposal')!);
  const lost = previous.filter((p) => p.status !== 'ok');
  return Promise.all(
    proposers.map((proposer) => {
      const mine = proposals.find((p) => p.agentIndex === proposer.index) ?? null;
      // Its own proposal is among the delivered ones, so the prompt quotes it once and the intent names it as `own`, not as a peer.
      const peers = proposals.filter((p) => p !== mine).map(seen);
      return proposer.ask({ kind: 'revise', own: mine?.answer ?? null, peers }, { round, delivered, waitsFor: lost });
    }),
  );
}

function usable(layer: readonly CallOutcome[], round: number): CallOutcome[] {
  const ok = layer.filter((p) => p.status === 'ok');
  if (ok.length === 0) throw new StructureStuck(`Every proposer of layer ${round} failed (${layer.map((p) => p.status).join(', ')}): there is nothing to build on.`);
  return ok;
}

function seen(call: CallOutcome) {
  return { agentIndex: call.agentIndex, answer: call.answer };
}
