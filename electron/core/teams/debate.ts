/**
 * Agents answer, then revise over rounds after reading their neighbours'
 * answers; a final vote of every agent's last answer decides.
 *
 * Round 0 is the same `solve` call a vote makes (same coordinates, so the same
 * seed): the first round of a debate draws what a vote of the same agents
 * draws. After each round but the last, each agent's answer is sent once to the
 * agents that listen to it under the cell's topology.
 *
 * "sync": every call of a round waits for the previous round (all of it, or
 * the first `quorum` answers, after which the stragglers are cancelled).
 * "async": no barrier; each agent's next turn starts when its own last call
 * ends and reads the latest answer each neighbour had sent by then.
 */
import type { AgentHandle, CallOutcome, Delivery, TeamContext, TeamStructure } from '../engine/types';
import { StructureStuck } from '../engine/types';
import { decide } from './consensus';

export const debateTeam: TeamStructure = {
  id: 'debate',
  async run(context) {
    const rounds = Number(context.params.rounds ?? 0);
    const lastAnswers = context.params.mode === 'async' ? await asyncDebate(context, rounds) : await syncDebate(context, rounds);
    finalVote(context, lastAnswers, rounds);
  },
};

/** For each agent, the agents that have it as a neighbour: who its one message per round goes to. */
function listenersOf(context: TeamContext): number[][] {
  const listeners = context.agents.map((): number[] => []);
  for (const reader of context.agents) for (const speaker of context.network.neighbours(reader.index)) listeners[speaker]!.push(reader.index);
  return listeners;
}

function reviseAsk(own: CallOutcome | null, seen: readonly Delivery[]) {
  return { kind: 'revise' as const, own: own?.answer ?? null, peers: seen.map((d) => ({ agentIndex: d.fromAgent, answer: d.answer })) };
}

/** Each agent's latest successful call: the answer that counts in the final vote. */
type LastAnswers = Array<CallOutcome | null>;

async function syncDebate(context: TeamContext, rounds: number): Promise<LastAnswers> {
  const { agents, network } = context;
  const quorum = context.params.quorum === undefined ? agents.length : Number(context.params.quorum);
  const listeners = listenersOf(context);
  const last: LastAnswers = agents.map(() => null);
  let sent: Array<Delivery | null> = agents.map(() => null);
  let previous: CallOutcome[] = [];
  for (let round = 0; round <= rounds; round++) {
    const stop = new AbortController();
    const barrier = previous;
    const inbox = sent;
    const asks = agents.map((agent) => {
      if (round === 0) return agent.ask({ kind: 'solve' }, { round, signal: stop.signal });
      const seen = network.neighbours(agent.index).flatMap((from) => (inbox[from] ? [inbox[from]] : []));
      return agent.ask(reviseAsk(last[agent.index] ?? null, seen), { round, own: last[agent.index], delivered: seen, waitsFor: barrier, signal: stop.signal });
    });
    const closed = await closeRound(context, asks, quorum, round, stop);
    for (const call of closed) if (call.status === 'ok') last[call.agentIndex] = call;
    sent = agents.map(() => null);
    // No message after the last round: nobody would read it.
    if (round < rounds) for (const call of closed) if (call.status === 'ok') sent[call.agentIndex] = network.send(call, listeners[call.agentIndex]!, 'peer');
    previous = closed;
  }
  return last;
}

/**
 * The calls of a round that ended before it closed, in release order: at the
 * `quorum`-th answer (the rest are cancelled), or when every call has ended.
 */
function closeRound(context: TeamContext, asks: ReadonlyArray<Promise<CallOutcome>>, quorum: number, round: number, stop: AbortController): Promise<CallOutcome[]> {
  return new Promise((resolve, reject) => {
    const closed: CallOutcome[] = [];
    let answered = 0;
    let remaining = asks.length;
    for (const ask of asks) {
      // A rejection means the trial itself stops (cancelled, or the run paused): the round ends with it.
      void ask.then((call) => {
        remaining -= 1;
        // Cancelled stragglers still come back (to be recorded); the round is over for them.
        if (stop.signal.aborted) return;
        closed.push(call);
        if (call.status === 'ok') answered += 1;
        if (remaining === 0) return resolve(closed);
        if (answered >= quorum) {
          context.event('round_closed', `round ${round} closed at ${quorum} answers; ${remaining} call${remaining === 1 ? '' : 's'} still running were cancelled`, { round, atMs: call.endMs });
          stop.abort();
          resolve(closed);
        }
      }, reject);
    }
  });
}

async function asyncDebate(context: TeamContext, rounds: number): Promise<LastAnswers> {
  const { agents, network } = context;
  const listeners = listenersOf(context);
  const last: LastAnswers = agents.map(() => null);
  // What each agent has been sent so far, oldest first.
  const inboxes = agents.map((): Delivery[] => []);
  const post = (call: CallOutcome) => {
    const delivery = network.send(call, listeners[call.agentIndex]!, 'peer');
    if (delivery) for (const reader of listeners[call.agentIndex]!) inboxes[reader]!.push(delivery);
  };
  // The latest message from each neighbour sent by `atMs` (a failed call is not gated, so later ones may already be in).
  const latestSeen = (agent: AgentHandle, atMs: number): Delivery[] =>
    network.neighbours(agent.index).flatMap((from) => {
      const fromThem = inboxes[agent.index]!.filter((d) => d.fromAgent === from && d.atMs <= atMs);
      return fromThem.length > 0 ? [fromThem[fromThem.length - 1]!] : [];
    });

  // One loop per agent: its turns follow each other, never anyone else's.
  await Promise.all(
    agents.map(async (agent) => {
      let call = await agent.ask({ kind: 'solve' }, { round: 0 });
      for (let round = 1; round <= rounds; round++) {
        if (call.status === 'ok') {
          last[agent.index] = call;
          post(call);
        }
        const seen = latestSeen(agent, call.endMs);
        call = await agent.ask(reviseAsk(last[agent.index] ?? null, seen), { round, own: last[agent.index], delivered: seen });
      }
      if (call.status === 'ok') last[agent.index] = call;
    }),
  );
  return last;
}

function finalVote(context: TeamContext, last: LastAnswers, rounds: number): void {
  const answered = last.filter((call) => call !== null);
  if (answered.length === 0) throw new StructureStuck('Every debater\'s every call failed: there is no answer to vote on.');
  const rule = context.params.finalRule === 'majority' ? 'majority' : 'plurality';
  const verdict = decide(rule, answered.map((call) => ({ agentIndex: call.agentIndex, answer: call.answer })), context.random);
  if (verdict.tie) context.event('tie_break', `${verdict.tie.join(' / ')} tied; the seeded draw chose ${verdict.answer}`, { round: rounds });
  context.decide(verdict.answer, `last answers of ${answered.length} debaters: ${verdict.summary}`, answered);
}
